// A partition's log in <log.dir>/<topic>-<partition>/: segments of RecordBatch v2 bytes, offsets,
// leader epochs, flush policy and retention (Kafka's UnifiedLog, reduced).
//
// Mutations (appends, truncations, retention, close) run one at a time in call order; reads are
// synchronous and see every completed mutation. Durability is separate from appending: an append
// writes to the page cache and, when fsyncBeforeAck or flush.messages asks for it, waits for a group
// commit that covers it. Any I/O failure takes the log offline until it is reopened and recovered.
import { ErrorCode } from '../protocol/errors.js';
import { assignOffsets, describeBatches, type BatchInfo } from './batch-scan.js';
import type { ReadBufferSource } from './buffer-pool.js';
import { runToEnd } from './concurrency.js';
import { AppendTruncatedError, UnexpectedAppendOffsetError, assert } from './errors.js';
import { joinPath } from './file-system.js';
import { partitionDirName } from './file-names.js';
import type { EpochEndOffset, EpochEntry, LeaderEpochCache } from './leader-epoch-cache.js';
import type { LogConfig } from './log-config.js';
import type {
  AppendResult,
  DeferredRead,
  DeleteRecordsResult,
  LogReadResult,
  OpenPartitionLogOptions,
  PartitionLogOptions,
} from './log-types.js';
import { LogFlush } from './log-flush.js';
import { LogGuard } from './log-guard.js';
import { newLog, scanLogSteps, type LoadedLog, type LoadOptions } from './log-loader.js';
import { NOTHING, batchRange, maxTimestampAndOffset, offsetForTimestamp, readBatches, wholeBatches, type RecordTimestampPicker } from './log-reads.js';
import { LogSegments } from './log-segments.js';
import { ProducerStateManager, isExpired, type CompletedTxn, type ProducerStateEntry, type ProducerStateListener } from './producer-state-manager.js';
import { deletableSegments } from './retention.js';
import { TransactionIndexes } from './transaction-indexes.js';
import type { AbortedTxn } from './transaction-index.js';
import type { CleanableLog } from './log-cleaner.js';
import { swapSegments } from './segment-swap.js';
import type { StorageEvent } from './storage-events.js';
import type { TimestampOffset } from './time-index.js';

/** Reads from this size up may go to the thread pool (readLarge): its round trip costs about
 * 20 us of CPU here, against 100-250 us for the copy of this many bytes from the page cache. */
const ASYNC_READ_BYTES = 256 * 1024;

/** A read (of a consumer: see readLarge) that starts this close to the end of the active segment is
 * done at once, whatever its size: those bytes were just written, so they are in the page cache and
 * the copy costs the event loop 0.3-1 ms a MiB, where a thread-pool round trip on a busy two-core
 * machine took 4-8 ms (the pool's thread waits for a core, then its completion for the event loop's
 * next poll). A consumer keeping up with its producers reads there. */
const RECENT_READ_BYTES = 4 * 1024 * 1024;

/** Producer state that takes longer than this much log to rebuild is loaded when the log opens. */
const EAGER_PRODUCER_LOAD_BYTES = 1 << 20;

/** A log opened from its directory: what the opening reported, and when its changes are durable. */
export interface OpenedLog {
  log: PartitionLog;
  events: StorageEvent[];
  settled: Promise<void>;
}

/** Leader appends written together, and how many of them are written. */
interface AppendGroup {
  members: LeaderAppend[];
  written: number;
}

/** A leader append waiting in its group. */
interface LeaderAppend {
  batches: Buffer;
  infos: BatchInfo[];
  leaderEpoch: number;
  resolve: (result: AppendResult | Promise<AppendResult>) => void;
  reject: (err: Error) => void;
}

/** At most this much of a group is written at once, so its first appends are acknowledged without
 * waiting for the copy of all the others. */
const RUN_BYTES = 8 * 1024 * 1024;

/** The end of the run of appends from `start` written together (at least one): what one segment
 * takes, up to RUN_BYTES. */
function fittingRun(members: readonly LeaderAppend[], start: number, segmentBytes: number): number {
  const limit = Math.min(segmentBytes, RUN_BYTES);
  let bytes = members[start]!.batches.length;
  let end = start + 1;
  while (end < members.length && bytes + members[end]!.batches.length <= limit) bytes += members[end++]!.batches.length;
  return end;
}

