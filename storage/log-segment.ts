// One segment of a partition log: <base>.log holding RecordBatch v2 bytes exactly as appended, with
// its sparse <base>.index and <base>.timeindex. Only the last (active) segment takes appends; its
// index files are preallocated to segment.index.bytes once written, and sealed (final time entry,
// trimmed, synced) when it rolls or the log closes.
//
// A new segment has no files until its first append creates the .log (a partition that is never
// written costs its directory only); its indexes follow at their first entry or when it is sealed.
import { CorruptSegmentError, FileSystemError, assert, invariant } from './errors.js';
import { scanBatches, type BatchInfo, type ScanFailure, type ScanResult } from './batch-scan.js';
import { runToEnd } from './concurrency.js';
import { joinPath, type FileHandle } from './file-system.js';
import { DELETED_SUFFIX, INDEX_SUFFIX, LOG_SUFFIX, TIME_INDEX_SUFFIX, TXN_INDEX_SUFFIX, offsetFileName } from './file-names.js';
import { OffsetIndex } from './offset-index.js';
import type { PartitionDir } from './partition-dir.js';
import { NO_TIMESTAMP, TimeIndex } from './time-index.js';

export interface SegmentIndexConfig {
  /** index.interval.bytes: bytes of batches between offset index entries. */
  indexIntervalBytes: number;
  /** segment.index.bytes: size limit of each index file. */
  segmentIndexBytes: number;
}

export interface RecoverResult {
  truncatedBytes: number;
  failure?: ScanFailure;
}

/** Chunk for header walks on the read path: an index interval's worth of small batches. */
const READ_CHUNK_BYTES = 8192;
/** The last batches appended that a segment remembers: a fetch from near the end (a follower's, a
 * tailing consumer's) finds its batch without reading headers from the file. */
const RECENT_BATCHES = 2;
/**
 * What the remembered batches grow to, doubling at each read from before them: a consumer tailing
 * a log of single-record batches asks for one a few batches back (those appended while its last
 * answer travelled). With two remembered, 77-88% of the latency bench's fetch lookups read headers
 * from the file instead (an index lookup and a read of up to 8 KiB: 20-35 us more than a
 * remembered batch, 1 KiB batches in the page cache); grown, under 1% at 5,000 records/s. A segment
 * nobody reads near its end keeps two.
 */
const MAX_RECENT_BATCHES = 32;

export class LogSegment {
  sizeBytes: number;
  /** One past the last offset in the segment; the base offset while empty. */
  nextOffset: number;
  maxTimestampMs = NO_TIMESTAMP;
  offsetOfMaxTimestamp: number;
  /** Max timestamp of the first batch: segment.ms counts from it (Kafka's rollingBasedTimestamp). */
  firstBatchTimestampMs = NO_TIMESTAMP;
  private lastIndexedPosition = 0;
  /** The segment's last batches (at most recentLimit, oldest first, positions the segment's), as
   * appended since it was loaded or truncated; undefined until the first append. */
  private recent: BatchInfo[] | undefined;
  /** How many batches `recent` keeps (RECENT_BATCHES, doubled up to MAX_RECENT_BATCHES). */
  private recentLimit = RECENT_BATCHES;

  private constructor(
    private readonly dir: PartitionDir,
    readonly baseOffset: number,
    /** The .log file; undefined until the segment's first append creates it. */
    private log: FileHandle | undefined,
    /** Created at first use (an unwritten segment never needs them): see the getters. */
    private offsetIndex_: OffsetIndex | undefined,
    private timeIndex_: TimeIndex | undefined,
    private readonly config: SegmentIndexConfig,
    /** Creation time, for segment.ms when batches carry no timestamps. */
    public createdMs: number,
    /** '.cleaned' for a segment the log cleaner is writing (its files are renamed when swapped in). */
    private readonly fileSuffix = '',
  ) {
    this.sizeBytes = log?.size() ?? 0;
    this.nextOffset = baseOffset;
    this.offsetOfMaxTimestamp = baseOffset;
  }

