// Small helpers the generated codecs share. Arrays of structs take a module-level element function
// plus the version, so reading or writing an array allocates no closure on the produce/fetch hot
// path (arrays of scalars and strings have their own functions: generated/scalar-arrays.ts).
import type { Reader } from './reader.js';
import { Writer } from './writer.js';

export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';
export const EMPTY_BYTES: Buffer = Buffer.alloc(0);

export type ReadElement<T> = (r: Reader, version: number) => T;
export type WriteElement<T> = (w: Writer, e: T, version: number) => void;

export function readArray<T>(r: Reader, compact: boolean, minElementBytes: number, read: ReadElement<T>,
  version: number): T[] | null {
  const n = r.arrayLength(compact, minElementBytes);
  if (n < 0) return null;
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = read(r, version);
  return out;
}

export function writeArray<T>(w: Writer, a: readonly T[] | null, compact: boolean, write: WriteElement<T>,
  version: number): void {
  if (a === null) {
    w.arrayLength(null, compact);
    return;
  }
  w.arrayLength(a.length, compact);
  for (let i = 0; i < a.length; i++) write(w, a[i]!, version);
}

/** Writes one tagged field whose size is not known up front: tag, size, then the value. */
export function writeTagged(w: Writer, tag: number, write: (w: Writer) => void): void {
  const body = new Writer(64);
  write(body);
  w.uvarint(tag);
  w.uvarint(body.length);
  for (const chunk of body.toBuffers()) w.raw(chunk);
}
