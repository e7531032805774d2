// Legacy message sets, magic 0 and 1 (LegacyRecord and AbstractLegacyRecordBatch in Kafka): what
// clients older than 0.11 produce and fetch (Produce v0-2, Fetch v0-3).
//
//   entry:      offset int64 | messageSize int32 | message
//   message v0: crc uint32 | magic int8 | attributes int8 | key bytes | value bytes
//   message v1: crc uint32 | magic int8 | attributes int8 | timestamp int64 | key bytes | value bytes
//
// The CRC-32 (IEEE) covers magic to the end. A compressed message is a wrapper: its value is a whole
// inner message set, compressed. Inner offsets are absolute in v0; in v1 they are relative and the
// wrapper carries the absolute offset of the last inner message.
import { CompressionType } from '../compression/index.js';
import { Reader } from '../primitives/reader.js';
import { LOG_OVERHEAD, MAGIC_V0, MAGIC_V1, MAGIC_V2, NO_TIMESTAMP, TimestampType, readInt64, writeInt64 } from './batch-header.js';
import { checkCompressionType, compressRecords, decompressRecords, type DecompressOptions } from './codec.js';
import { crc32 } from './crc32.js';
import { RecordError, RecordErrorKind, corrupt, invalid } from './record-error.js';

export type LegacyMagic = typeof MAGIC_V0 | typeof MAGIC_V1;

export interface LegacyMessage {
  offset: number;
  magic: LegacyMagic;
  timestampType: TimestampType;
  /** NO_TIMESTAMP (-1) in magic 0. */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  /** The compression type of the wrapper the message came in; NONE when it was not compressed. */
  compression: number;
}

export interface LegacyMessageInput {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
}

export interface MessageSetOptions {
  magic: LegacyMagic;
  compression?: number;
  timestampType?: TimestampType;
  /** Required for LOG_APPEND_TIME: the timestamp every message then carries. */
  logAppendTime?: number;
}

const CRC_BYTES = 4;
/** crc, magic, attributes, key length, value length. */
const MESSAGE_OVERHEAD_V0 = 14;
const TIMESTAMP_BYTES = 8;
const COMPRESSION_MASK = 0x07;
const TIMESTAMP_TYPE_MASK = 0x08;

function overhead(magic: LegacyMagic): number {
  return magic === MAGIC_V1 ? MESSAGE_OVERHEAD_V0 + TIMESTAMP_BYTES : MESSAGE_OVERHEAD_V0;
}

interface ShallowMessage extends LegacyMessage {
  attributes: number;
  /** Position after the entry. */
  next: number;
}

/** Reads and CRC-checks the entry at pos, which must end by `end`, without looking inside wrappers. */
function readEntry(buf: Buffer, pos: number, end: number): ShallowMessage {
  if (end - pos < LOG_OVERHEAD) throw corrupt(`${end - pos} bytes at ${pos} are too few for a message entry`);
  const offset = readInt64(buf, pos);
  const size = buf.readInt32BE(pos + 8);
  const start = pos + LOG_OVERHEAD;
  if (size < MESSAGE_OVERHEAD_V0) throw corrupt(`message size ${size} at ${pos} is below the message overhead`);
  if (size > end - start) throw corrupt(`message at ${pos} declares ${size} bytes, ${end - start} remain`);
  const magic = buf.readInt8(start + CRC_BYTES);
  if (magic !== MAGIC_V0 && magic !== MAGIC_V1) {
    if (magic === MAGIC_V2) throw invalid(`record batch at ${pos} inside a legacy message set`);
    throw corrupt(`invalid magic ${magic} at ${pos}`);
  }
  if (size < overhead(magic)) throw corrupt(`message size ${size} at ${pos} is below the magic ${magic} overhead`);
  const stored = buf.readUInt32BE(start);
  const computed = crc32(buf, start + CRC_BYTES, start + size);
  if (stored !== computed) throw corrupt(`message at ${pos} is corrupt (stored crc ${stored}, computed ${computed})`);
  const attributes = buf.readInt8(start + CRC_BYTES + 1);
  const r = new Reader(buf, start + CRC_BYTES + 2, start + size);
  const timestamp = magic === MAGIC_V1 ? r.int64() : NO_TIMESTAMP;
  const key = r.bytes(false);
  const value = r.bytes(false);
  if (r.remaining !== 0) throw corrupt(`message at ${pos} has ${r.remaining} bytes after its value`);
  const lat = magic === MAGIC_V1 && (attributes & TIMESTAMP_TYPE_MASK) !== 0;
  return {
    offset,
    magic,
    timestampType: lat ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME,
    timestamp,
    key,
    value,
    compression: CompressionType.NONE,
    attributes,
    next: start + size,
  };
}

function toMessage(m: ShallowMessage, offset: number, timestamp: number, timestampType: TimestampType, compression: number): LegacyMessage {
  return { offset, magic: m.magic, timestampType, timestamp, key: m.key, value: m.value, compression };
}

