// The produce path's check of a records buffer, batch by batch, reading headers only: sizes, magic,
// CRC-32C over attributes..end, and the offset range against the record count. Records stay
// untouched (and compressed), so the cost is one CRC pass over the bytes. The checks follow Kafka's
// ByteBufferLogInputStream, DefaultRecordBatch.ensureValid and LogValidator.validateBatch.
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
  PARTITION_LEADER_EPOCH,
  PRODUCER_EPOCH,
  PRODUCER_ID,
  RECORDS,
  RECORD_COUNT,
  TIMESTAMP_TYPE_MASK,
  TRANSACTIONAL_FLAG,
  TimestampType,
  readInt64,
  type BatchHeader,
} from './batch-header.js';
import { checkCompressionType } from './codec.js';
import { crc32c } from './crc32c.js';
import { RecordError, RecordErrorKind, corrupt, invalid } from './record-error.js';

/** One validated batch: its header, the flags from its attributes, and where it sits. */
export interface BatchInfo extends BatchHeader {
  /** Byte position of the batch in the buffer, for in-place rewrites. */
  position: number;
  sizeBytes: number;
  compression: number;
  timestampType: TimestampType;
  isTransactional: boolean;
  isControl: boolean;
}

export interface ValidateOptions {
  /** Largest batch accepted (message.max.bytes); larger ones fail with MESSAGE_TOO_LARGE. */
  maxBatchBytes?: number;
  /** 'client' (the default) adds LogValidator's checks on producer input: a dense offset range,
   * no control batches, a base sequence whenever there is a producer id. */
  origin?: 'client' | 'replication';
}

/**
 * Checks the frame, magic and CRC of the RecordBatch at pos, which must end by `end`, and returns
 * its size. Throws RecordError only.
 */
export function checkRecordBatch(buf: Buffer, pos: number, end: number, maxBatchBytes = Infinity): number {
  const remaining = end - pos;
  if (remaining < LOG_OVERHEAD) throw corrupt(`${remaining} bytes at ${pos} are too few for a batch header`);
  const batchLength = buf.readInt32BE(pos + BATCH_LENGTH);
  if (batchLength < RECORDS - LOG_OVERHEAD) throw corrupt(`batch length ${batchLength} at ${pos} is below the batch overhead`);
  const size = LOG_OVERHEAD + batchLength;
  if (size > maxBatchBytes) {
    throw new RecordError(RecordErrorKind.TOO_LARGE, `batch of ${size} bytes exceeds the ${maxBatchBytes}-byte limit`);
  }
  if (size > remaining) throw corrupt(`batch at ${pos} declares ${size} bytes, ${remaining} remain`);
  const magic = buf.readInt8(pos + MAGIC);
  if (magic !== MAGIC_V2) {
    if (magic < 0 || magic > MAGIC_V2) throw corrupt(`invalid magic ${magic} at ${pos}`);
    throw invalid(`magic ${magic} message set where record batches (magic 2) were expected`);
  }
  const stored = buf.readUInt32BE(pos + CRC);
  const computed = crc32c(buf, pos + ATTRIBUTES, pos + size);
  if (stored !== computed) throw corrupt(`batch at ${pos} is corrupt (stored crc ${stored}, computed ${computed})`);
  return size;
}

/** The header and flags of a batch that checkRecordBatch has passed. */
export function readBatchInfo(buf: Buffer, pos: number, size: number): BatchInfo {
  const attributes = buf.readInt16BE(pos + ATTRIBUTES);
  return {
    baseOffset: readInt64(buf, pos + BASE_OFFSET),
    batchLength: size - LOG_OVERHEAD,
    partitionLeaderEpoch: buf.readInt32BE(pos + PARTITION_LEADER_EPOCH),
    magic: MAGIC_V2,
    crc: buf.readUInt32BE(pos + CRC),
    attributes,
    lastOffsetDelta: buf.readInt32BE(pos + LAST_OFFSET_DELTA),
    baseTimestamp: readInt64(buf, pos + BASE_TIMESTAMP),
    maxTimestamp: readInt64(buf, pos + MAX_TIMESTAMP),
    producerId: readInt64(buf, pos + PRODUCER_ID),
    producerEpoch: buf.readInt16BE(pos + PRODUCER_EPOCH),
    baseSequence: buf.readInt32BE(pos + BASE_SEQUENCE),
    recordCount: buf.readInt32BE(pos + RECORD_COUNT),
    position: pos,
    sizeBytes: size,
    compression: attributes & COMPRESSION_MASK,
    timestampType: attributes & TIMESTAMP_TYPE_MASK ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME,
    isTransactional: (attributes & TRANSACTIONAL_FLAG) !== 0,
    isControl: (attributes & CONTROL_FLAG) !== 0,
  };
}

function checkCounts(b: BatchInfo, origin: 'client' | 'replication'): void {
  // Offsets in a batch are distinct, so there are never more records than offsets; compaction can
  // leave fewer, but a producer's batch is dense.
  if (b.recordCount < 0 || b.lastOffsetDelta < b.recordCount - 1) {
    throw corrupt(`batch at ${b.position} holds ${b.recordCount} records in ${b.lastOffsetDelta + 1} offsets`);
  }
  if (origin === 'replication') return;
  if (b.recordCount === 0 || b.lastOffsetDelta + 1 !== b.recordCount) {
    throw invalid(`batch at ${b.position}: offset range of ${b.lastOffsetDelta + 1} for ${b.recordCount} records`);
  }
  if (b.isControl) throw invalid('clients may not write control batches');
  if (b.producerId >= 0 && b.baseSequence < 0) {
    throw invalid(`base sequence ${b.baseSequence} in a batch of producer id ${b.producerId}`);
  }
}

/** Validates every batch of a records buffer (a produce request's partition data) and describes each. */
export function validateRecordBatches(buf: Buffer, options: ValidateOptions = {}): BatchInfo[] {
  const origin = options.origin ?? 'client';
  const infos: BatchInfo[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const size = checkRecordBatch(buf, pos, buf.length, options.maxBatchBytes);
    const info = readBatchInfo(buf, pos, size);
    checkCompressionType(info.compression);
    checkCounts(info, origin);
    infos.push(info);
    pos += size;
  }
  return infos;
}
