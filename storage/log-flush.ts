// A log's flush bookkeeping: group commit over the active segment (everything older was synced when
// it rolled) and its directory entry, the leader epochs the synced data needs, and the time of the
// last flush for flush.ms.
import { GroupCommit, type SyncTarget } from './group-commit.js';
import type { LeaderEpochCache } from './leader-epoch-cache.js';
import type { LogSegments } from './log-segments.js';

export class LogFlush implements SyncTarget {
  private readonly commit: GroupCommit;
  private lastFlushMs: number;

  constructor(
    private readonly segments: LogSegments,
    private readonly epochCache: LeaderEpochCache,
    private readonly nowMs: () => number,
  ) {
    this.lastFlushMs = nowMs();
    this.commit = new GroupCommit(this, this.writtenOffset());
  }

  /** Everything below it is synced, with the leader epochs it needs. */
  get syncedOffset(): number {
    return this.commit.syncedOffset;
  }

  /** flush.ms: whether unflushed data has waited that long since the last flush. */
  isDue(flushMs: number): boolean {
    return this.segments.active.nextOffset > this.syncedOffset && this.nowMs() - this.lastFlushMs >= flushMs;
  }

  /** True once everything below `offset` is synced; false if a truncation removed it first. */
  waitFor(offset: number): Promise<boolean> {
    return this.commit.waitFor(offset);
  }

  /** The log was truncated to end at `offset` and synced there. */
  truncated(offset: number): void {
    this.commit.reset(offset);
  }

  writtenOffset(): number {
    return this.segments.active.nextOffset;
  }

  async sync(): Promise<void> {
    await this.segments.syncActive();
    await this.epochCache.persist();
    this.lastFlushMs = this.nowMs();
  }
}
