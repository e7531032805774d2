// Shared set-up for log cleaner tests: keyed batches, reading a whole log back as records, and a
// compaction config with Kafka's names.
import { CompressionType } from '../../protocol/compression/index.js';
import { ControlRecordType, encodeEndTxnBatch } from '../../protocol/records/control-record.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../protocol/records/record-batch.js';
import type { CompactionConfig } from '../../storage/log-config.js';
import type { PartitionLog } from '../../storage/partition-log.js';

export const COMPACTION: CompactionConfig = {
  deleteRetentionMs: 60_000,
  minCleanableDirtyRatio: 0.5,
  minCompactionLagMs: 0,
  maxCompactionLagMs: Number.MAX_SAFE_INTEGER,
};

export interface KV {
  key: string | null;
  value: string | null;
}

export interface TxnOptions {
  producerId: number;
  producerEpoch?: number;
  baseSequence?: number;
}

/** One batch of keyed records (value null: a tombstone), optionally compressed or transactional. */
export function keyedBatch(records: KV[], timestampMs: number, options: { compression?: number; txn?: TxnOptions } = {}): Buffer {
  return encodeRecordBatch({
    compression: options.compression ?? CompressionType.NONE,
    isTransactional: options.txn !== undefined,
    producerId: options.txn?.producerId,
    producerEpoch: options.txn?.producerEpoch ?? (options.txn ? 0 : undefined),
    baseSequence: options.txn?.baseSequence,
    records: records.map((r, i) => ({
      key: r.key === null ? null : Buffer.from(r.key),
      value: r.value === null ? null : Buffer.from(r.value),
      timestamp: timestampMs + i,
    })),
  });
}

export function markerBatch(producerId: number, commit: boolean, timestampMs: number): Buffer {
  return encodeEndTxnBatch({
    type: commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT,
    coordinatorEpoch: 0, producerId, producerEpoch: 0, timestamp: timestampMs,
  });
}

export interface ReadRecord {
  offset: number;
  key: string | null;
  value: string | null;
  control: boolean;
}

/** Every record of the log, in order (control records flagged), reading batch by batch. */
export function readAll(log: PartitionLog): ReadRecord[] {
  const out: ReadRecord[] = [];
  let offset = log.logStartOffset;
  while (offset < log.logEndOffset) {
    const result = log.read(offset, 1 << 20);
    const data = 'records' in result ? result.records : undefined;
    if (data === undefined || data.length === 0) break;
    for (const batch of decodeRecordBatches(data)) {
      for (const r of batch.records) {
        if (r.offset < offset) continue;
        out.push({ offset: r.offset, key: r.key?.toString() ?? null, value: r.value?.toString() ?? null, control: batch.isControl });
      }
      offset = batch.baseOffset + batch.lastOffsetDelta + 1;
    }
  }
  return out;
}

/** The latest value per key among data records. */
export function latestByKey(records: readonly ReadRecord[]): Map<string, string | null> {
  const map = new Map<string, string | null>();
  for (const r of records) if (!r.control && r.key !== null) map.set(r.key, r.value);
  return map;
}