export class PartitionLog implements ProducerStateListener {
  private readonly segments: LogSegments;
  private readonly epochCache: LeaderEpochCache;
  private readonly flusher: LogFlush;
  private readonly nowMs: () => number;
  private readonly persistLogStartOffset: ((log: PartitionLog) => Promise<void>) | undefined;
  private startOffset: number;
  private hw: number;
  private readonly guard: LogGuard;
  private readonly producerState: ProducerStateManager;
  private txnIndexes_: TransactionIndexes | undefined;
  /** Leader appends queued since the last mutation was queued: they are written together. */
  private openGroup: AppendGroup | undefined;

  private constructor(
    readonly dir: string,
    readonly topic: string,
    readonly partition: number,
    public config: LogConfig,
    options: PartitionLogOptions,
    loaded: LoadedLog,
  ) {
    this.nowMs = options.nowMs;
    this.guard = new LogGuard(dir, options.pending);
    this.persistLogStartOffset = options.persistLogStartOffset;
    const onEvent = options.onEvent ?? ((): void => {});
    this.producerState = loaded.snapshotOffsets === undefined
      ? ProducerStateManager.empty(loaded.dir, loaded.logStartOffset, onEvent)
      : new ProducerStateManager(loaded.dir, loaded.snapshotOffsets, onEvent);
    this.segments = new LogSegments(loaded.dir, loaded.segments, options.nowMs, this.producerState);
    this.producerState.listener = this;
    this.epochCache = loaded.epochCache;
    this.startOffset = loaded.logStartOffset;
    this.hw = loaded.logStartOffset;
    this.flusher = new LogFlush(this.segments, this.epochCache, options.nowMs);
  }

  /** Creates `<parentDir>/<topic>-<partition>/`, durably, with an empty first segment. */
  static async create(
    parentDir: string,
    topic: string,
    partition: number,
    options: PartitionLogOptions,
  ): Promise<PartitionLog> {
    const dir = joinPath(parentDir, partitionDirName(topic, partition));
    assert(options.fs.stat(dir) === undefined, `${dir} already exists`);
    options.fs.mkdir(dir);
    await options.fs.syncDir(parentDir);
    return PartitionLog.inNewDir(dir, topic, partition, options);
  }

  /**
   * The log of a directory just created (and made durable) by the caller, which lets a caller
   * creating many logs share one fsync of their parent. Touches no file: the first segment's files
   * are created by its first append, so an unused partition costs its directory only.
   */
  static inNewDir(dir: string, topic: string, partition: number, options: PartitionLogOptions): PartitionLog {
    const loaded = newLog(options.fs, dir, options.config, options.nowMs());
    return new PartitionLog(dir, topic, partition, options.config, options, loaded);
  }

  /** Opens an existing partition directory, recovering it after an unclean shutdown, and waits
   * until what the opening changed is durable. */
  static async open(
    dir: string,
    topic: string,
    partition: number,
    options: OpenPartitionLogOptions,
  ): Promise<{ log: PartitionLog; events: StorageEvent[] }> {
    const { log, events, settled } = PartitionLog.openNow(dir, topic, partition, options);
    await settled;
    return { log, events };
  }

  /**
   * Opens, synchronously, an existing partition directory (a log opened on first use), recovering
   * it first after an unclean shutdown. What the scan changed (a cut tail, rebuilt indexes, removed
   * leftovers, aborts past the recovered end) is made durable before the log's first mutation;
   * `settled` says when.
   */
  static openNow(
    dir: string,
    topic: string,
    partition: number,
    options: OpenPartitionLogOptions,
  ): OpenedLog {
    return runToEnd(PartitionLog.openSteps(dir, topic, partition, options, Infinity));
  }

  /** openNow in slices: yields after each `sliceBytes` its recovery scans (see scanLogSteps). */
  static *openSteps(
    dir: string,
    topic: string,
    partition: number,
    options: OpenPartitionLogOptions,
    sliceBytes: number,
  ): Generator<void, OpenedLog> {
    const { loaded, settle } = yield* scanLogSteps(options.fs, dir, { ...loadOptions(options), sliceBytes });
    let aborts: Promise<void> | undefined;
    // Read once the settle is done, by which time the log below has set `aborts` (or not).
    const settled = settle().then(() => aborts);
    const log = PartitionLog.loaded(dir, topic, partition, { ...options, pending: settled }, loaded);
    // After a crash the active segment's .txnindex may hold aborts whose markers did not survive:
    // cut in memory now (before any read), synced with the rest.
    if (!options.hadCleanShutdown && options.fs.stat(log.segments.active.logPath.replace(/\.log$/, '.txnindex')) !== undefined) {
      aborts = log.txnIndexes.truncateTo(log.segments.all, log.logEndOffset);
    }
    return { log, events: loaded.events, settled };
  }