  /** A new, empty segment. No file is created until materialize() or the first append. */
  static create(dir: PartitionDir, baseOffset: number, config: SegmentIndexConfig, nowMs: number, fileSuffix = ''): LogSegment {
    return new LogSegment(dir, baseOffset, undefined, undefined, undefined, config, nowMs, fileSuffix);
  }

  /**
   * Opens an existing segment trusting its files. Returns `indexesValid: false` when an index is
   * missing or fails its sanity check; the caller then runs recover().
   */
  static open(
    dir: PartitionDir,
    baseOffset: number,
    config: SegmentIndexConfig,
    nowMs: number,
  ): { segment: LogSegment; indexesValid: boolean } {
    const log = dir.fs.open(segmentFile(dir, baseOffset, LOG_SUFFIX));
    const offsetIndex = OffsetIndex.load(dir, segmentFile(dir, baseOffset, INDEX_SUFFIX), baseOffset, config.segmentIndexBytes);
    const timeIndex = TimeIndex.load(dir, segmentFile(dir, baseOffset, TIME_INDEX_SUFFIX), baseOffset, config.segmentIndexBytes);
    const segment = new LogSegment(dir, baseOffset, log, offsetIndex, timeIndex, config, nowMs);
    const indexesValid =
      offsetIndex !== undefined &&
      timeIndex !== undefined &&
      offsetIndex.isSane(segment.sizeBytes) &&
      segment.loadTail() &&
      timeIndex.isSane(segment.nextOffset);
    return { segment, indexesValid };
  }

  get logPath(): string {
    return this.path(LOG_SUFFIX);
  }

  private get offsetIndex(): OffsetIndex {
    this.offsetIndex_ ??= OffsetIndex.empty(this.dir, this.path(INDEX_SUFFIX), this.baseOffset, this.config.segmentIndexBytes);
    return this.offsetIndex_;
  }

  private get timeIndex(): TimeIndex {
    this.timeIndex_ ??= TimeIndex.empty(this.dir, this.path(TIME_INDEX_SUFFIX), this.baseOffset, this.config.segmentIndexBytes);
    return this.timeIndex_;
  }

  /** Whether the .log file exists (it was loaded, appended to or materialized). */
  get hasFiles(): boolean {
    return this.log !== undefined;
  }

  /** Creates the (empty) .log file now: its name records the base offset on disk. Durable once the
   * directory is synced. */
  materialize(): FileHandle {
    if (this.log !== undefined) return this.log;
    const path = this.logPath;
    const log = this.dir.fs.open(path, { create: true });
    if (log.size() !== 0) {
      log.close();
      throw new FileSystemError('EEXIST', 'create segment', path);
    }
    this.log = log;
    this.dir.changed();
    return log;
  }

  get indexesFull(): boolean {
    return this.offsetIndex.isFull || this.timeIndex.isFull;
  }

  /** Appends batches; `infos` describe them with positions relative to `batches`. */
  append(batches: Buffer, infos: BatchInfo[]): void {
    const start = this.sizeBytes;
    (this.log ?? this.materialize()).write(batches, start);
    this.appended(start, batches.length, infos);
  }

  /**
   * append() of `chunks` (together `bytes` long, described by `infos` with positions relative to
   * their concatenation) through the file's writev, which may copy on the thread pool. Size,
   * offsets and indexes move only once the bytes are written, so reads never see a half-written
   * batch. The caller runs one at a time per segment (the log's mutation queue).
   */
  async appendAsync(chunks: readonly Buffer[], bytes: number, infos: BatchInfo[]): Promise<void> {
    const start = this.sizeBytes;
    await (this.log ?? this.materialize()).writev(chunks, start);
    if (this.sizeBytes !== start) throw invariant(`${this.logPath}: append raced another change`);
    this.appended(start, bytes, infos);
  }

