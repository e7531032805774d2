// Idempotent and transactional producers' state as the log implies it (Kafka's
// ProducerStateManager): per producer id, its epoch, its last five batches (sequences and offsets),
// its open transaction's first offset and its coordinator epoch, updated by every append, leader or
// follower, so whichever replica leads next can answer a retried batch with its original offset and
// knows the open transactions (the last stable offset). Completed transactions go to a sink (the
// transaction index keeps the aborted ones). The state is kept in `<offset>.snapshot` files: one at
// each segment roll (as of the new segment's base offset) and one at close (as of the log end).
//
// Loaded from the newest readable snapshot at or below the log end plus a walk of the batch headers
// after it (at most the active segment after a crash, nothing after a clean close): at first use, or
// when the log opens if the walk is long.
// A truncation deletes the snapshots above the new end first, then drops the state to be loaded again.
// Producers idle for producer.id.expiration.ms (no transaction open) are dropped by a periodic
// check and when the state loads (Kafka drops them from the snapshot it loads), so a partition does
// not remember every producer that ever wrote to it.
import { joinPath } from './file-system.js';
import { SNAPSHOT_SUFFIX, offsetFileName } from './file-names.js';
import type { BatchInfo } from './batch-scan.js';
import { visitBatchesFrom } from './log-reads.js';
import type { LogSegment } from './log-segment.js';
import type { PartitionDir } from './partition-dir.js';
import { decodeProducerSnapshot, encodeProducerSnapshot, type ProducerSnapshotEntry } from './producer-snapshot.js';
import { applyBatch, fromSnapshotEntry, toSnapshotEntry, type CompletedTxn, type ProducerStateEntry } from './producer-entry.js';

export { PRODUCER_BATCHES_KEPT, isExpired, type ProducerBatch, type ProducerStateEntry, type CompletedTxn } from './producer-entry.js';
import type { StorageEvent } from './storage-events.js';

/** Snapshots kept besides those retention removes with their segments: enough for a follower's
 * truncation into the last segments to start from a snapshot below it. */
const SNAPSHOTS_KEPT = 3;
/** The state of a log without producers, shared (never written to): most logs of a broker with
 * many partitions have none, and an empty Map costs about a hundred bytes. */
const NO_PRODUCERS: ReadonlyMap<number, ProducerStateEntry> = new Map();
// Shared by every log with no transaction open or unreplicated (most of 100,000 partitions): each
// gets its own on its first transaction, never a write into these.
const NO_ONGOING: ReadonlyMap<number, number> = new Map();
const NO_TXNS: readonly CompletedTxn[] = [];

/** The log that owns the state: told of completed transactions as batches are applied (its
 * transaction index takes aborted ones), and asked before each snapshot is written to make durable
 * what the walk after it will not rebuild. One object, not two closures per log. */
export interface ProducerStateListener {
  txnCompleted(txn: CompletedTxn, lastStableOffset: number): void;
  beforeProducerSnapshot(): Promise<void> | undefined;
  /** Whether the producer's state has expired (producer.id.expiration.ms, by the log's clock). */
  isProducerExpired(entry: ProducerStateEntry): boolean;
}

export class ProducerStateManager {
  /** undefined until loaded (or after a truncation dropped it). */
  private producers: ReadonlyMap<number, ProducerStateEntry> | undefined;
  /** The offset the state was taken up to (the log end when loaded). */
  private mapEndOffset = 0;
  private lastSnapshotOffset = -1;
  /** The state holds batches no snapshot has (close writes one then). */
  private snapshotDue = false;
  /** Producer id -> first offset of its open transaction (Kafka's ongoingTxns). */
  private ongoing: ReadonlyMap<number, number> = NO_ONGOING;
  /** Completed transactions whose marker may still be above the high watermark (Kafka's
   * unreplicatedTxns); pruned as the high watermark passes them. */
  private unreplicated: readonly CompletedTxn[] = NO_TXNS;
  /** Told of every transaction completed as batches are applied (appends and load walks). */
  listener: ProducerStateListener | undefined;

  constructor(
    private readonly dir: PartitionDir,
    /** Offsets of the snapshot files in the directory, ascending. */
    private readonly snapshotOffsets: number[],
    private readonly onEvent: (e: StorageEvent) => void,
  ) {}

  /** The state of a log that has no data yet: loaded and empty. */
  static empty(dir: PartitionDir, offset: number, onEvent: (e: StorageEvent) => void): ProducerStateManager {
    const manager = new ProducerStateManager(dir, [], onEvent);
    manager.producers = NO_PRODUCERS;
    manager.mapEndOffset = offset;
    return manager;
  }

