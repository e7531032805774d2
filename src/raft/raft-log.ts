// The log as the core sees it: the driver's log (stable: what it has applied), then a pending cut
// (a truncation, or a reset to an installed snapshot) and the batches not yet handed over or not
// yet acknowledged. The driver may apply a Ready asynchronously, so the core cannot wait for the
// stable log to change; it answers from this overlay until advance() says the stable log caught up.
//
// A cut only ever follows a fetch response, and a follower sends its next fetch in the Ready after
// the one that carried its appends, so a cut never lands on unacknowledged batches (asserted).
import { assert } from './assert.js';
import type { LogBatch } from './batches.js';
import { BASE_OFFSET, batchSize, readInt64 } from '../../protocol/records/batch-header.js';
import type { OffsetAndEpoch, ReplicatedLog, SnapshotId, SnapshotStore } from './log-seams.js';

interface Cut {
  offset: number;
  lastEpoch: number;
  snapshotId: SnapshotId | undefined;
}

/** Log changes of one Ready, to be applied in this order. */
export interface LogChanges {
  installSnapshot: SnapshotId | undefined;
  truncateToOffset: number | undefined;
  appends: Buffer[];
}

/** Told of every change to the log's contents, to keep what is derived from them (the voter set). */
export interface LogWatcher {
  appended(batch: LogBatch): void;
  /** The log now ends at endOffset; records at or after it are gone. */
  truncated(endOffset: number): void;
  /** The log restarts at the end of this snapshot. */
  reset(snapshotId: SnapshotId): void;
}

export class RaftLog {
  watcher: LogWatcher | undefined;
  private cut: Cut | undefined;
  private cutTaken = false;
  private readonly unstable: LogBatch[] = [];
  /** Leading unstable batches that are in the outstanding Ready. */
  private taken = 0;
  private durableEnd: number;

  constructor(
    readonly stable: ReplicatedLog,
    readonly snapshots: SnapshotStore,
  ) {
    this.durableEnd = stable.logEndOffset;
  }

  get logStartOffset(): number {
    return this.cut?.snapshotId !== undefined ? this.cut.offset : this.stable.logStartOffset;
  }

  get logEndOffset(): number {
    const last = this.unstable.at(-1);
    if (last !== undefined) return last.lastOffset + 1;
    return this.cut !== undefined ? this.cut.offset : this.stable.logEndOffset;
  }

  get lastFetchedEpoch(): number {
    const last = this.unstable.at(-1);
    if (last !== undefined) return last.epoch;
    return this.cut !== undefined ? this.cut.lastEpoch : this.stable.lastFetchedEpoch;
  }

  /** End of what the driver has made durable (acknowledged by advance). */
  get durableEndOffset(): number {
    return this.durableEnd;
  }

  endOffsetForEpoch(epoch: number): OffsetAndEpoch {
    const higher = this.unstable.findIndex((b) => b.epoch > epoch);
    if (higher > 0) return { epoch: this.unstable[higher - 1]!.epoch, offset: this.unstable[higher]!.baseOffset };
    if (higher < 0 && this.unstable.length > 0) return { epoch: this.lastFetchedEpoch, offset: this.logEndOffset };
    const cut = this.cut;
    if (cut !== undefined && (cut.snapshotId !== undefined || epoch >= cut.lastEpoch)) {
      return { epoch: cut.lastEpoch, offset: cut.offset };
    }
    return this.stable.endOffsetForEpoch(epoch);
  }

  /** Durable batches from the one holding fromOffset (a leader never has a cut pending). */
  read(fromOffset: number, maxBytes: number): Buffer {
    assert(this.cut === undefined, 'read with a truncation pending');
    if (fromOffset >= this.durableEnd) return Buffer.alloc(0);
    const records = this.stable.read(fromOffset, maxBytes);
    // The stable log may already hold writes of the outstanding Ready; serve only synced ones.
    let pos = 0;
    while (pos < records.length && readInt64(records, pos + BASE_OFFSET) < this.durableEnd) pos += batchSize(records, pos);
    return pos === records.length ? records : records.subarray(0, pos);
  }

  append(batch: LogBatch): void {
    assert(batch.baseOffset === this.logEndOffset, `append at ${batch.baseOffset}, log end offset ${this.logEndOffset}`);
    assert(batch.epoch >= this.lastFetchedEpoch, `append of epoch ${batch.epoch} after epoch ${this.lastFetchedEpoch}`);
    assert(batch.lastOffset >= batch.baseOffset, `batch ${batch.baseOffset}..${batch.lastOffset}`);
    this.unstable.push(batch);
    this.watcher?.appended(batch);
  }

  /**
   * ReplicatedLog.truncateToEndOffset: cut the log where the leader's `divergingEpoch` ends, or
   * where our own greatest epoch below it ends. Returns the new log end offset.
   */
  truncateToEndOffset(diverging: OffsetAndEpoch): number {
    const local = this.endOffsetForEpoch(diverging.epoch);
    const offset = local.epoch === diverging.epoch ? Math.min(local.offset, diverging.offset) : local.offset;
    if (offset >= this.logEndOffset) return this.logEndOffset;
    // After the cut the log ends inside `local.epoch`, or at the log start when nothing is left.
    const lastEpoch = offset <= this.logStartOffset ? this.epochAtLogStart() : local.epoch;
    this.setCut({ offset, lastEpoch, snapshotId: undefined });
    this.watcher?.truncated(offset);
    return offset;
  }

  /** Replace the whole log by an installed snapshot: the log restarts at its end offset. */
  resetToSnapshot(snapshotId: SnapshotId): void {
    this.setCut({ offset: snapshotId.endOffset, lastEpoch: snapshotId.epoch, snapshotId });
    this.watcher?.reset(snapshotId);
  }

  hasChanges(): boolean {
    return (this.cut !== undefined && !this.cutTaken) || this.unstable.length > this.taken;
  }

  /** Hands the pending changes to a Ready; they stay visible here until acknowledged. */
  takeChanges(): LogChanges {
    assert(this.taken === 0 && !this.cutTaken, 'log changes taken twice');
    this.cutTaken = this.cut !== undefined;
    this.taken = this.unstable.length;
    return {
      installSnapshot: this.cut?.snapshotId,
      truncateToOffset: this.cut !== undefined && this.cut.snapshotId === undefined ? this.cut.offset : undefined,
      appends: this.unstable.map((b) => b.bytes),
    };
  }

  /** The driver applied and synced what takeChanges returned. */
  acknowledgeChanges(): void {
    if (this.cutTaken) {
      this.durableEnd = this.cut!.offset;
      this.cut = undefined;
      this.cutTaken = false;
    }
    if (this.taken > 0) this.durableEnd = this.unstable[this.taken - 1]!.lastOffset + 1;
    this.unstable.splice(0, this.taken);
    this.taken = 0;
    assert(this.stable.logEndOffset === this.durableEnd, `driver log ends at ${this.stable.logEndOffset}, expected ${this.durableEnd}`);
  }

  private epochAtLogStart(): number {
    const earliest = this.snapshots.earliestSnapshotId();
    return earliest !== undefined && earliest.endOffset === this.logStartOffset ? earliest.epoch : 0;
  }

  private setCut(cut: Cut): void {
    assert(this.cut === undefined && this.unstable.length === 0, 'log cut while changes are pending');
    this.cut = cut;
  }
}
