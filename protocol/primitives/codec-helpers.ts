// Small helpers the generated codecs share. Arrays of structs take a module-level element function
// plus the version, so reading or writing an array allocates no closure on the produce/fetch hot
// path; arrays of scalars and strings have a function each.
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

// Arrays of scalars and strings: a loop of its own for each element type, so that the reads and
// writes in it see one kind of element and inline. Through readArray's element function, a call
// site every struct reader also passes, each element was a call: a replay's PartitionRecords (four
// int32 arrays and a Uuid array each) spent a third of their decoding there. A non-nullable
// string element read as null is ''.

export function readBoolArray(r: Reader, compact: boolean): boolean[] | null {
  const n = r.arrayLength(compact, 1);
  if (n < 0) return null;
  const out = new Array<boolean>(n);
  for (let i = 0; i < n; i++) out[i] = r.bool();
  return out;
}

export function writeBoolArray(w: Writer, a: readonly boolean[] | null, compact: boolean): void {
  w.arrayLength(a === null ? null : a.length, compact);
  if (a !== null) for (let i = 0; i < a.length; i++) w.bool(a[i]!);
}

export function readInt8Array(r: Reader, compact: boolean): number[] | null {
  const n = r.arrayLength(compact, 1);
  if (n < 0) return null;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = r.int8();
  return out;
}

export function writeInt8Array(w: Writer, a: readonly number[] | null, compact: boolean): void {
  w.arrayLength(a === null ? null : a.length, compact);
  if (a !== null) for (let i = 0; i < a.length; i++) w.int8(a[i]!);
}

export function readInt16Array(r: Reader, compact: boolean): number[] | null {
  const n = r.arrayLength(compact, 2);
  if (n < 0) return null;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = r.int16();
  return out;
}

export function writeInt16Array(w: Writer, a: readonly number[] | null, compact: boolean): void {
  w.arrayLength(a === null ? null : a.length, compact);
  if (a !== null) for (let i = 0; i < a.length; i++) w.int16(a[i]!);
}

export function readUint16Array(r: Reader, compact: boolean): number[] | null {
  const n = r.arrayLength(compact, 2);
  if (n < 0) return null;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = r.uint16();
  return out;
}

export function writeUint16Array(w: Writer, a: readonly number[] | null, compact: boolean): void {
  w.arrayLength(a === null ? null : a.length, compact);
  if (a !== null) for (let i = 0; i < a.length; i++) w.uint16(a[i]!);
}

export function readInt32Array(r: Reader, compact: boolean): number[] | null {
  const n = r.arrayLength(compact, 4);
  if (n < 0) return null;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = r.int32();
  return out;
}

export function writeInt32Array(w: Writer, a: readonly number[] | null, compact: boolean): void {
  w.arrayLength(a === null ? null : a.length, compact);
  if (a !== null) for (let i = 0; i < a.length; i++) w.int32(a[i]!);
}

export function readInt64Array(r: Reader, compact: boolean): number[] | null {
  const n = r.arrayLength(compact, 8);
  if (n < 0) return null;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = r.int64();
  return out;
}

export function writeInt64Array(w: Writer, a: readonly number[] | null, compact: boolean): void {
  w.arrayLength(a === null ? null : a.length, compact);
  if (a !== null) for (let i = 0; i < a.length; i++) w.int64(a[i]!);
}

export function readFloat64Array(r: Reader, compact: boolean): number[] | null {
  const n = r.arrayLength(compact, 8);
  if (n < 0) return null;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = r.float64();
  return out;
}

export function writeFloat64Array(w: Writer, a: readonly number[] | null, compact: boolean): void {
  w.arrayLength(a === null ? null : a.length, compact);
  if (a !== null) for (let i = 0; i < a.length; i++) w.float64(a[i]!);
}

export function readUuidArray(r: Reader, compact: boolean): string[] | null {
  const n = r.arrayLength(compact, 16);
  if (n < 0) return null;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = r.uuid();
  return out;
}

export function writeUuidArray(w: Writer, a: readonly string[] | null, compact: boolean): void {
  w.arrayLength(a === null ? null : a.length, compact);
  if (a !== null) for (let i = 0; i < a.length; i++) w.uuid(a[i]!);
}

export function readStringArray(r: Reader, compact: boolean): string[] | null {
  const n = r.arrayLength(compact, 1);
  if (n < 0) return null;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = r.string(compact) ?? '';
  return out;
}

export function writeStringArray(w: Writer, a: readonly string[] | null, compact: boolean): void {
  w.arrayLength(a === null ? null : a.length, compact);
  if (a !== null) for (let i = 0; i < a.length; i++) w.string(a[i]!, compact);
}
