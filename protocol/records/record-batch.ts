// RecordBatch v2 (DefaultRecordBatch in Kafka) encode and full decode. The 61-byte header is laid
// out in batch-header.ts; the records section after it is compressed as a whole when the attributes
// name a compression type.
import { CompressionType } from '../compression/index.js';
import {
  ATTRIBUTES,
  BASE_OFFSET,
  BASE_SEQUENCE,
  BASE_TIMESTAMP,
  BATCH_LENGTH,
  COMPRESSION_MASK,
  CONTROL_FLAG,
  CRC,
  LAST_OFFSET_DELTA,
  LOG_OVERHEAD,
  MAGIC,
  MAGIC_V2,
  MAX_TIMESTAMP,
  NO_PARTITION_LEADER_EPOCH,
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  NO_SEQUENCE,
  NO_TIMESTAMP,
  PARTITION_LEADER_EPOCH,
  PRODUCER_EPOCH,
  PRODUCER_ID,
  RECORDS,
  RECORD_COUNT,
  TIMESTAMP_TYPE_MASK,
  TRANSACTIONAL_FLAG,
  TimestampType,
  writeInt64,
  type BatchHeader,
} from './batch-header.js';
import { checkRecordBatch, readBatchInfo, type BatchInfo } from './batch-validation.js';
import { compressRecords, decompressRecords, type DecompressOptions } from './codec.js';
import { crc32c } from './crc32c.js';
import { decodeRecords, encodeRecords, type DecodedRecord, type RecordInput } from './record.js';

export interface RecordBatchInput {
  baseOffset?: number;
  partitionLeaderEpoch?: number;
  compression?: number;
  timestampType?: TimestampType;
  /** Required for LOG_APPEND_TIME batches: the append time, which becomes maxTimestamp. */
  logAppendTime?: number;
  isTransactional?: boolean;
  isControl?: boolean;
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  records: readonly RecordInput[];
}

/** The header fields of a batch about to be written (its length, magic and CRC come last). */
export type BatchFields = Omit<BatchHeader, 'batchLength' | 'magic' | 'crc'>;

export interface RecordBatch extends BatchInfo {
  records: DecodedRecord[];
}

function maxTimestampOf(input: RecordBatchInput): number {
  if (input.timestampType === TimestampType.LOG_APPEND_TIME) {
    if (input.logAppendTime === undefined) throw new TypeError('a LOG_APPEND_TIME batch needs logAppendTime');
    return input.logAppendTime;
  }
  let max = NO_TIMESTAMP;
  for (const r of input.records) if (r.timestamp > max) max = r.timestamp;
  return max;
}

/** Header fields for a batch of these records, as Kafka's MemoryRecordsBuilder derives them. */
function batchFields(input: RecordBatchInput): BatchFields {
  const records = input.records;
  const last = records.length - 1;
  const compression = input.compression ?? CompressionType.NONE;
  let attributes = compression & COMPRESSION_MASK;
  if (input.timestampType === TimestampType.LOG_APPEND_TIME) attributes |= TIMESTAMP_TYPE_MASK;
  if (input.isTransactional) attributes |= TRANSACTIONAL_FLAG;
  if (input.isControl) attributes |= CONTROL_FLAG;
  return {
    baseOffset: input.baseOffset ?? 0,
    partitionLeaderEpoch: input.partitionLeaderEpoch ?? NO_PARTITION_LEADER_EPOCH,
    attributes,
    lastOffsetDelta: last < 0 ? 0 : (records[last]!.offsetDelta ?? last),
    baseTimestamp: last < 0 ? NO_TIMESTAMP : records[0]!.timestamp,
    maxTimestamp: maxTimestampOf(input),
    producerId: input.producerId ?? NO_PRODUCER_ID,
    producerEpoch: input.producerEpoch ?? NO_PRODUCER_EPOCH,
    baseSequence: input.baseSequence ?? NO_SEQUENCE,
    recordCount: records.length,
  };
}