  private static loaded(dir: string, topic: string, partition: number, options: PartitionLogOptions, loaded: LoadedLog): PartitionLog {
    const log = new PartitionLog(dir, topic, partition, options.config, options, loaded);
    // A long walk (a crash far from the last roll) happens now, with the opening (in the background
    // after a start, unless a request opens the log first), rather than at a produce later; a short
    // one waits for first use.
    if (log.producerState.bytesToLoad(log.segments.all) > EAGER_PRODUCER_LOAD_BYTES) log.producerState.load(log.segments.all);
    return log;
  }

  get logEndOffset(): number {
    return this.segments.active.nextOffset;
  }

  /** No record between the log start and end offsets. */
  private get isEmpty(): boolean {
    return this.logEndOffset === this.startOffset;
  }

  get logStartOffset(): number {
    return this.startOffset;
  }

  get highWatermark(): number {
    return this.hw;
  }

  /** Everything below it is synced (with the epochs it needs): what LogDir checkpoints. */
  get recoveryPoint(): number {
    return this.flusher.syncedOffset;
  }

  get unflushedMessages(): number {
    return this.logEndOffset - this.recoveryPoint;
  }

  get sizeBytes(): number {
    return this.segments.sizeBytes;
  }

  segmentBaseOffsets(): number[] {
    return this.segments.all.map((s) => s.baseOffset);
  }

  latestEpoch(): number {
    return this.epochCache.latestEpoch();
  }

  epochEntries(): readonly EpochEntry[] {
    return this.epochCache.all();
  }

  /** The leader epoch of the batch holding `offset` (ListOffsets reports it), per the cache. */
  epochForOffset(offset: number): number {
    return this.epochCache.epochForOffset(offset);
  }

  /** OffsetForLeaderEpoch / Raft divergence: where `epoch` ended in this log. */
  endOffsetForEpoch(epoch: number): EpochEndOffset {
    return this.epochCache.endOffsetFor(epoch, this.logEndOffset);
  }

  /** Sets the high watermark, clamped to [logStartOffset, logEndOffset] as Kafka does; returns it. */
  updateHighWatermark(offset: number): number {
    this.guard.check();
    this.hw = Math.min(Math.max(offset, this.startOffset), this.logEndOffset);
    return this.hw;
  }

  /** Leader append: rewrites the batches' base offsets (in place) from the log end offset and stamps
   * `leaderEpoch` into them. `batches` holds whole, validated batches, at most segment.bytes.
   * Not an async function: this runs once per produce request, and an async function's state and
   * awaits cost more allocation than the rest of the append. */
  append(batches: Buffer, options: { leaderEpoch: number }): Promise<AppendResult> {
    let infos: BatchInfo[];
    try {
      infos = describeBatches(batches, false);
      assert(batches.length <= this.config.segmentBytes, 'append larger than segment.bytes (RECORD_LIST_TOO_LARGE)');
    } catch (err) {
      return Promise.reject(err as Error);
    }
    let group = this.openGroup;
    if (group === undefined) {
      const opened: AppendGroup = { members: [], written: 0 };
      // A group that fails (or never runs: the log went offline) fails its appends not yet written.
      this.serial(() => this.appendGroup(opened)).catch((err: unknown) => {
        for (const m of opened.members.splice(opened.written)) m.reject(err as Error);
      });
      group = this.openGroup = opened;
    }
    const members = group.members;
    const leaderEpoch = options.leaderEpoch;
    return new Promise<AppendResult>((resolve, reject) => {
      members.push({ batches, infos, leaderEpoch, resolve, reject });
    });
  }

