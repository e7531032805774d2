// Conversion between legacy message sets and RecordBatch v2, as Kafka's broker does it. The log
// holds only v2: old producers' message sets are up-converted on produce (LogValidator), and v2
// batches are down-converted for Fetch versions whose clients read only magic 0 and 1 (RecordsUtil).
import { CompressionType } from '../compression/index.js';
import { ATTRIBUTES, COMPRESSION_MASK, CONTROL_FLAG, TimestampType, batchSize } from './batch-header.js';
import { checkRecordBatch } from './batch-validation.js';
import type { DecompressOptions } from './codec.js';
import { decodeMessageSet, encodeMessageSet, type LegacyMagic } from './message-set.js';
import { decodeRecordBatch, encodeRecordBatch } from './record-batch.js';
import { RecordError, RecordErrorKind } from './record-error.js';

export interface UpConvertOptions extends DecompressOptions {
  /** Compression of the new batch; by default the producer's (Kafka's compression.type=producer). */
  compression?: number;
}

/**
 * A legacy message set as one RecordBatch v2 with offsets 0..n-1, ready for offset assignment.
 * Client offsets are ignored, as Kafka ignores them; magic 0 messages get NO_TIMESTAMP. An empty
 * set gives an empty buffer.
 */
export function upConvertMessageSet(buf: Buffer, options: UpConvertOptions = {}): Buffer {
  const messages = decodeMessageSet(buf, options);
  if (messages.length === 0) return Buffer.alloc(0);
  const producerCompression = messages.find((m) => m.compression !== CompressionType.NONE)?.compression ?? CompressionType.NONE;
  return encodeRecordBatch({
    compression: options.compression ?? producerCompression,
    timestampType: TimestampType.CREATE_TIME,
    records: messages.map((m, i) => ({ key: m.key, value: m.value, timestamp: m.timestamp, offsetDelta: i })),
  });
}

export interface DownConvertOptions extends DecompressOptions {
  /** Uncompressed records below this offset are dropped: a fetch that starts inside a batch must
   * not return earlier offsets to a legacy client (some librdkafka versions rely on it). */
  firstOffset?: number;
}

/**
 * v2 batches as a magic 0 or 1 message set. Control batches are dropped and headers lost, as in
 * Kafka; each compressed batch becomes one wrapper with the same compression. zstd cannot be expressed in
 * magic 0/1 and fails with UNSUPPORTED_COMPRESSION_TYPE.
 */
export function downConvertRecordBatches(buf: Buffer, toMagic: LegacyMagic, options: DownConvertOptions = {}): Buffer {
  const firstOffset = options.firstOffset ?? -Infinity;
  const parts: Buffer[] = [];
  for (let pos = 0; pos < buf.length; pos += batchSize(buf, pos)) {
    checkRecordBatch(buf, pos, buf.length);
    const attributes = buf.readInt16BE(pos + ATTRIBUTES);
    if (attributes & CONTROL_FLAG) continue;
    // Checked before decoding: there is no point inflating what cannot be sent.
    if ((attributes & COMPRESSION_MASK) === CompressionType.ZSTD) {
      throw new RecordError(RecordErrorKind.UNSUPPORTED_COMPRESSION, 'zstd batches cannot be down-converted');
    }
    const batch = decodeRecordBatch(buf, pos, options);
    const records =
      batch.compression === CompressionType.NONE ? batch.records.filter((r) => r.offset >= firstOffset) : batch.records;
    if (records.length === 0) continue;
    const messageSet = encodeMessageSet(records, {
      magic: toMagic,
      compression: batch.compression,
      timestampType: batch.timestampType,
      logAppendTime: batch.maxTimestamp,
    });
    parts.push(messageSet);
  }
  return Buffer.concat(parts);
}