  private appended(start: number, bytes: number, infos: BatchInfo[]): void {
    this.sizeBytes += bytes;
    // Positions in `infos` are relative to the appended bytes; `start` makes them the segment's.
    for (const info of infos) this.indexBatch(info, start);
    const recent = (this.recent ??= []);
    for (let i = Math.max(0, infos.length - this.recentLimit); i < infos.length; i++) {
      const info = infos[i]!;
      // A copy then a store: `{ ...info, position }` takes V8's slow path (about 0.6-2 us here).
      const copy = { ...info };
      copy.position = start + info.position;
      recent.push(copy);
    }
    if (recent.length > this.recentLimit) recent.splice(0, recent.length - this.recentLimit);
  }

  /** `length` bytes from `position`, read into `into` when it is large enough (a view of it, valid
   * until its next use), else into a new buffer. */
  read(position: number, length: number, into?: Buffer): Buffer {
    if (this.log === undefined) return Buffer.alloc(0);
    const target = readTarget(length, into);
    return target.subarray(0, this.log.read(target, position));
  }

  /** read() on the file system's thread pool where it reads there, else at once. */
  async readAsync(position: number, length: number, into?: Buffer): Promise<Buffer> {
    if (this.log === undefined) return Buffer.alloc(0);
    const target = readTarget(length, into);
    const n = this.log.readAsync !== undefined ? await this.log.readAsync(target, position) : this.log.read(target, position);
    return target.subarray(0, n);
  }

  /** The first batch whose last offset is >= `offset`, or undefined. */
  batchAtOrAfter(offset: number): BatchInfo | undefined {
    if (this.sizeBytes === 0) return undefined;
    const recent = this.recent;
    // The remembered batches are the segment's last, one after the other: every batch before the
    // first of them ends below its base offset.
    if (recent !== undefined && recent.length > 0 && offset >= recent[0]!.baseOffset) {
      for (const batch of recent) if (batch.lastOffset >= offset) return batch;
      return undefined;
    }
    // A read from before the remembered batches, all of them kept: remember more next time (a
    // reader catching up from far back grows the list too, which costs little).
    if (recent !== undefined && recent.length >= this.recentLimit) this.recentLimit = Math.min(2 * this.recentLimit, MAX_RECENT_BATCHES);
    return this.findBatch(this.offsetIndex.lookup(offset).position, (b) => b.lastOffset >= offset);
  }

  /** The first batch with max timestamp >= `timestampMs` and last offset >= `minOffset`. */
  batchWithTimestampAtOrAfter(timestampMs: number, minOffset: number): BatchInfo | undefined {
    if (this.sizeBytes === 0) return undefined;
    const start = this.offsetIndex.lookup(this.timeIndex.lookup(timestampMs).offset).position;
    return this.findBatch(start, (b) => b.maxTimestampMs >= timestampMs && b.lastOffset >= minOffset);
  }

  /** Walks batch headers from `position` (a batch boundary) until `visit` returns false; framing
   * that is not a batch throws, naming the file and position. */
  batchesFrom(position: number, visit: (batch: BatchInfo) => boolean | void): void {
    const result = this.scanHeaders(position, visit);
    if (result.failure) throw new CorruptSegmentError(this.logPath, result.failure.position, result.failure.reason);
  }

  /** Removes the batches with offsets >= `offset` (the whole batch holding it). Returns bytes cut. */
  truncateTo(offset: number, nowMs: number): number {
    const batch = this.batchAtOrAfter(offset);
    if (batch === undefined) return 0;
    const cutBytes = this.sizeBytes - batch.position;
    this.offsetIndex.truncateTo(offset);
    this.timeIndex.truncateTo(offset);
    this.log?.truncate(batch.position);
    this.sizeBytes = batch.position;
    if (this.sizeBytes === 0) this.createdMs = nowMs;
    if (!this.loadTail()) throw new CorruptSegmentError(this.logPath, this.lastIndexedPosition, 'unreadable after truncation');
    return cutBytes;
  }

