// The metadata partition's log as the Raft core reads it (its ReplicatedLog seam), over the
// project's segmented storage, and the committed batches decoded for the metadata image.
import { batchSize, LOG_OVERHEAD } from '../../protocol/records/batch-header.js';
import { decodeRecordBatch } from '../../protocol/records/record-batch.js';
import type { PartitionLog } from '../../storage/partition-log.js';
import { decodeMetadataRecord } from '../metadata/records.js';
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

  read(fromOffset: number, maxBytes: number): Buffer {
    const read = this.log.read(fromOffset, maxBytes, this.log.logEndOffset);
    return read.errorCode === 0 ? read.records : Buffer.alloc(0);
  }
}

/** Committed batches in [fromOffset, toOffset), decoded: control batches carry no records. */
export function committedBatches(log: PartitionLog, fromOffset: number, toOffset: number, chunkBytes: number): CommittedBatch[] {
  const out: CommittedBatch[] = [];
  let offset = fromOffset;
  while (offset < toOffset) {
    const read = log.read(offset, chunkBytes, toOffset);
    if (read.errorCode !== 0 || read.records.length < LOG_OVERHEAD) break;
    const buf = read.records;
    for (let pos = 0; pos + LOG_OVERHEAD <= buf.length; pos += batchSize(buf, pos)) {
      const batch = decodeRecordBatch(buf, pos);
      const lastOffset = batch.baseOffset + batch.lastOffsetDelta;
      if (lastOffset >= offset) {
        out.push({
          baseOffset: batch.baseOffset, lastOffset, epoch: batch.partitionLeaderEpoch,
          records: batch.isControl ? [] : batch.records.map((r) => decodeMetadataRecord(r.value!)),
        });
      }
      offset = lastOffset + 1;
    }
  }
  return out;
}
