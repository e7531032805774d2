// Reads a coordinator's partition log from its start to its end, batch by batch, as a shard loads:
// both coordinators (groups and transactions) rebuild their state this way.
import { ErrorCode } from '../../protocol/errors.js';
import { decodeRecordBatches, type RecordBatch } from '../../protocol/records/record-batch.js';
import type { PartitionLog } from '../../storage/partition-log.js';

const LOAD_READ_BYTES = 1 << 20;

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
