// generated - do not edit: `npm run gen` writes this file (protocol/codegen/emit-arrays.ts)
import type { Reader } from '../primitives/reader.js';
import type { Writer } from '../primitives/writer.js';

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
