// Minimal RecordBatch v2 encoding for storage tests: uncompressed records with null keys and
// values of a chosen size, a correct CRC-32C, and the header fields storage looks at.
import {
  ATTRIBUTES,
  BASE_SEQUENCE,
  BASE_TIMESTAMP,
  BATCH_HEADER_BYTES,
  BATCH_LENGTH,
  CRC,
  LAST_OFFSET_DELTA,
  LOG_OVERHEAD,
  MAGIC,
  MAX_TIMESTAMP,
  PARTITION_LEADER_EPOCH,
  PRODUCER_EPOCH,
  PRODUCER_ID,
  RECORD_COUNT,
  TIMESTAMP_TYPE_MASK,
  batchSize,
  lastOffset,
  readInt64,
  writeInt64,
} from '../../protocol/records/batch-header.js';
import { crc32c } from '../../protocol/records/crc32c.js';

export interface TestBatchOptions {
  baseOffset?: number;
  recordCount?: number;
  /** Bytes per record value. */
  valueBytes?: number;
  /** Timestamp of the first record; record i has baseTimestampMs + i. */
  baseTimestampMs?: number;
  partitionLeaderEpoch?: number;
  logAppendTime?: boolean;
  /** Byte the values are filled with, to tell batches apart. */
  fill?: number;
  /** An idempotent producer's fields (default: none, -1). */
  producer?: { id: number; epoch: number; baseSequence: number };
}

function varint(value: number): number[] {
  let v = (value << 1) ^ (value >> 31);
  const out: number[] = [];
  while ((v & ~0x7f) !== 0) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
  return out;
}

function encodeRecord(index: number, value: Buffer): Buffer {
  const body = Buffer.concat([
    Buffer.from([0, ...varint(index), ...varint(index), ...varint(-1), ...varint(value.length)]),
    value,
    Buffer.from(varint(0)),
  ]);
  return Buffer.concat([Buffer.from(varint(body.length)), body]);
}

export function encodeTestBatch(options: TestBatchOptions = {}): Buffer {
  const count = options.recordCount ?? 1;
  const baseTimestampMs = options.baseTimestampMs ?? 1_700_000_000_000;
  const value = Buffer.alloc(options.valueBytes ?? 10, options.fill ?? 0x61);
  const records = Buffer.concat(Array.from({ length: count }, (_, i) => encodeRecord(i, value)));
  const header = Buffer.alloc(BATCH_HEADER_BYTES);
  writeInt64(header, 0, options.baseOffset ?? 0);
  header.writeInt32BE(BATCH_HEADER_BYTES - LOG_OVERHEAD + records.length, BATCH_LENGTH);
  header.writeInt32BE(options.partitionLeaderEpoch ?? -1, PARTITION_LEADER_EPOCH);
  header.writeInt8(2, MAGIC);
  header.writeInt16BE(options.logAppendTime ? TIMESTAMP_TYPE_MASK : 0, ATTRIBUTES);
  header.writeInt32BE(count - 1, LAST_OFFSET_DELTA);
  writeInt64(header, BASE_TIMESTAMP, baseTimestampMs);
  writeInt64(header, MAX_TIMESTAMP, baseTimestampMs + count - 1);
  writeInt64(header, PRODUCER_ID, options.producer?.id ?? -1);
  header.writeInt16BE(options.producer?.epoch ?? -1, PRODUCER_EPOCH);
  header.writeInt32BE(options.producer?.baseSequence ?? -1, BASE_SEQUENCE);
  header.writeInt32BE(count, RECORD_COUNT);
  const batch = Buffer.concat([header, records]);
  batch.writeUInt32BE(crc32c(batch, ATTRIBUTES, batch.length), CRC);
  return batch;
}

/** A one-record batch of `totalBytes` bytes, or a byte or two less where varint lengths jump. */
export function batchOfSize(totalBytes: number, options: TestBatchOptions = {}): Buffer {
  const overhead = encodeTestBatch({ ...options, recordCount: 1, valueBytes: 0 }).length;
  for (let valueBytes = totalBytes - overhead; ; valueBytes--) {
    const batch = encodeTestBatch({ ...options, recordCount: 1, valueBytes });
    if (batch.length <= totalBytes) return batch;
  }
}

export interface SplitBatch {
  baseOffset: number;
  lastOffset: number;
  bytes: Buffer;
}

/** The whole batches in `data`, in order. */
export function splitBatches(data: Buffer): SplitBatch[] {
  const out: SplitBatch[] = [];
  for (let position = 0; position < data.length; ) {
    const size = batchSize(data, position);
    const bytes = data.subarray(position, position + size);
    out.push({ baseOffset: readInt64(data, position), lastOffset: lastOffset(data, position), bytes });
    position += size;
  }
  return out;
}

/** A deterministic random source (mulberry32) for seeded tests. */
export { seededRandom } from './seeded-random.js';
