// Small helpers the generated codecs share.
import type { Reader } from './reader.js';
import { Writer } from './writer.js';

export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';
export const EMPTY_BYTES: Buffer = Buffer.alloc(0);

export function readArray<T>(r: Reader, compact: boolean, minElementBytes: number, read: (r: Reader) => T): T[] | null {
  const n = r.arrayLength(compact, minElementBytes);
  if (n < 0) return null;
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = read(r);
  return out;
}

export function writeArray<T>(w: Writer, a: readonly T[] | null, compact: boolean, write: (w: Writer, e: T) => void): void {
  if (a === null) {
    w.arrayLength(null, compact);
    return;
  }
  w.arrayLength(a.length, compact);
  for (let i = 0; i < a.length; i++) write(w, a[i]!);
}

/** Writes one tagged field: tag, size, then the value encoded by `write`. */
export function writeTagged(w: Writer, tag: number, write: (w: Writer) => void): void {
  const body = new Writer(64);
  write(body);
  w.uvarint(tag);
  w.uvarint(body.length);
  for (const chunk of body.toBuffers()) w.raw(chunk);
}
