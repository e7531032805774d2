// One record inside a RecordBatch v2 (DefaultRecord in Kafka):
//
//   length varint | attributes int8 | timestampDelta varlong | offsetDelta varint |
//   keyLength varint | key | valueLength varint | value | headerCount varint | headers...
//   header: keyLength varint | key (UTF-8, never null) | valueLength varint | value
//
// length counts the bytes after itself; a length of -1 means a null key or value. Record attributes
// are unused by Kafka: written as 0, ignored on read. Decoded keys and values are views into the
// input, not copies.
import { Reader } from '../primitives/reader.js';
import { corrupt } from './record-error.js';
import { sizeOfVarint, sizeOfVarlong, writeVarint, writeVarlong } from './varint.js';

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

/** A record as the encoder takes it. */
export interface RecordInput {
  key: Buffer | null;
  value: Buffer | null;
  headers?: readonly RecordHeader[];
  timestamp: number;
  /** Defaults to the record's index in the batch; compacted batches have gaps. */
  offsetDelta?: number;
}

/** A record as the decoder returns it, with absolute offset and timestamp. */
export interface DecodedRecord {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

/** Smallest record on the wire: a 1-byte length and six 1-byte fields. */
export const MIN_RECORD_BYTES = 7;
/** Smallest header: an empty key and a null value. */
const MIN_HEADER_BYTES = 2;
const NO_HEADERS: readonly RecordHeader[] = [];

function sizeOfBytes(b: Buffer | null): number {
  return b === null ? 1 : sizeOfVarint(b.length) + b.length;
}

function bodySize(r: RecordInput, offsetDelta: number, timestampDelta: number): number {
  const headers = r.headers ?? NO_HEADERS;
  let n = 1 + sizeOfVarlong(timestampDelta) + sizeOfVarint(offsetDelta);
  n += sizeOfBytes(r.key) + sizeOfBytes(r.value) + sizeOfVarint(headers.length);
  for (const h of headers) {
    const keyBytes = Buffer.byteLength(h.key, 'utf8');
    n += sizeOfVarint(keyBytes) + keyBytes + sizeOfBytes(h.value);
  }
  return n;
}

function writeBytes(buf: Buffer, pos: number, b: Buffer | null): number {
  if (b === null) return writeVarint(buf, pos, -1);
  pos = writeVarint(buf, pos, b.length);
  return pos + b.copy(buf, pos);
}

function writeRecord(buf: Buffer, pos: number, r: RecordInput, size: number, offsetDelta: number, timestampDelta: number): number {
  pos = writeVarint(buf, pos, size);
  buf[pos++] = 0;
  pos = writeVarlong(buf, pos, timestampDelta);
  pos = writeVarint(buf, pos, offsetDelta);
  pos = writeBytes(buf, pos, r.key);
  pos = writeBytes(buf, pos, r.value);
  const headers = r.headers ?? NO_HEADERS;
  pos = writeVarint(buf, pos, headers.length);
  for (const h of headers) {
    pos = writeVarint(buf, pos, Buffer.byteLength(h.key, 'utf8'));
    pos += buf.write(h.key, pos, 'utf8');
    pos = writeBytes(buf, pos, h.value);
  }
  return pos;
}

/** The records section of an uncompressed batch: records back to back, sized in one pass. */
export function encodeRecords(records: readonly RecordInput[], baseTimestamp: number): Buffer {
  const sizes = new Int32Array(records.length);
  let total = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const size = bodySize(r, r.offsetDelta ?? i, r.timestamp - baseTimestamp);
    sizes[i] = size;
    total += sizeOfVarint(size) + size;
  }
  const buf = Buffer.allocUnsafe(total);
  let pos = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    pos = writeRecord(buf, pos, r, sizes[i]!, r.offsetDelta ?? i, r.timestamp - baseTimestamp);
  }
  return buf;
}

/** Where decoded offsets and timestamps come from: the batch header. */
export interface RecordContext {
  baseOffset: number;
  baseTimestamp: number;
  /** Set for LOG_APPEND_TIME batches: every record then reads as this timestamp, as in Kafka. */
  logAppendTime: number | null;
}

function readVarBytes(r: Reader): Buffer | null {
  const n = r.varint();
  if (n === -1) return null;
  if (n < 0) throw corrupt(`negative length ${n} at ${r.pos}`);
  r.need(n);
  const b = r.buf.subarray(r.pos, r.pos + n);
  r.pos += n;
  return b;
}