  /** Follower (or Raft) append: batches keep their offsets and epochs; the first must be at or past
   * the log end offset (else UnexpectedAppendOffsetError: truncate first). */
  async appendAsFollower(batches: Buffer): Promise<AppendResult> {
    const infos = describeBatches(batches, true);
    assert(batches.length <= this.config.segmentBytes, 'append larger than segment.bytes (RECORD_LIST_TOO_LARGE)');
    const result = await this.serial(async () => {
      const first = infos[0] as BatchInfo;
      if (first.baseOffset < this.logEndOffset) throw new UnexpectedAppendOffsetError(first.baseOffset, this.logEndOffset);
      // Loaded before the write, so the walk of the log does not see these batches too.
      this.producerState.load(this.segments.all);
      await this.segments.append([batches], batches.length, infos, this.config);
      this.producerState.appended(infos);
      for (const info of infos) this.epochCache.assign(info.partitionLeaderEpoch, info.baseOffset);
      return this.appendResult(infos);
    });
    await this.awaitDurability(result.lastOffset);
    return result;
  }

  /**
   * Whole batches from the one holding `fetchOffset`, from a single segment, up to `maxBytes` (but
   * at least one batch, however large: Kafka's rule) and below `maxOffset` (the high watermark for
   * consumers, the log end offset for followers). With `into`, the records are read into it when
   * they fit: a view of it, valid until its next use, for a reader that decodes them at once (a
   * buffer used again is not faulted in again, where a new one is, page by page).
   */
  read(fetchOffset: number, maxBytes: number, maxOffset = this.logEndOffset, into?: Buffer): LogReadResult {
    if (!this.readable(fetchOffset)) return { errorCode: ErrorCode.OFFSET_OUT_OF_RANGE };
    return { errorCode: ErrorCode.NONE, records: readBatches(this.segments.all, fetchOffset, maxBytes, maxOffset, into) };
  }

  /**
   * read(), but a read of ASYNC_READ_BYTES or more runs on the file system's thread pool (where it
   * has one) and its records come later. A consumer's fetch of 8 partitions read each 1 MiB on the
   * event loop, one after another; on the pool they overlap each other and the event loop's other
   * work (the bench's consume: 1.7-2.4 GB/s from the page cache before, 2.7-2.9 after; from the
   * disk 0.50-0.54 GB/s before, 0.62-0.98 after). With `recentAtOnce`, a read of the newest bytes
   * stays on the event loop (RECENT_READ_BYTES). The records are read into a buffer from `buffers`
   * (taken once the read's size is known), or into one of their own.
   */
  readLarge(fetchOffset: number, maxBytes: number, maxOffset = this.logEndOffset, buffers?: ReadBufferSource, recentAtOnce = false): LogReadResult | DeferredRead {
    if (!this.readable(fetchOffset)) return { errorCode: ErrorCode.OFFSET_OUT_OF_RANGE };
    const range = batchRange(this.segments.all, fetchOffset, maxBytes, maxOffset);
    if (range === undefined) return { errorCode: ErrorCode.NONE, records: NOTHING };
    const into = buffers?.take(range.length);
    const recent = recentAtOnce && range.segment === this.segments.active && range.segment.sizeBytes - range.position <= RECENT_READ_BYTES;
    if (range.length < ASYNC_READ_BYTES || recent) {
      return { errorCode: ErrorCode.NONE, records: wholeBatches(range.segment.read(range.position, range.length, into), maxOffset) };
    }
    const deferred = range.segment.readAsync(range.position, range.length, into).then((data) => wholeBatches(data, maxOffset));
    return { errorCode: ErrorCode.NONE, deferred, maxBytes: range.length };
  }

  /** Whether a read may start at `fetchOffset` (from the log start to the log end); throws while
   * the log is offline. */
  private readable(fetchOffset: number): boolean {
    this.guard.check();
    return fetchOffset >= this.startOffset && fetchOffset <= this.logEndOffset;
  }

  /** An idempotent producer's epoch and last batches as appended to this log, as leader or
   * follower (loaded from the newest producer snapshot and the log after it at first use). */
  producerEntry(producerId: number): Readonly<ProducerStateEntry> | undefined {
    this.guard.check();
    return this.producerState.entry(producerId, this.segments.all);
  }

  /** Kafka's last stable offset: below the first offset of any transaction still open (or whose
   * marker is not yet replicated), and at most the high watermark. read_committed reads below it. */
  get lastStableOffset(): number {
    this.guard.check();
    const first = this.producerState.firstUnstableOffset(this.segments.all, this.hw);
    return first === undefined ? this.hw : Math.min(first, this.hw);
  }

