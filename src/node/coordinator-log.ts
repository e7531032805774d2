// How both coordinators (groups and transactions) use their partition logs: a shard loads by
// reading its partition from start to end, and each write is an acks=all append.
import { ErrorCode } from '../../protocol/errors.js';
import { decodeRecordBatches, type RecordBatch } from '../../protocol/records/record-batch.js';
import type { PartitionLog } from '../../storage/partition-log.js';
import type { ReplicaManager } from '../replication/replica-manager.js';

const LOAD_READ_BYTES = 1 << 20;
const PRODUCE_VERSION = 9;

/** Calls onBatch for each batch up to the end offset seen at the start; a failed read ends the replay early. */
export function replayPartitionLog(log: PartitionLog, onBatch: (batch: RecordBatch) => void): void {
  let offset = log.logStartOffset;
  const end = log.logEndOffset;
  while (offset < end) {
    const read = log.read(offset, LOAD_READ_BYTES, end);
    if (read.errorCode !== ErrorCode.NONE || !read.records || read.records.length === 0) break;
    for (const batch of decodeRecordBatches(read.records)) {
      offset = batch.baseOffset + batch.lastOffsetDelta + 1;
      onBatch(batch);
    }
  }
}

/** Appends with acks=all; `done` gets the error code, UNKNOWN_SERVER_ERROR when the append failed. */
export function appendAcksAll(
  replicas: ReplicaManager,
  target: { topic: string; partition: number; timeoutMs: number },
  batch: Buffer,
  done: (errorCode: number) => void,
): void {
  const result = replicas.produce(target.topic, target.partition, batch, { acks: -1, timeoutMs: target.timeoutMs, requestVersion: PRODUCE_VERSION });
  Promise.resolve(result).then((r) => done(r.errorCode), () => done(ErrorCode.UNKNOWN_SERVER_ERROR));
}