function readHeaders(r: Reader): RecordHeader[] {
  const count = r.varint();
  if (count < 0 || count * MIN_HEADER_BYTES > r.remaining) {
    throw corrupt(`header count ${count} does not fit in ${r.remaining} bytes`);
  }
  const headers = new Array<RecordHeader>(count);
  for (let i = 0; i < count; i++) {
    const keyBytes = r.varint();
    if (keyBytes < 0) throw corrupt(`header key length ${keyBytes}`);
    r.need(keyBytes);
    const key = r.buf.toString('utf8', r.pos, r.pos + keyBytes);
    r.pos += keyBytes;
    headers[i] = { key, value: readVarBytes(r) };
  }
  return headers;
}

function readRecord(r: Reader, ctx: RecordContext): DecodedRecord {
  const length = r.varint();
  if (length < MIN_RECORD_BYTES - 1) throw corrupt(`record length ${length} at ${r.pos}`);
  const body = r.sub(length);
  body.int8(); // attributes: unused
  const timestampDelta = body.varlong();
  const offsetDelta = body.varint();
  const key = readVarBytes(body);
  const value = readVarBytes(body);
  const headers = readHeaders(body);
  if (body.remaining !== 0) throw corrupt(`record declares ${length} bytes but its fields end ${body.remaining} early`);
  return {
    offset: ctx.baseOffset + offsetDelta,
    timestamp: ctx.logAppendTime ?? ctx.baseTimestamp + timestampDelta,
    key,
    value,
    headers,
  };
}

/**
 * Hands each record's value in buf[start, end) to `visit` as a range of `buf` (null values are
 * skipped), checking the records as decodeRecords does but making no object per record: for the
 * metadata log's replay, where a record's value is all that is read.
 */
export function forEachRecordValue(buf: Buffer, start: number, end: number, count: number, visit: (buf: Buffer, start: number, end: number) => void): void {
  if (count < 0 || count * MIN_RECORD_BYTES > end - start) {
    throw corrupt(`record count ${count} does not fit in ${end - start} bytes`);
  }
  const r = new Reader(buf, start, end);
  for (let i = 0; i < count; i++) {
    const length = r.varint();
    if (length < MIN_RECORD_BYTES - 1) throw corrupt(`record length ${length} at ${r.pos}`);
    r.need(length);
    const recordEnd = r.pos + length;
    r.int8();
    r.varlong();
    r.varint();
    skipVarBytes(r);
    const valueBytes = r.varint();
    if (valueBytes < -1) throw corrupt(`negative length ${valueBytes} at ${r.pos}`);
    const valueStart = r.pos;
    if (valueBytes > 0) r.skip(valueBytes);
    const headers = r.varint();
    if (headers < 0 || headers * MIN_HEADER_BYTES > recordEnd - r.pos) throw corrupt(`header count ${headers} does not fit in ${recordEnd - r.pos} bytes`);
    for (let h = 0; h < headers; h++) {
      const keyBytes = r.varint();
      if (keyBytes < 0) throw corrupt(`header key length ${keyBytes}`);
      r.skip(keyBytes);
      skipVarBytes(r);
    }
    if (r.pos !== recordEnd) throw corrupt(`record declares ${length} bytes but its fields end ${recordEnd - r.pos} bytes away`);
    if (valueBytes >= 0) visit(buf, valueStart, valueStart + valueBytes);
  }
  if (r.remaining !== 0) throw corrupt(`${r.remaining} bytes follow the ${count} records the batch declares`);
}

function skipVarBytes(r: Reader): void {
  const n = r.varint();
  if (n < -1) throw corrupt(`negative length ${n} at ${r.pos}`);
  if (n > 0) r.skip(n);
}

/** Decodes exactly `count` records filling buf[start, end). The count is checked before allocating. */
export function decodeRecords(buf: Buffer, start: number, end: number, count: number, ctx: RecordContext): DecodedRecord[] {
  if (count < 0 || count * MIN_RECORD_BYTES > end - start) {
    throw corrupt(`record count ${count} does not fit in ${end - start} bytes`);
  }
  const r = new Reader(buf, start, end);
  const records = new Array<DecodedRecord>(count);
  for (let i = 0; i < count; i++) records[i] = readRecord(r, ctx);
  if (r.remaining !== 0) throw corrupt(`${r.remaining} bytes follow the ${count} records the batch declares`);
  return records;
}