  /** The aborted transactions overlapping [fetchOffset, upperBoundOffset) (Kafka's
   * collectAbortedTransactions, for read_committed fetches), from the segments' .txnindex files. */
  abortedTransactions(fetchOffset: number, upperBoundOffset: number): AbortedTxn[] {
    this.guard.check();
    // Loading the producer state rebuilds the entries past its newest snapshot.
    this.producerState.load(this.segments.all);
    return this.txnIndexes.collect(this.segments.all, fetchOffset, upperBoundOffset);
  }

  private get txnIndexes(): TransactionIndexes {
    return (this.txnIndexes_ ??= new TransactionIndexes(this.segments.dir));
  }

  /** ProducerStateListener: an aborted transaction goes into the transaction index. */
  txnCompleted(txn: CompletedTxn, lastStableOffset: number): void {
    if (txn.isAborted) this.txnIndexes.completed(this.segments.all, txn, lastStableOffset);
  }

  /** ProducerStateListener: entries of aborts below a snapshot's offset are not rebuilt from the
   * log, so the transaction index is made durable first. */
  beforeProducerSnapshot(): Promise<void> | undefined {
    return this.txnIndexes_?.sync();
  }

  /** ProducerStateListener: Kafka's isProducerExpired, by this log's clock and config. */
  isProducerExpired(entry: ProducerStateEntry): boolean {
    return isExpired(entry, this.nowMs(), this.config.producerIdExpirationMs);
  }

  /** Drops producers idle for producer.id.expiration.ms from the state, if it is loaded (one not
   * loaded drops them as it loads); returns how many went. */
  removeExpiredProducers(): number {
    this.guard.check();
    return this.producerState.removeExpired();
  }

  /** Every producer the log's state holds (DescribeProducers), loading the state first if needed. */
  producerEntries(): ReadonlyMap<number, Readonly<ProducerStateEntry>> {
    this.guard.check();
    return this.producerState.load(this.segments.all);
  }

  /** Offsets of the producer-state snapshot files, ascending. */
  producerSnapshotOffsets(): readonly number[] {
    return this.producerState.snapshots;
  }

  /** ListOffsets by time: the first offset at or after logStartOffset whose record timestamp is >=
   * `timestampMs`, found per batch and refined inside it by `pick` when given. The caller hides
   * results at or above the high watermark from consumers. */
  offsetForTimestamp(timestampMs: number, pick?: RecordTimestampPicker): TimestampOffset | undefined {
    this.guard.check();
    return offsetForTimestamp(this.segments.all, timestampMs, this.startOffset, pick);
  }

  /** ListOffsets MAX_TIMESTAMP. */
  maxTimestampAndOffset(): TimestampOffset | undefined {
    this.guard.check();
    return maxTimestampAndOffset(this.segments.all);
  }

  /** Syncs everything appended so far (sharing an fsync with concurrent callers). */
  async flush(): Promise<void> {
    await this.flushTo(this.logEndOffset);
  }

  /** Whether the oldest unflushed data is flush.ms old (LogDir.flushDue, run periodically, asks). */
  get isFlushDue(): boolean {
    return this.flusher.isDue(this.config.flushMs);
  }

  /** A new leader's epoch starts at the log end offset (Kafka's maybeAssignEpochStartOffset):
   * recorded after the appends already queued, and persisted. No-op for an epoch not newer. */
  assignEpochStartOffset(epoch: number): Promise<void> {
    return this.serial(async () => {
      if (epoch <= this.epochCache.latestEpoch()) return;
      this.epochCache.assign(epoch, this.logEndOffset);
      // An empty log's entry is one the loader would drop anyway (it cuts entries at or after the
      // log end), so it is not written: a restart that makes 100,000 empty partitions leaders must
      // not fsync 100,000 renames first. The first append records the epoch with its batch.
      if (this.isEmpty) return;
      await this.epochCache.persist();
    });
  }

