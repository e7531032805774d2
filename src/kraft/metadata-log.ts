// The metadata partition's log as the Raft core reads it (its ReplicatedLog seam), over the
// project's segmented storage, and the committed batches decoded for the metadata image.
import { batchSize, LOG_OVERHEAD, readBatchHeader } from '../../protocol/records/batch-header.js';
import type { PartitionLog } from '../../storage/partition-log.js';
import { metadataBatchAt } from '../metadata/metadata-batch.js';
import { metadataEndOffsetForEpoch, type OffsetAndEpoch, type ReplicatedLog } from '../raft/index.js';
import type { CommittedBatch } from './metadata-quorum.js';
import type { FileSnapshotStore } from './snapshot-files.js';

export class MetadataLog implements ReplicatedLog {
  constructor(
    readonly log: PartitionLog,
    private readonly snapshots: FileSnapshotStore,
  ) {}

  get logStartOffset(): number {
    return this.log.logStartOffset;
  }

  get logEndOffset(): number {
    return this.log.logEndOffset;
  }

  get lastFetchedEpoch(): number {
    const epoch = this.log.latestEpoch();
    if (epoch >= 0) return epoch;
    const snapshot = this.snapshots.latestSnapshotId();
    return snapshot && snapshot.endOffset === this.log.logStartOffset ? snapshot.epoch : 0;
  }

  endOffsetForEpoch(epoch: number): OffsetAndEpoch {
    return metadataEndOffsetForEpoch(epoch, this.log.endOffsetForEpoch(epoch), this, this.snapshots.earliestSnapshotId());
  }

  read(fromOffset: number, maxBytes: number, into?: Buffer): Buffer {
    const read = this.log.read(fromOffset, maxBytes, this.log.logEndOffset, into);
    return read.errorCode === 0 ? read.records : Buffer.alloc(0);
  }
}

/**
 * KafkaMetadataLog.truncateToLatestSnapshot, run when the log opens: a log that does not lead up to
 * the latest snapshot restarts empty at its end, and the older snapshots go. That is a log ending
 * before the snapshot (a crash after a downloaded snapshot was published but before the log was
 * reset); one whose last epoch is older than the snapshot's (Kafka's test: a crash inside the reset
 * can leave the leader-epoch checkpoint of the old log beside an empty one); and one that runs past
 * the snapshot but wrote the record before its end in another epoch, a history other than the one
 * the snapshot holds, which comparing offsets alone misses. Returns whether it truncated.
 */
export async function truncateToLatestSnapshot(log: PartitionLog, snapshots: FileSnapshotStore): Promise<boolean> {
  const latest = snapshots.latestSnapshotId();
  if (latest === undefined || log.logStartOffset > latest.endOffset) return false;
  const logEpoch = log.latestEpoch();
  const diverged =
    log.logEndOffset < latest.endOffset ||
    (logEpoch >= 0 && logEpoch < latest.epoch) ||
    (log.logStartOffset < latest.endOffset && epochAt(log, latest.endOffset - 1) !== latest.epoch);
  if (!diverged) return false;
  await log.truncateFullyAndStartAt(latest.endOffset);
  await snapshots.deleteBefore(latest.endOffset);
  return true;
}

/** The leader epoch of the batch holding `offset`, read from the batch itself; -1 if not there. */
function epochAt(log: PartitionLog, offset: number): number {
  const read = log.read(offset, 1, log.logEndOffset);
  if (read.errorCode !== 0 || read.records.length < LOG_OVERHEAD) return -1;
  const header = readBatchHeader(read.records, 0);
  return header.baseOffset <= offset ? header.partitionLeaderEpoch : -1;
}

/** Committed batches in [fromOffset, toOffset), each checked as the caller goes on and its records
 * decoded one at a time as the caller visits them (see CommittedBatch): control batches carry no
 * records. The log is read into `into`, a chunk at a time: records decoded from it hold no view of
 * it (their only bytes fields, SCRAM credentials', are copied by the image). */
export function* committedBatches(log: PartitionLog, fromOffset: number, toOffset: number, into: Buffer): Generator<CommittedBatch> {
  let offset = fromOffset;
  while (offset < toOffset) {
    const read = log.read(offset, into.length, toOffset, into);
    if (read.errorCode !== 0 || read.records.length < LOG_OVERHEAD) break;
    const buf = read.records;
    for (let pos = 0; pos + LOG_OVERHEAD <= buf.length; pos += batchSize(buf, pos)) {
      const header = readBatchHeader(buf, pos);
      const lastOffset = header.baseOffset + header.lastOffsetDelta;
      if (lastOffset >= offset) {
        const batch = metadataBatchAt(buf, pos);
        yield { baseOffset: batch.baseOffset, lastOffset, epoch: batch.epoch, recordCount: batch.recordCount, forEachRecord: batch.forEachRecord, forEachValue: batch.forEachValue };
      }
      offset = lastOffset + 1;
    }
  }
}

