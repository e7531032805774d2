// The ordered segments of one partition directory and the operations that add or remove them:
// append with Kafka's roll rule, truncation from the end, whole-segment deletion from the start.
// Each keeps the invariant recovery relies on: every segment but the last is sealed and synced, and
// a crash at any point leaves a prefix of the log.
import { MAX_RELATIVE_OFFSET, type BatchInfo } from './batch-scan.js';
import { assert } from './errors.js';
import type { LogConfig } from './log-config.js';
import { floorSegmentIndex } from './log-reads.js';
import { LogSegment } from './log-segment.js';
import type { PartitionDir } from './partition-dir.js';

export class LogSegments {
  constructor(
    readonly dir: PartitionDir,
    private list: LogSegment[],
    private readonly nowMs: () => number,
    /** Snapshots the producer state as of a roll's new base offset while the old segment is
     * sealed; the roll's directory sync makes the file's name durable. */
    private readonly producerState?: { writeSnapshot(offset: number): Promise<void> },
  ) {
    assert(list.length > 0, 'a log has at least one segment');
  }

  get all(): readonly LogSegment[] {
    return this.list;
  }

  get active(): LogSegment {
    return this.list.at(-1) as LogSegment;
  }

  get first(): LogSegment {
    return this.list[0] as LogSegment;
  }

  get sizeBytes(): number {
    return this.list.reduce((sum, s) => sum + s.sizeBytes, 0);
  }

  /** Writes batches to the active segment, rolling first when Kafka would: `chunks`, together
   * `bytes` long, hold the batches `infos` describe (positions relative to their concatenation).
   * Not an async function: it runs for every write, and most need no roll. */
  append(chunks: readonly Buffer[], bytes: number, infos: BatchInfo[], config: LogConfig): Promise<void> {
    if (!this.shouldRoll(bytes, infos, config)) return this.active.appendAsync(chunks, bytes, infos);
    return this.roll((infos[0] as BatchInfo).baseOffset, config).then(() => this.active.appendAsync(chunks, bytes, infos));
  }

  /** Removes offsets >= `offset`, durably (the later segments' files are unlinked in the
   * background). Later segments go first, so a crash leaves a prefix. */
  async truncateTo(offset: number): Promise<void> {
    const removed = this.list.splice(floorSegmentIndex(this.list, offset) + 1);
    for (const segment of removed.reverse()) segment.deleteInBackground();
    if (removed.length > 0) await this.dir.sync();
    this.active.truncateTo(offset, this.nowMs());
    await this.active.syncLog();
  }

  /** Replaces every segment by an empty one at `offset`, durably (one directory sync). Its .log is
   * created at once: the file's name is what records, on disk, where the log now starts. */
  async truncateFullyAndStartAt(offset: number, config: LogConfig): Promise<void> {
    for (const segment of this.list.splice(0)) segment.deleteInBackground();
    const segment = LogSegment.create(this.dir, offset, config, this.nowMs());
    this.list.push(segment);
    segment.materialize();
    await this.dir.sync();
  }

  /** Deletes the `count` oldest segments (never the active one); returns their base offsets. Their
   * files are unlinked in the background, after this resolves. */
  async deleteOldest(count: number): Promise<number[]> {
    assert(count < this.list.length, 'the active segment is never deleted');
    const doomed = this.list.splice(0, count);
    for (const segment of doomed) segment.deleteInBackground();
    await this.dir.sync();
    return doomed.map((s) => s.baseOffset);
  }

  /** Puts `fresh` in place of `count` segments from `start` (a cleaned segment swapped in). */
  replaceRange(start: number, count: number, fresh: LogSegment): void {
    assert(start + count < this.list.length, 'the active segment is never replaced');
    this.list.splice(start, count, fresh);
  }

  /** Syncs what a flush covers: the active segment's .log and, if files were created since the last
   * directory sync, the directory (a first append creates the .log). Older segments were synced
   * when they were sealed. */
  async syncActive(): Promise<void> {
    await Promise.all([this.active.syncLog(), this.dir.syncIfChanged()]);
  }

  /** Closes every file, once the deleted segments' files are gone, writing nothing: the log is
   * being deleted. */
  async discard(): Promise<void> {
    await this.dir.removed();
    for (const segment of this.list) segment.close();
  }

  /** Seals the active segment (so the next open needs no recovery) and closes every file, once the
   * deleted segments' files are gone. */
  async close(): Promise<void> {
    await this.active.seal();
    await this.dir.removed();
    await this.dir.syncIfChanged();
    for (const segment of this.list) segment.close();
  }

  /** Kafka's roll rule: size, time since the first batch's timestamp, full indexes, offset range. */
  private shouldRoll(appendBytes: number, infos: BatchInfo[], config: LogConfig): boolean {
    const segment = this.active;
    const last = infos.at(-1) as BatchInfo;
    if (last.lastOffset - segment.baseOffset > MAX_RELATIVE_OFFSET) return true;
    if (segment.sizeBytes === 0) return false;
    if (segment.sizeBytes > config.segmentBytes - appendBytes || segment.indexesFull) return true;
    // segment.ms counts in record time from the first batch, in clock time for timestamp-less data.
    const maxTimestampMs = infos.reduce((max, i) => Math.max(max, i.maxTimestampMs), -1);
    const waitedMs =
      segment.firstBatchTimestampMs >= 0
        ? maxTimestampMs - segment.firstBatchTimestampMs
        : this.nowMs() - segment.createdMs;
    return waitedMs > config.segmentMs;
  }

  /** The old segment is sealed and synced before the new one exists, so after any crash only the
   * last segment can hold a torn write. */
  private async roll(baseOffset: number, config: LogConfig): Promise<void> {
    const old = this.active;
    await Promise.all([old.seal(), this.producerState?.writeSnapshot(baseOffset)]);
    if (old.sizeBytes === 0) {
      this.list.pop();
      old.delete();
    }
    const segment = LogSegment.create(this.dir, baseOffset, config, this.nowMs());
    this.list.push(segment);
    // Created now rather than by the append that follows, so one directory sync covers it, the old
    // segment's index files and the removal of an empty one.
    segment.materialize();
    await this.dir.sync();
  }
}