  get snapshots(): readonly number[] {
    return this.snapshotOffsets;
  }

  /** The producer's appended state, loading it first if needed. */
  entry(producerId: number, segments: readonly LogSegment[]): Readonly<ProducerStateEntry> | undefined {
    return this.load(segments).get(producerId);
  }

  /** Loads the state if it is not: the newest readable snapshot at or below the log end, then
   * the log's batch headers after it (from the log's start when there is none). */
  load(segments: readonly LogSegment[]): ReadonlyMap<number, ProducerStateEntry> {
    if (this.producers !== undefined) return this.producers;
    const logEndOffset = (segments.at(-1) as LogSegment).nextOffset;
    this.producers = NO_PRODUCERS;
    this.ongoing = NO_ONGOING;
    this.unreplicated = NO_TXNS;
    let from = 0;
    this.lastSnapshotOffset = -1;
    for (let i = this.snapshotOffsets.length - 1; i >= 0; i--) {
      const offset = this.snapshotOffsets[i] as number;
      if (offset > logEndOffset) continue;
      const entries = this.readSnapshot(offset);
      if (entries === undefined) continue;
      if (entries.length > 0) this.producers = new Map(entries.map((e) => [e.producerId, fromSnapshotEntry(e)]));
      for (const e of entries) if (e.currentTxnFirstOffset >= 0) this.ownOngoing().set(e.producerId, e.currentTxnFirstOffset);
      from = offset;
      this.lastSnapshotOffset = offset;
      break;
    }
    visitBatchesFrom(segments, from, (batch) => this.apply(batch));
    this.mapEndOffset = logEndOffset;
    this.snapshotDue = from !== logEndOffset;
    // Kafka filters the snapshot's entries only, and the walk's at its next periodic check: the
    // same state once that check has run, and this way a restart does not bring them back for it.
    this.removeExpired();
    return this.producers;
  }

  /** Drops the producers whose state expired (see ProducerStateListener.isProducerExpired), if the
   * state is loaded; returns how many. The next snapshot leaves them out. */
  removeExpired(): number {
    const producers = this.producers;
    const listener = this.listener;
    if (producers === undefined || producers.size === 0 || listener === undefined) return 0;
    let removed = 0;
    for (const [id, entry] of producers) {
      if (!listener.isProducerExpired(entry)) continue;
      (producers as Map<number, ProducerStateEntry>).delete(id);
      removed++;
    }
    if (removed > 0) this.snapshotDue = true;
    // The shared empty state again: an empty Map of its own costs a log about a hundred bytes.
    if (producers.size === 0) this.producers = NO_PRODUCERS;
    return removed;
  }

  /** About how many bytes of log load() would walk (0 once loaded). */
  bytesToLoad(segments: readonly LogSegment[]): number {
    if (this.producers !== undefined) return 0;
    const logEndOffset = (segments.at(-1) as LogSegment).nextOffset;
    const from = this.snapshotOffsets.filter((o) => o <= logEndOffset).at(-1) ?? 0;
    return segments.filter((s) => s.nextOffset > from).reduce((sum, s) => sum + s.sizeBytes, 0);
  }

  /** Takes appended batches into a loaded state (the caller loaded it before appending). */
  appended(infos: readonly BatchInfo[]): void {
    if (this.producers === undefined) return;
    for (const info of infos) this.apply(info);
  }

  /** Writes the loaded state as `<offset>.snapshot` and syncs it. The name is durable with the
   * next sync of the directory (the roll's, the close's). Older snapshots beyond the few kept go. */
  async writeSnapshot(offset: number): Promise<void> {
    const producers = this.producers;
    if (producers === undefined || offset === this.lastSnapshotOffset) return;
    await this.listener?.beforeProducerSnapshot();
    const entries = [...producers].map(([id, e]) => toSnapshotEntry(id, e));
    const handle = this.dir.fs.open(this.path(offset), { create: true });
    this.dir.changed();
    try {
      handle.truncate(0);
      handle.write(encodeProducerSnapshot(entries), 0);
      await handle.sync();
    } finally {
      handle.close();
    }
    this.lastSnapshotOffset = offset;
    this.snapshotDue = this.mapEndOffset !== offset;
    if (!this.snapshotOffsets.includes(offset)) this.snapshotOffsets.push(offset);
    this.snapshotOffsets.sort((a, b) => a - b);
    while (this.snapshotOffsets.length > SNAPSHOTS_KEPT) this.remove(this.snapshotOffsets[0] as number);
  }

  /** Whether the state holds batches no snapshot has (close writes one then). */
  get changedSinceSnapshot(): boolean {
    return this.producers !== undefined && this.snapshotDue;
  }

