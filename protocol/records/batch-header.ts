// The fixed 61-byte header of a RecordBatch (magic 2), read and patched in place. Storage and the
// produce/fetch paths work on these headers alone and leave the records (possibly compressed)
// untouched.
//
//   baseOffset int64 | batchLength int32 | partitionLeaderEpoch int32 | magic int8 | crc uint32 |
//   attributes int16 | lastOffsetDelta int32 | baseTimestamp int64 | maxTimestamp int64 |
//   producerId int64 | producerEpoch int16 | baseSequence int32 | recordCount int32 | records...
//
// batchLength counts the bytes after itself; the CRC-32C covers attributes to the end.
import { crc32c } from './crc32c.js';

export const BASE_OFFSET = 0;
export const BATCH_LENGTH = 8;
export const PARTITION_LEADER_EPOCH = 12;
export const MAGIC = 16;
export const CRC = 17;
export const ATTRIBUTES = 21;
export const LAST_OFFSET_DELTA = 23;
export const BASE_TIMESTAMP = 27;
export const MAX_TIMESTAMP = 35;
export const PRODUCER_ID = 43;
export const PRODUCER_EPOCH = 51;
export const BASE_SEQUENCE = 53;
export const RECORD_COUNT = 57;
export const RECORDS = 61;

/** baseOffset + batchLength: the bytes in front of what batchLength counts. */
export const LOG_OVERHEAD = 12;
export const BATCH_HEADER_BYTES = RECORDS;

export const COMPRESSION_MASK = 0x07;
export const TIMESTAMP_TYPE_MASK = 0x08;
export const TRANSACTIONAL_FLAG = 0x10;
export const CONTROL_FLAG = 0x20;
export const DELETE_HORIZON_FLAG = 0x40;

/** Magic 0 and 1 are the legacy message sets; 2 is the RecordBatch. */
export const MAGIC_V0 = 0;
export const MAGIC_V1 = 1;
export const MAGIC_V2 = 2;

/** Kafka's TimestampType ids, as the attributes' timestamp-type bit holds them. */
export const TimestampType = { CREATE_TIME: 0, LOG_APPEND_TIME: 1 } as const;
export type TimestampType = (typeof TimestampType)[keyof typeof TimestampType];

export const NO_TIMESTAMP = -1;
export const NO_PRODUCER_ID = -1;
export const NO_PRODUCER_EPOCH = -1;
export const NO_SEQUENCE = -1;
export const NO_PARTITION_LEADER_EPOCH = -1;

export interface BatchHeader {
  baseOffset: number;
  batchLength: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

const TWO_32 = 4294967296;

export function readInt64(buf: Buffer, pos: number): number {
  return buf.readInt32BE(pos) * TWO_32 + buf.readUInt32BE(pos + 4);
}

export function writeInt64(buf: Buffer, pos: number, v: number): void {
  const hi = Math.floor(v / TWO_32);
  buf.writeInt32BE(hi | 0, pos);
  buf.writeUInt32BE((v - hi * TWO_32) >>> 0, pos + 4);
}

/** Reads the header of the batch at `pos`. The caller has checked that 61 bytes are there. */
/** Whether the batch at pos is a control batch; false when too short to say (decoding it fails). */
export function isControlBatch(buf: Buffer, pos = 0): boolean {
  return buf.length >= pos + ATTRIBUTES + 2 && (buf.readInt16BE(pos + ATTRIBUTES) & CONTROL_FLAG) !== 0;
}

export function readBatchHeader(buf: Buffer, pos = 0): BatchHeader {
  return {
    baseOffset: readInt64(buf, pos + BASE_OFFSET),
    batchLength: buf.readInt32BE(pos + BATCH_LENGTH),
    partitionLeaderEpoch: buf.readInt32BE(pos + PARTITION_LEADER_EPOCH),
    magic: buf.readInt8(pos + MAGIC),
    crc: buf.readUInt32BE(pos + CRC),
    attributes: buf.readInt16BE(pos + ATTRIBUTES),
    lastOffsetDelta: buf.readInt32BE(pos + LAST_OFFSET_DELTA),
    baseTimestamp: readInt64(buf, pos + BASE_TIMESTAMP),
    maxTimestamp: readInt64(buf, pos + MAX_TIMESTAMP),
    producerId: readInt64(buf, pos + PRODUCER_ID),
    producerEpoch: buf.readInt16BE(pos + PRODUCER_EPOCH),
    baseSequence: buf.readInt32BE(pos + BASE_SEQUENCE),
    recordCount: buf.readInt32BE(pos + RECORD_COUNT),
  };
}

/** Total size of the batch at `pos` (header included), from its batchLength. */
export function batchSize(buf: Buffer, pos = 0): number {
  return LOG_OVERHEAD + buf.readInt32BE(pos + BATCH_LENGTH);
}

export function lastOffset(buf: Buffer, pos = 0): number {
  return readInt64(buf, pos + BASE_OFFSET) + buf.readInt32BE(pos + LAST_OFFSET_DELTA);
}

/** Sets the base offset. Outside the CRC, so the batch stays valid. */
export function setBaseOffset(buf: Buffer, pos: number, baseOffset: number): void {
  writeInt64(buf, pos + BASE_OFFSET, baseOffset);
}

/** Sets the partition leader epoch. Outside the CRC, so the batch stays valid. */
export function setPartitionLeaderEpoch(buf: Buffer, pos: number, epoch: number): void {
  buf.writeInt32BE(epoch, pos + PARTITION_LEADER_EPOCH);
}

/** Sets the timestamp type and maxTimestamp, as Kafka's setMaxTimestamp does for log-append time.
 * Both lie inside the CRC, so the CRC is recomputed, over the batch's own bytes only. */
export function setMaxTimestamp(buf: Buffer, pos: number, timestampType: TimestampType, maxTimestamp: number): void {
  const attributes = buf.readInt16BE(pos + ATTRIBUTES);
  const next = timestampType === TimestampType.LOG_APPEND_TIME ? attributes | TIMESTAMP_TYPE_MASK : attributes & ~TIMESTAMP_TYPE_MASK;
  if (next === attributes && readInt64(buf, pos + MAX_TIMESTAMP) === maxTimestamp) return;
  buf.writeInt16BE(next, pos + ATTRIBUTES);
  writeInt64(buf, pos + MAX_TIMESTAMP, maxTimestamp);
  buf.writeUInt32BE(crc32c(buf, pos + ATTRIBUTES, pos + batchSize(buf, pos)), pos + CRC);
}