  /** Removes every offset >= `offset` (the whole batch holding it), durably, before resolving. */
  truncateTo(offset: number): Promise<void> {
    return this.serial(async () => {
      if (offset >= this.logEndOffset) {
        // Kafka's rule: no record goes, but an epoch entry at the very end does (a former leader
        // recorded its epoch's start and wrote nothing in it), or the follower keeps sending a last
        // fetched epoch its leader never had.
        this.epochCache.truncateFromEnd(this.logEndOffset);
        return this.epochCache.persist();
      }
      if (offset < this.startOffset) return this.truncateFullyNow(offset);
      // Snapshots above the new end go (durably) first: one must never describe data appended later.
      this.producerState.deleteSnapshotsAbove(offset);
      await this.segments.dir.syncIfChanged();
      await this.segments.truncateTo(offset);
      await this.txnIndexes.truncateTo(this.segments.all, offset);
      this.producerState.dropState();
      this.epochCache.truncateFromEnd(this.logEndOffset);
      await this.epochCache.persist();
      this.hw = Math.min(this.hw, this.logEndOffset);
      this.flusher.truncated(this.logEndOffset);
    });
  }

  /** Deletes every segment and restarts the log empty at `offset` (follower behind the leader's
   * log start offset, Raft snapshot install). */
  truncateFullyAndStartAt(offset: number): Promise<void> {
    return this.serial(() => this.truncateFullyNow(offset));
  }

  /** DeleteRecords: moves the log start offset up to `offset` (at most the high watermark) and
   * persists it. Segments wholly below it go at the next deleteOldSegments(). */
  deleteRecordsBefore(offset: number): Promise<DeleteRecordsResult> {
    return this.serial(async () => {
      if (offset > this.hw) return { errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, lowWatermark: this.startOffset };
      if (offset > this.startOffset) {
        this.startOffset = offset;
        this.epochCache.truncateFromStart(offset);
        await this.persistLogStartOffset?.(this);
      }
      return { errorCode: ErrorCode.NONE, lowWatermark: this.startOffset };
    });
  }

  /** Retention pass (retention.ms, retention.bytes, log start offset); the runtime calls it
   * periodically. Deletes whole old segments, never the active one. */
  deleteOldSegments(): Promise<StorageEvent | undefined> {
    return this.serial(async () => {
      const deletable = deletableSegments({
        segments: this.segments.all,
        highWatermark: this.hw,
        logStartOffset: this.startOffset,
        retentionMs: this.config.retentionMs,
        retentionBytes: this.config.retentionBytes,
        nowMs: this.nowMs(),
      });
      if (deletable === undefined) return undefined;
      this.producerState.deleteSnapshotsBelow(this.segments.all[deletable.count]?.baseOffset ?? this.logEndOffset);
      const baseOffsets = await this.segments.deleteOldest(deletable.count);
      this.txnIndexes_?.forgetBelow(this.segments.first.baseOffset);
      this.startOffset = Math.max(this.startOffset, this.segments.first.baseOffset);
      this.epochCache.truncateFromStart(this.startOffset);
      return { kind: 'segmentsDeleted', dir: this.dir, baseOffsets, reason: deletable.reason } as const;
    });
  }

  /** What the log cleaner reads and swaps (storage/log-cleaner.ts); undefined unless compacted. */
  forCleaner(): CleanableLog | undefined {
    const compaction = this.config.compaction;
    if (compaction === undefined) return undefined;
    return {
      dir: this.segments.dir,
      config: this.config,
      compaction,
      segments: () => this.segments.all,
      producerLastOffsets: () => new Set([...this.producerEntries().values()].map((e) => e.batches.at(-1)?.lastOffset ?? -1)),
      swap: (old, sizes, cleaned) => this.serial(async () => {
        // Entries not yet synced are synced now: the cleaned segment's index was built from the files.
        await this.txnIndexes_?.sync();
        const forget = (): void => this.txnIndexes_?.forget(old.map((s) => s.baseOffset));
        return swapSegments(this.segments, old, sizes, cleaned, this.config, this.nowMs(), forget);
      }),
    };
  }

  /** Closes the log for deletion, after the mutations queued before: nothing is flushed or
   * checkpointed (a topic of a few GB spent seconds in fsync for data about to go). */
  discard(): Promise<void> {
    return this.serial(async () => {
      await this.segments.discard();
      this.guard.markClosed();
    });
  }

