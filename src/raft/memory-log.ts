// In-memory log and snapshot store behind the core's seams, for tests and the simulator, and the
// steps a driver takes for a Ready on them (what the runtime does on disk, minus the fsyncs).
import { assert } from './assert.js';
import { describeBatch, type LogBatch } from './batches.js';
import {
  metadataEndOffsetForEpoch,
  sameSnapshotId,
  type OffsetAndEpoch,
  type ReplicatedLog,
  type SnapshotId,
  type SnapshotStore,
} from './log-seams.js';
import type { Ready } from './raft-node.js';

export class MemorySnapshotStore implements SnapshotStore {
  /** Complete snapshots, oldest first. */
  private complete: { id: SnapshotId; bytes: Buffer }[] = [];
  private partial: { id: SnapshotId; bytes: Buffer } | undefined;

  latestSnapshotId(): SnapshotId | undefined {
    return this.complete.at(-1)?.id;
  }

  earliestSnapshotId(): SnapshotId | undefined {
    return this.complete[0]?.id;
  }

  snapshotSizeBytes(id: SnapshotId): number | undefined {
    return this.find(id)?.length;
  }

  readSnapshot(id: SnapshotId, position: number, maxBytes: number): Buffer {
    const bytes = this.find(id);
    assert(bytes !== undefined, `no snapshot ${id.endOffset}-${id.epoch}`);
    return bytes.subarray(position, position + maxBytes);
  }

  snapshotBytes(id: SnapshotId): Buffer | undefined {
    return this.find(id);
  }

  /** A snapshot the state machine wrote whole. */
  add(id: SnapshotId, bytes: Buffer): void {
    if (this.find(id) !== undefined) return;
    this.complete.push({ id, bytes });
    this.complete.sort((a, b) => a.id.endOffset - b.id.endOffset);
  }

  writeChunk(id: SnapshotId, position: number, bytes: Buffer): void {
    if (position === 0 || !sameSnapshotId(this.partial?.id, id)) this.partial = { id, bytes: Buffer.alloc(0) };
    const partial = this.partial!;
    assert(position === partial.bytes.length, `chunk at ${position} of a ${partial.bytes.length}-byte partial snapshot`);
    partial.bytes = Buffer.concat([partial.bytes, bytes]);
  }

  /** Publishes the downloaded snapshot (the rename of the partial file); the log restarts at its
   * end, so the older snapshots go. */
  install(id: SnapshotId): void {
    const bytes = sameSnapshotId(this.partial?.id, id) ? this.partial!.bytes : Buffer.alloc(0);
    this.partial = undefined;
    this.complete = [{ id, bytes }];
  }

  /** Deletes the snapshots older than the latest (the log no longer needs them). */
  deleteOlderThanLatest(): void {
    this.complete = this.complete.slice(-1);
  }

  clone(): MemorySnapshotStore {
    const copy = new MemorySnapshotStore();
    copy.complete = [...this.complete];
    copy.partial = this.partial === undefined ? undefined : { ...this.partial };
    return copy;
  }

  private find(id: SnapshotId): Buffer | undefined {
    return this.complete.find((s) => sameSnapshotId(s.id, id))?.bytes;
  }
}

export class MemoryLog implements ReplicatedLog {
  private entries: LogBatch[] = [];
  private startOffset = 0;
  private epochStarts: { epoch: number; startOffset: number }[] | undefined;

  constructor(private readonly snapshots: SnapshotStore) {}

  get batches(): readonly LogBatch[] {
    return this.entries;
  }

  get logStartOffset(): number {
    return this.startOffset;
  }

  get logEndOffset(): number {
    const last = this.entries.at(-1);
    return last === undefined ? this.startOffset : Math.max(this.startOffset, last.lastOffset + 1);
  }

  get lastFetchedEpoch(): number {
    const last = this.entries.at(-1);
    if (last !== undefined) return last.epoch;
    const latest = this.snapshots.latestSnapshotId();
    return latest !== undefined && latest.endOffset === this.startOffset ? latest.epoch : 0;
  }