/** Header plus records section (already compressed if the attributes say so), with its CRC. */
export function assembleRecordBatch(fields: BatchFields, section: Buffer): Buffer {
  const buf = Buffer.allocUnsafe(RECORDS + section.length);
  writeInt64(buf, BASE_OFFSET, fields.baseOffset);
  buf.writeInt32BE(buf.length - LOG_OVERHEAD, BATCH_LENGTH);
  buf.writeInt32BE(fields.partitionLeaderEpoch, PARTITION_LEADER_EPOCH);
  buf.writeInt8(MAGIC_V2, MAGIC);
  buf.writeInt16BE(fields.attributes, ATTRIBUTES);
  buf.writeInt32BE(fields.lastOffsetDelta, LAST_OFFSET_DELTA);
  writeInt64(buf, BASE_TIMESTAMP, fields.baseTimestamp);
  writeInt64(buf, MAX_TIMESTAMP, fields.maxTimestamp);
  writeInt64(buf, PRODUCER_ID, fields.producerId);
  buf.writeInt16BE(fields.producerEpoch, PRODUCER_EPOCH);
  buf.writeInt32BE(fields.baseSequence, BASE_SEQUENCE);
  buf.writeInt32BE(fields.recordCount, RECORD_COUNT);
  section.copy(buf, RECORDS);
  buf.writeUInt32BE(crc32c(buf, ATTRIBUTES, buf.length), CRC);
  return buf;
}

export function encodeRecordBatch(input: RecordBatchInput): Buffer {
  const fields = batchFields(input);
  const section = encodeRecords(input.records, fields.baseTimestamp);
  const compression = fields.attributes & COMPRESSION_MASK;
  return assembleRecordBatch(fields, compression === CompressionType.NONE ? section : compressRecords(compression, section));
}

/** Decodes the batch at pos: frame, magic and CRC are checked first, then every record. */
export function decodeRecordBatch(buf: Buffer, pos = 0, options: DecompressOptions = {}): RecordBatch {
  const size = checkRecordBatch(buf, pos, buf.length);
  const info = readBatchInfo(buf, pos, size);
  let section = buf.subarray(pos + RECORDS, pos + size);
  if (info.compression !== CompressionType.NONE) section = decompressRecords(info.compression, section, options);
  const records = decodeRecords(section, 0, section.length, info.recordCount, {
    baseOffset: info.baseOffset,
    baseTimestamp: info.baseTimestamp,
    logAppendTime: info.timestampType === TimestampType.LOG_APPEND_TIME ? info.maxTimestamp : null,
  });
  // Assigned onto the header object rather than spread into a new one: spreading costs more than
  // decoding the records of a small batch.
  return Object.assign(info, { records });
}

/** The batch at pos, checked as decodeRecordBatch checks it (frame, magic, CRC), with the bounds of
 * its records in `section` (the batch's buffer, or the records decompressed): what
 * forEachRecordValue walks, now or later. */
export function checkedBatch(buf: Buffer, pos: number, options: DecompressOptions = {}): BatchInfo & { section: Buffer; start: number; end: number } {
  const size = checkRecordBatch(buf, pos, buf.length);
  const info = readBatchInfo(buf, pos, size);
  if (info.compression === CompressionType.NONE) return Object.assign(info, { section: buf, start: pos + RECORDS, end: pos + size });
  const section = decompressRecords(info.compression, buf.subarray(pos + RECORDS, pos + size), options);
  return Object.assign(info, { section, start: 0, end: section.length });
}

/** Decodes every batch of a records buffer; a partial batch at the end is an error. */
export function decodeRecordBatches(buf: Buffer, options: DecompressOptions = {}): RecordBatch[] {
  const batches: RecordBatch[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const batch = decodeRecordBatch(buf, pos, options);
    batches.push(batch);
    pos += batch.sizeBytes;
  }
  return batches;
}