  /**
   * Validates every batch (length, magic, CRC-32C, offsets) and rebuilds both indexes. An invalid
   * batch ends the segment: truncated there when `allowTruncate` (the tail of the last segment,
   * where a crash can tear a write), else reported as CorruptSegmentError.
   */
  recover(allowTruncate: boolean, onBatch: (batch: BatchInfo) => void): RecoverResult {
    return runToEnd(this.recoverSteps(allowTruncate, onBatch, Infinity));
  }

  /**
   * recover() in slices: yields after each `sliceBytes` of the file (at a batch boundary), so a
   * caller can let other work run between them. Nothing else may touch the segment meanwhile.
   */
  *recoverSteps(allowTruncate: boolean, onBatch: (batch: BatchInfo) => void, sliceBytes: number): Generator<void, RecoverResult> {
    const log = this.log;
    assert(log !== undefined, `recovery of ${this.logPath}, which has no file`);
    this.closeIndexes();
    this.offsetIndex_ = undefined;
    this.timeIndex_ = undefined;
    this.resetTail();
    let position = 0;
    let minOffset = this.baseOffset;
    for (;;) {
      const sliceEnd = position + sliceBytes;
      const result = scanBatches(
        log,
        { startPosition: position, endPosition: this.sizeBytes, segmentBaseOffset: this.baseOffset, minOffset, verify: true },
        (batch) => {
          // Left for the next slice, which scans it again from its first byte.
          if (batch.position >= sliceEnd) return false;
          this.indexBatch(batch);
          onBatch(batch);
          minOffset = batch.lastOffset + 1;
        },
      );
      if (result.failure === undefined && result.validEndPosition < this.sizeBytes) {
        position = result.validEndPosition;
        yield;
        continue;
      }
      if (result.failure === undefined) return { truncatedBytes: 0 };
      if (!allowTruncate) throw new CorruptSegmentError(this.logPath, result.failure.position, result.failure.reason);
      const truncatedBytes = this.sizeBytes - result.validEndPosition;
      log.truncate(result.validEndPosition);
      this.sizeBytes = result.validEndPosition;
      return { truncatedBytes, failure: result.failure };
    }
  }

  /** Ends the segment's active life: final time index entry, index files written exactly, everything
   * synced. A segment without files has nothing to seal. */
  async seal(): Promise<void> {
    if (this.log === undefined) return;
    this.timeIndex.maybeAppend(this.maxTimestampMs, this.offsetOfMaxTimestamp);
    await Promise.all([this.log.sync(), this.offsetIndex.file.seal(), this.timeIndex.file.seal()]);
  }

  /** Syncs the .log file; the indexes of an active segment are rebuilt after a crash instead. */
  async syncLog(): Promise<void> {
    await this.log?.sync();
  }

  close(): void {
    this.closeIndexes();
    this.log?.close();
  }

  /**
   * Closes the files and renames them to `.deleted`, then unlinks them in the background (Kafka's
   * asynchronous segment deletion): retention deleting a 1 GiB segment whose pages are cached
   * held the event loop for half a second in unlink. Gone for the log once the caller syncs the
   * directory; a `.deleted` file a crash left is removed when the log next opens.
   */
  deleteInBackground(): void {
    for (const path of this.closeForDeletion()) {
      this.dir.fs.rename(path, path + DELETED_SUFFIX);
      this.dir.removeLater(path + DELETED_SUFFIX);
    }
  }

  /** Closes and unlinks the files; durable after the caller syncs the directory. */
  delete(): void {
    for (const path of this.closeForDeletion()) this.dir.fs.unlink(path);
  }

  /** Closes the files; returns the paths of those that exist (their directory changes next). */
  private closeForDeletion(): string[] {
    const hadFiles = this.hasFiles;
    this.close();
    if (!hadFiles) return [];
    this.dir.changed();
    const paths = [LOG_SUFFIX, INDEX_SUFFIX, TIME_INDEX_SUFFIX, TXN_INDEX_SUFFIX].map((suffix) => this.path(suffix));
    return paths.filter((path) => this.dir.fs.stat(path) !== undefined);
  }