  endOffsetForEpoch(epoch: number): OffsetAndEpoch {
    return metadataEndOffsetForEpoch(epoch, this.cachedEndOffsetFor(epoch), this, this.snapshots.earliestSnapshotId());
  }

  read(fromOffset: number, maxBytes: number): Buffer {
    let i = this.indexOfBatchEndingAtOrAfter(fromOffset);
    const out: Buffer[] = [];
    let bytes = 0;
    for (; i < this.entries.length; i++) {
      const b = this.entries[i]!.bytes;
      if (out.length > 0 && bytes + b.length > maxBytes) break;
      out.push(b);
      bytes += b.length;
    }
    return Buffer.concat(out);
  }

  append(bytes: Buffer): void {
    const batch = describeBatch(bytes);
    assert(batch.baseOffset === this.logEndOffset, `append at ${batch.baseOffset}, log end offset ${this.logEndOffset}`);
    this.entries.push(batch);
    this.epochStarts = undefined;
  }

  truncateTo(offset: number): void {
    const keep = this.indexOfBatchEndingAtOrAfter(offset);
    assert(keep === this.entries.length || this.entries[keep]!.baseOffset >= offset, `truncation to ${offset} inside a batch`);
    this.entries.length = keep;
    this.epochStarts = undefined;
  }

  truncateFullyAndStartAt(offset: number): void {
    this.entries = [];
    this.startOffset = offset;
    this.epochStarts = undefined;
  }

  /** Raises the log start offset (after a snapshot) and drops the batches wholly below it. */
  deleteBefore(offset: number): void {
    if (offset <= this.startOffset) return;
    assert(offset <= this.logEndOffset, `log start ${offset} past the log end ${this.logEndOffset}`);
    this.entries = this.entries.slice(this.indexOfBatchEndingAtOrAfter(offset));
    this.startOffset = offset;
    this.epochStarts = undefined;
  }

  clone(snapshots: SnapshotStore): MemoryLog {
    const copy = new MemoryLog(snapshots);
    copy.entries = [...this.entries];
    copy.startOffset = this.startOffset;
    return copy;
  }

  /** Kafka's LeaderEpochFileCache.endOffsetFor over the batches' epochs (epoch -1 when unknown). */
  private cachedEndOffsetFor(epoch: number): { epoch: number; endOffset: number } {
    const starts = this.epochStartsOf();
    const latest = starts.at(-1);
    if (epoch < 0 || latest === undefined) return { epoch: -1, endOffset: -1 };
    if (epoch === latest.epoch) return { epoch, endOffset: this.logEndOffset };
    const higher = starts.findIndex((e) => e.epoch > epoch);
    if (higher < 0) return { epoch: -1, endOffset: -1 };
    return { epoch: starts[higher - 1]?.epoch ?? epoch, endOffset: starts[higher]!.startOffset };
  }

  private epochStartsOf(): { epoch: number; startOffset: number }[] {
    if (this.epochStarts !== undefined) return this.epochStarts;
    const starts: { epoch: number; startOffset: number }[] = [];
    for (const b of this.entries) {
      if (starts.at(-1)?.epoch !== b.epoch) starts.push({ epoch: b.epoch, startOffset: Math.max(b.baseOffset, this.startOffset) });
    }
    this.epochStarts = starts;
    return starts;
  }

  private indexOfBatchEndingAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.entries[mid]!.lastOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Steps b to e of the driver contract on the in-memory log and snapshot store. */
export function applyReadyToMemory(ready: Ready, log: MemoryLog, snapshots: MemorySnapshotStore): void {
  for (const chunk of ready.snapshotChunks) snapshots.writeChunk(chunk.snapshotId, chunk.position, chunk.bytes);
  if (ready.installSnapshot !== undefined) {
    snapshots.install(ready.installSnapshot);
    log.truncateFullyAndStartAt(ready.installSnapshot.endOffset);
  }
  if (ready.truncateToOffset !== undefined) log.truncateTo(ready.truncateToOffset);
  for (const batch of ready.appends) log.append(batch);
}