  /** Flushes, seals the active segment (so the next open needs no recovery) and closes the files. */
  close(): Promise<void> {
    return this.serial(async () => {
      await this.flushTo(this.logEndOffset);
      // Kafka's clean-shutdown snapshot: the next open loads the state without reading the log.
      if (this.producerState.changedSinceSnapshot) await this.producerState.writeSnapshot(this.logEndOffset);
      await this.txnIndexes_?.sync();
      await this.segments.close();
      // An empty log's entries are what the loader derives from its start and end offsets alone.
      if (!this.isEmpty) await this.epochCache.persist();
      this.guard.markClosed();
    });
  }

  /** A mutation after every one queued so far: leader appends queued after it form a new group. */
  private serial<T>(op: () => Promise<T>): Promise<T> {
    this.openGroup = undefined;
    return this.guard.serial(op);
  }

  /**
   * Writes the leader appends queued while the mutation before them ran (a connection's burst of
   * produce requests read at once, or many producers' requests to one partition) in call order,
   * with one system call for as many as fit the active segment together, where each took one. A
   * failed write fails every append of the group not yet written, and takes the log offline.
   */
  private async appendGroup(group: AppendGroup): Promise<void> {
    if (this.openGroup === group) this.openGroup = undefined;
    const members = group.members;
    // Loaded before the write, so the walk of the log does not see these batches too.
    this.producerState.load(this.segments.all);
    while (group.written < members.length) {
      const start = group.written;
      const end = fittingRun(members, start, this.config.segmentBytes);
      const chunks: Buffer[] = [];
      const infos: BatchInfo[] = [];
      let bytes = 0;
      let next = this.logEndOffset;
      for (let i = start; i < end; i++) {
        const m = members[i]!;
        assignOffsets(m.batches, m.infos, next, m.leaderEpoch);
        next = m.infos.at(-1)!.lastOffset + 1;
        // Positions become the run's: the segment indexes them from where the run starts.
        for (const info of m.infos) {
          info.position += bytes;
          infos.push(info);
        }
        chunks.push(m.batches);
        bytes += m.batches.length;
      }
      await this.segments.append(chunks, bytes, infos, this.config);
      this.producerState.appended(infos);
      for (const info of infos) this.epochCache.assign(info.partitionLeaderEpoch, info.baseOffset);
      group.written = end;
      for (let i = start; i < end; i++) members[i]!.resolve(this.durable(this.appendResult(members[i]!.infos)));
    }
  }

  private async truncateFullyNow(offset: number): Promise<void> {
    this.producerState.clear(offset);
    this.txnIndexes_?.forgetAll();
    await this.segments.truncateFullyAndStartAt(offset, this.config);
    this.epochCache.clear();
    await this.epochCache.persist();
    this.startOffset = offset;
    this.hw = offset;
    this.flusher.truncated(offset);
    await this.persistLogStartOffset?.(this);
  }

  private appendResult(infos: BatchInfo[]): AppendResult {
    const first = infos[0] as BatchInfo;
    return {
      baseOffset: first.baseOffset,
      lastOffset: (infos.at(-1) as BatchInfo).lastOffset,
      logAppendTimeMs: first.logAppendTime ? first.maxTimestampMs : -1,
      logStartOffset: this.startOffset,
    };
  }

  /** Whether an append waits for an fsync before it is acknowledged: fsyncBeforeAck, or
   * flush.messages reached. */
  private get flushDue(): boolean {
    return this.config.fsyncBeforeAck || this.unflushedMessages >= this.config.flushMessages;
  }

  private async awaitDurability(lastOffset: number): Promise<void> {
    if (!this.flushDue) return;
    if (!(await this.flushTo(lastOffset + 1))) throw new AppendTruncatedError(lastOffset);
  }

  /** An append's result once it is as durable as configured: at once, unless an fsync is due. */
  private durable(result: AppendResult): AppendResult | Promise<AppendResult> {
    if (!this.flushDue) return result;
    return this.awaitDurability(result.lastOffset).then(() => result);
  }

  private async flushTo(offset: number): Promise<boolean> {
    this.guard.check();
    try {
      return await this.flusher.waitFor(offset);
    } catch (err) {
      throw this.guard.fail(err);
    }
  }
}

function loadOptions(options: OpenPartitionLogOptions): LoadOptions {
  return {
    config: options.config,
    nowMs: options.nowMs(),
    hadCleanShutdown: options.hadCleanShutdown,
    recoveryPoint: options.recoveryPoint ?? 0,
    logStartOffset: options.logStartOffset ?? 0,
  };
}