  /** Before a truncation to `offset`: snapshots above it describe data about to go. The caller
   * syncs the directory before cutting the log, and calls dropState() once it is cut. */
  deleteSnapshotsAbove(offset: number): void {
    for (const s of this.snapshotOffsets.filter((o) => o > offset)) this.remove(s);
    this.dropState();
  }

  /** Retention deleted the segments below `offset`; their snapshots go too (a later one holds
   * every producer the state still knows). */
  deleteSnapshotsBelow(offset: number): void {
    for (const s of this.snapshotOffsets.filter((o) => o < offset)) this.remove(s);
  }

  /** The state is stale (the log was cut): loaded again at next use. */
  dropState(): void {
    this.producers = undefined;
    this.lastSnapshotOffset = -1;
  }

  /** The log restarts empty at `offset`: no snapshot, no producer. */
  clear(offset: number): void {
    for (const s of [...this.snapshotOffsets]) this.remove(s);
    this.producers = NO_PRODUCERS;
    this.ongoing = NO_ONGOING;
    this.unreplicated = NO_TXNS;
    this.mapEndOffset = offset;
    this.lastSnapshotOffset = -1;
    this.snapshotDue = false;
  }

  private apply(batch: BatchInfo): void {
    this.mapEndOffset = batch.lastOffset + 1;
    this.snapshotDue = true;
    if (batch.producerId < 0) return;
    if (this.producers === NO_PRODUCERS || this.producers === undefined) this.producers = new Map();
    const producers = this.producers as Map<number, ProducerStateEntry>;
    const { entry, completed } = applyBatch(producers.get(batch.producerId), batch);
    producers.set(batch.producerId, entry);
    if (entry.currentTxnFirstOffset >= 0) this.ownOngoing().set(batch.producerId, entry.currentTxnFirstOffset);
    else if (this.ongoing.size > 0) this.ownOngoing().delete(batch.producerId);
    if (completed !== undefined) {
      if (this.unreplicated === NO_TXNS) this.unreplicated = [];
      (this.unreplicated as CompletedTxn[]).push(completed);
      this.listener?.txnCompleted(completed, this.firstOngoingOffset() ?? completed.lastOffset + 1);
    }
  }

  /** The open transactions' map, this log's own from its first transaction (see NO_ONGOING). */
  private ownOngoing(): Map<number, number> {
    if (this.ongoing === NO_ONGOING) this.ongoing = new Map();
    return this.ongoing as Map<number, number>;
  }

  /** The least first offset of the open transactions (undefined: none open). */
  private firstOngoingOffset(): number | undefined {
    let first: number | undefined;
    for (const offset of this.ongoing.values()) if (first === undefined || offset < first) first = offset;
    return first;
  }

  /**
   * Kafka's firstUnstableOffset: the least first offset of the transactions that are open, or
   * completed with a marker not yet below the high watermark (a marker that is not replicated may
   * be lost with its leader, and the transaction be open again). Loads the state first.
   */
  firstUnstableOffset(segments: readonly LogSegment[], highWatermark: number): number | undefined {
    this.load(segments);
    // Every fetch asks: most logs have no transaction at all, and pay two size checks.
    if (this.ongoing.size === 0 && this.unreplicated.length === 0) return undefined;
    if (this.unreplicated.length > 0) this.unreplicated = this.unreplicated.filter((t) => t.lastOffset >= highWatermark);
    let first = this.firstOngoingOffset();
    for (const t of this.unreplicated) if (first === undefined || t.firstOffset < first) first = t.firstOffset;
    return first;
  }

  /** The entries of a snapshot, or undefined (after a warning, and the file removed) if unreadable. */
  private readSnapshot(offset: number): ProducerSnapshotEntry[] | undefined {
    const path = this.path(offset);
    let decoded: ReturnType<typeof decodeProducerSnapshot>;
    try {
      decoded = decodeProducerSnapshot(this.dir.fs.readFile(path));
    } catch (err) {
      decoded = { corrupt: (err as Error).message };
    }
    if (Array.isArray(decoded)) return decoded;
    this.onEvent({ kind: 'producerSnapshotCorrupt', path, reason: decoded.corrupt });
    this.remove(offset);
    return undefined;
  }

  private remove(offset: number): void {
    const i = this.snapshotOffsets.indexOf(offset);
    if (i >= 0) this.snapshotOffsets.splice(i, 1);
    const path = this.path(offset);
    if (this.dir.fs.stat(path) === undefined) return;
    this.dir.fs.unlink(path);
    this.dir.changed();
  }

  private path(offset: number): string {
    return joinPath(this.dir.path, offsetFileName(offset, SNAPSHOT_SUFFIX));
  }
}
