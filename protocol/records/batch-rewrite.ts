// A batch rewritten with some of its records, as Kafka's log cleaner writes it
// (MemoryRecords.filterTo): same base offset, last offset delta, producer fields, epoch, codec and
// flags, so offsets and producer sequences never change. A batch that keeps a tombstone or an
// expiring transaction marker carries its delete horizon in baseTimestamp, flagged in the
// attributes (KIP-534); record timestamps stay exact as their deltas are taken from it.
import { CompressionType } from '../compression/index.js';
import { COMPRESSION_MASK, DELETE_HORIZON_FLAG, NO_TIMESTAMP, TimestampType } from './batch-header.js';
import type { BatchInfo } from './batch-validation.js';
import { compressRecords } from './codec.js';
import { encodeRecords, type DecodedRecord } from './record.js';
import { assembleRecordBatch } from './record-batch.js';

/** The delete horizon of a batch, or undefined when it has none. */
export function deleteHorizonOf(batch: Pick<BatchInfo, 'attributes' | 'baseTimestamp'>): number | undefined {
  return (batch.attributes & DELETE_HORIZON_FLAG) !== 0 ? batch.baseTimestamp : undefined;
}

/** `original` with only `records` (a subset of its records, offsets unchanged). With no records
 * the batch is kept as a header (Kafka's writeEmptyHeader), holding its offsets and sequences. */
export function encodeRetainedBatch(original: BatchInfo, records: readonly DecodedRecord[], deleteHorizonMs: number | undefined): Buffer {
  let attributes = original.attributes & ~DELETE_HORIZON_FLAG;
  if (deleteHorizonMs !== undefined && records.length > 0) attributes |= DELETE_HORIZON_FLAG;
  const logAppendTime = original.timestampType === TimestampType.LOG_APPEND_TIME;
  let maxTimestamp = logAppendTime || records.length === 0 ? original.maxTimestamp : NO_TIMESTAMP;
  if (!logAppendTime) for (const r of records) maxTimestamp = Math.max(maxTimestamp, r.timestamp);
  const first = records[0];
  const baseTimestamp = (attributes & DELETE_HORIZON_FLAG) !== 0 ? (deleteHorizonMs as number) : first?.timestamp ?? maxTimestamp;
  const inputs = records.map((r) => ({ key: r.key, value: r.value, headers: r.headers, timestamp: r.timestamp, offsetDelta: r.offset - original.baseOffset }));
  const compression = attributes & COMPRESSION_MASK;
  const plain = encodeRecords(inputs, baseTimestamp);
  const section = compression === CompressionType.NONE || records.length === 0 ? plain : compressRecords(compression, plain);
  // An empty batch is written uncompressed, as Kafka does.
  if (records.length === 0) attributes &= ~COMPRESSION_MASK;
  return assembleRecordBatch({
    baseOffset: original.baseOffset,
    partitionLeaderEpoch: original.partitionLeaderEpoch,
    attributes,
    lastOffsetDelta: original.lastOffsetDelta,
    baseTimestamp,
    maxTimestamp,
    producerId: original.producerId,
    producerEpoch: original.producerEpoch,
    baseSequence: original.baseSequence,
    recordCount: records.length,
  }, section);
}