  private closeIndexes(): void {
    this.offsetIndex_?.file.close();
    this.timeIndex_?.file.close();
  }

  private path(suffix: string): string {
    return segmentFile(this.dir, this.baseOffset, suffix) + this.fileSuffix;
  }

  private findBatch(position: number, match: (batch: BatchInfo) => boolean): BatchInfo | undefined {
    let found: BatchInfo | undefined;
    this.batchesFrom(position, (batch) => {
      if (!match(batch)) return true;
      found = batch;
      return false;
    });
    return found;
  }

  /** Takes a batch's offsets and timestamps into the segment's running state. */
  private noteBatch(batch: BatchInfo, start = 0): void {
    if (start + batch.position === 0) this.firstBatchTimestampMs = batch.maxTimestampMs;
    if (batch.maxTimestampMs > this.maxTimestampMs) {
      this.maxTimestampMs = batch.maxTimestampMs;
      this.offsetOfMaxTimestamp = batch.lastOffset;
    }
    this.nextOffset = batch.lastOffset + 1;
  }

  private indexBatch(batch: BatchInfo, start = 0): void {
    this.noteBatch(batch, start);
    const position = start + batch.position;
    // Kafka's rule: an entry for the first batch starting more than index.interval.bytes after the last.
    if (position - this.lastIndexedPosition > this.config.indexIntervalBytes && !this.offsetIndex.isFull) {
      this.offsetIndex.append(batch.lastOffset, position);
      this.timeIndex.maybeAppend(this.maxTimestampMs, this.offsetOfMaxTimestamp);
      this.lastIndexedPosition = position;
    }
  }

  private resetTail(): void {
    this.recent = undefined;
    this.nextOffset = this.baseOffset;
    this.maxTimestampMs = NO_TIMESTAMP;
    this.offsetOfMaxTimestamp = this.baseOffset;
    this.firstBatchTimestampMs = NO_TIMESTAMP;
    this.lastIndexedPosition = 0;
  }

  /** Derives nextOffset and the max timestamp from the indexes and the batches after their last
   * entries (at most about an index interval). False if those bytes are not whole batches. */
  private loadTail(): boolean {
    this.resetTail();
    const lastTime = this.timeIndex.lastEntry();
    this.maxTimestampMs = lastTime.timestampMs;
    this.offsetOfMaxTimestamp = lastTime.offset;
    this.lastIndexedPosition = this.offsetIndex.lastEntry().position;
    const start = Math.min(this.lastIndexedPosition, this.offsetIndex.lookup(lastTime.offset).position);
    const result = this.scanHeaders(start, (batch) => this.noteBatch(batch));
    if (result.failure !== undefined) return false;
    if (start === 0) return true;
    const first = this.scanHeaders(0, (batch) => {
      this.firstBatchTimestampMs = batch.maxTimestampMs;
      return false;
    });
    return first.failure === undefined;
  }

  private scanHeaders(position: number, visit: (batch: BatchInfo) => boolean | void): ScanResult {
    if (this.log === undefined || position >= this.sizeBytes) return { validEndPosition: position };
    const options = { startPosition: position, endPosition: this.sizeBytes, segmentBaseOffset: this.baseOffset };
    return scanBatches(this.log, { ...options, verify: false, chunkBytes: READ_CHUNK_BYTES }, visit);
  }
}

function segmentFile(dir: PartitionDir, baseOffset: number, suffix: string): string {
  return joinPath(dir.path, offsetFileName(baseOffset, suffix));
}

/** Where a read of `length` bytes goes: a lent buffer's first `length` bytes only (a larger buffer
 * must not raise a fetch's partition limit to its own size), else a new buffer. */
function readTarget(length: number, into: Buffer | undefined): Buffer {
  return into !== undefined && into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafe(length);
}