/** The inner messages of a compressed wrapper, with absolute offsets (Kafka's DeepRecordsIterator). */
function unwrap(wrapper: ShallowMessage, compression: number, options: DecompressOptions): LegacyMessage[] {
  if (compression === CompressionType.ZSTD) throw invalid('zstd is not allowed in legacy message sets');
  if (wrapper.value === null) throw invalid(`compressed wrapper at offset ${wrapper.offset} has a null value`);
  const inner = decompressRecords(compression, wrapper.value, options);
  const entries: ShallowMessage[] = [];
  for (let pos = 0; pos < inner.length; ) {
    const entry = readEntry(inner, pos, inner.length);
    if (entry.magic !== wrapper.magic) throw invalid(`inner magic ${entry.magic} under wrapper magic ${wrapper.magic}`);
    if ((entry.attributes & COMPRESSION_MASK) !== CompressionType.NONE) throw invalid('inner messages must not be compressed');
    entries.push(entry);
    pos = entry.next;
  }
  const last = entries.at(-1);
  if (last === undefined) throw invalid('compressed wrapper with no inner messages');
  let base = 0;
  // v1 inner offsets are relative to the wrapper's. A wrapper offset of 0 (some librdkafka versions,
  // kafkajs) leaves them as they are, as Kafka does: the broker reassigns produced offsets anyway.
  if (wrapper.magic === MAGIC_V1 && wrapper.offset !== 0) {
    if (wrapper.offset < last.offset) throw invalid(`wrapper offset ${wrapper.offset} below inner offset ${last.offset}`);
    base = wrapper.offset - last.offset;
  }
  // Inner messages take the wrapper's timestamp type, and under log-append time its timestamp.
  const lat = wrapper.timestampType === TimestampType.LOG_APPEND_TIME;
  return entries.map((e) => toMessage(e, base + e.offset, lat ? wrapper.timestamp : e.timestamp, wrapper.timestampType, compression));
}

/** Decodes a message set, expanding compressed wrappers; a partial entry at the end is an error. */
export function decodeMessageSet(buf: Buffer, options: DecompressOptions = {}): LegacyMessage[] {
  const messages: LegacyMessage[] = [];
  for (let pos = 0; pos < buf.length; ) {
    const entry = readEntry(buf, pos, buf.length);
    const compression = entry.attributes & COMPRESSION_MASK;
    if (compression === CompressionType.NONE) messages.push(toMessage(entry, entry.offset, entry.timestamp, entry.timestampType, compression));
    else for (const m of unwrap(entry, compression, options)) messages.push(m);
    pos = entry.next;
  }
  return messages;
}

function entrySize(magic: LegacyMagic, key: Buffer | null, value: Buffer | null): number {
  return LOG_OVERHEAD + overhead(magic) + (key?.length ?? 0) + (value?.length ?? 0);
}

function writeNullableBytes(buf: Buffer, pos: number, b: Buffer | null): number {
  if (b === null) return buf.writeInt32BE(-1, pos);
  pos = buf.writeInt32BE(b.length, pos);
  return pos + b.copy(buf, pos);
}

function writeEntry(buf: Buffer, pos: number, m: LegacyMessageInput, magic: LegacyMagic, attributes: number): number {
  const start = pos + LOG_OVERHEAD;
  writeInt64(buf, pos, m.offset);
  buf.writeInt32BE(entrySize(magic, m.key, m.value) - LOG_OVERHEAD, pos + 8);
  let p = buf.writeInt8(magic, start + CRC_BYTES);
  p = buf.writeInt8(attributes, p);
  if (magic === MAGIC_V1) {
    writeInt64(buf, p, m.timestamp);
    p += TIMESTAMP_BYTES;
  }
  p = writeNullableBytes(buf, p, m.key);
  p = writeNullableBytes(buf, p, m.value);
  buf.writeUInt32BE(crc32(buf, start + CRC_BYTES, p), start);
  return p;
}

function writeEntries(messages: readonly LegacyMessageInput[], magic: LegacyMagic, attributes: number): Buffer {
  let total = 0;
  for (const m of messages) total += entrySize(magic, m.key, m.value);
  const buf = Buffer.allocUnsafe(total);
  let pos = 0;
  for (const m of messages) pos = writeEntry(buf, pos, m, magic, attributes);
  return buf;
}

/** Encodes messages as a message set: one entry each, or one compressed wrapper around them all. */
export function encodeMessageSet(messages: readonly LegacyMessageInput[], options: MessageSetOptions): Buffer {
  const { magic } = options;
  const compression = options.compression ?? CompressionType.NONE;
  checkCompressionType(compression);
  if (compression === CompressionType.ZSTD) throw new RecordError(RecordErrorKind.UNSUPPORTED_COMPRESSION, 'zstd needs magic 2');
  const lat = magic === MAGIC_V1 && options.timestampType === TimestampType.LOG_APPEND_TIME;
  if (lat && options.logAppendTime === undefined) throw new TypeError('LOG_APPEND_TIME needs logAppendTime');
  const typeBit = lat ? TIMESTAMP_TYPE_MASK : 0;
  const stamped = lat ? messages.map((m) => ({ ...m, timestamp: options.logAppendTime! })) : messages;
  if (compression === CompressionType.NONE || messages.length === 0) return writeEntries(stamped, magic, typeBit);
  const first = messages[0]!.offset;
  const inner = magic === MAGIC_V1 ? stamped.map((m) => ({ ...m, offset: m.offset - first })) : stamped;
  const compressed = compressRecords(compression, writeEntries(inner, magic, typeBit));
  let maxTimestamp = NO_TIMESTAMP;
  for (const m of stamped) if (m.timestamp > maxTimestamp) maxTimestamp = m.timestamp;
  const wrapper = { offset: messages.at(-1)!.offset, timestamp: maxTimestamp, key: null, value: compressed };
  return writeEntries([wrapper], magic, compression | typeBit);
}
