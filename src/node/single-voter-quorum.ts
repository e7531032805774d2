// A quorum of one voter: this node leads every epoch and a batch commits once it is written (and
// synced, when the flush policy asks). The same contract as the Raft quorum, so the rest of the
// node does not know which one it runs on.
import { encodeRecordBatch, decodeRecordBatch } from '../../protocol/records/record-batch.js';
import { batchSize, LOG_OVERHEAD } from '../../protocol/records/batch-header.js';
import type { PartitionLog } from '../../storage/partition-log.js';
import { decodeMetadataRecord, encodeMetadataRecord, type AnyMetadataRecord } from '../metadata/records.js';
import type { CommittedBatch, LeaderState, MetadataQuorum, QuorumListener } from './metadata-quorum.js';

const REPLAY_CHUNK_BYTES = 8 * 1024 * 1024;

export class SingleVoterQuorum implements MetadataQuorum {
  private listener: QuorumListener | undefined;
  private epoch = 0;
  private nextOffset = 0;

  constructor(
    private readonly nodeId: number,
    private readonly log: PartitionLog,
    private readonly nowMs: () => number,
  ) {}

  async start(listener: QuorumListener): Promise<void> {
    this.listener = listener;
    this.replay();
    this.nextOffset = this.log.logEndOffset;
    this.epoch = Math.max(this.log.latestEpoch(), 0) + 1;
    listener.onLeaderChange({ leaderId: this.nodeId, epoch: this.epoch }, true);
  }

  leader(): LeaderState {
    return { leaderId: this.nodeId, epoch: this.epoch };
  }

  highWatermark(): number {
    return this.log.highWatermark;
  }

  propose(records: AnyMetadataRecord[]): { lastOffset: number; committed: Promise<void> } {
    const baseOffset = this.nextOffset;
    const batch = encodeRecordBatch({
      baseOffset,
      partitionLeaderEpoch: this.epoch,
      records: records.map((r) => ({ key: null, value: encodeMetadataRecord(r), timestamp: this.nowMs() })),
    });
    this.nextOffset += records.length;
    const lastOffset = this.nextOffset - 1;
    const committed = this.log.append(batch, { leaderEpoch: this.epoch }).then((result) => {
      this.log.updateHighWatermark(result.lastOffset + 1);
      this.listener!.onCommit({ baseOffset: result.baseOffset, lastOffset: result.lastOffset, epoch: this.epoch, records });
    });
    return { lastOffset, committed };
  }

  async stop(): Promise<void> {
    this.listener = undefined;
  }

  /** Everything in a single voter's log was written by its only voter, so all of it is committed. */
  private replay(): void {
    let offset = this.log.logStartOffset;
    const end = this.log.logEndOffset;
    while (offset < end) {
      const read = this.log.read(offset, REPLAY_CHUNK_BYTES);
      if (read.errorCode !== 0 || read.records.length < LOG_OVERHEAD) break;
      const buf = read.records;
      for (let pos = 0; pos + LOG_OVERHEAD <= buf.length;) {
        const size = batchSize(buf, pos);
        if (pos + size > buf.length) break;
        const batch = decodeRecordBatch(buf, pos);
        const committed: CommittedBatch = {
          baseOffset: batch.baseOffset,
          lastOffset: batch.baseOffset + batch.lastOffsetDelta,
          epoch: batch.partitionLeaderEpoch,
          records: batch.isControl ? [] : batch.records.map((r) => decodeMetadataRecord(r.value!)),
        };
        this.listener!.onCommit(committed);
        offset = committed.lastOffset + 1;
        pos += size;
      }
    }
    this.log.updateHighWatermark(end);
  }
}
