// Small helpers the generated codecs share. Arrays take a module-level element function plus the
// version, so reading or writing an array allocates no closure on the produce/fetch hot path.
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

// Element functions for arrays of scalars and strings (a non-nullable element read as null is '').
export const readBoolElement = (r: Reader): boolean => r.bool();
export const readInt8Element = (r: Reader): number => r.int8();
export const readInt16Element = (r: Reader): number => r.int16();
export const readUint16Element = (r: Reader): number => r.uint16();
export const readInt32Element = (r: Reader): number => r.int32();
export const readInt64Element = (r: Reader): number => r.int64();
export const readFloat64Element = (r: Reader): number => r.float64();
export const readUuidElement = (r: Reader): string => r.uuid();
export const readStringElement = (r: Reader): string => r.string(false) ?? '';
export const readCompactStringElement = (r: Reader): string => r.string(true) ?? '';

export const writeBoolElement = (w: Writer, e: boolean): void => w.bool(e);
export const writeInt8Element = (w: Writer, e: number): void => w.int8(e);
export const writeInt16Element = (w: Writer, e: number): void => w.int16(e);
export const writeUint16Element = (w: Writer, e: number): void => w.uint16(e);
export const writeInt32Element = (w: Writer, e: number): void => w.int32(e);
export const writeInt64Element = (w: Writer, e: number): void => w.int64(e);
export const writeFloat64Element = (w: Writer, e: number): void => w.float64(e);
export const writeUuidElement = (w: Writer, e: string): void => w.uuid(e);
export const writeStringElement = (w: Writer, e: string): void => w.string(e, false);
export const writeCompactStringElement = (w: Writer, e: string): void => w.string(e, true);
