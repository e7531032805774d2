// Opening a partition directory: segments, indexes, leader epochs and crash recovery.
//
// Every segment but the last is synced (log and trimmed indexes) before the next one is created, so
// only the last segment can end in a torn write. After an unclean shutdown the segments from the
// one holding the recovery point onward are validated batch by batch: the last one is truncated at
// its first invalid batch (one event); an invalid batch in an earlier one is corruption of synced
// data and throws CorruptSegmentError naming the file and position. Any segment whose indexes are
// missing or insane is validated and its indexes rebuilt the same way.
import { assert } from './errors.js';
import type { BatchInfo } from './batch-scan.js';
import { TEMP_SUFFIX, joinPath, type FileSystem } from './file-system.js';
import { DELETED_SUFFIX, INDEX_SUFFIX, LOG_SUFFIX, SNAPSHOT_SUFFIX, TIME_INDEX_SUFFIX, TXN_INDEX_SUFFIX, offsetFileName, parseOffsetFileName } from './file-names.js';
import { LeaderEpochCache } from './leader-epoch-cache.js';
import type { LogConfig } from './log-config.js';
import { LogSegment } from './log-segment.js';
import { PartitionDir } from './partition-dir.js';
import { recoverSwaps } from './segment-swap.js';
import type { StorageEvent } from './storage-events.js';

export interface LoadOptions {
  config: LogConfig;
  nowMs: number;
  hadCleanShutdown: boolean;
  /** Offset below which everything was synced when last checkpointed; 0 when unknown. */
  recoveryPoint: number;
  /** The checkpointed log start offset; 0 when unknown. */
  logStartOffset: number;
  /** Bytes of recovery between the yields of scanLogSteps (Infinity: none). */
  sliceBytes?: number;
}

export interface LoadedLog {
  dir: PartitionDir;
  segments: LogSegment[];
  epochCache: LeaderEpochCache;
  logStartOffset: number;
  events: StorageEvent[];
  /** Offsets of the producer-state snapshots, ascending; undefined for a new log (no state yet). */
  snapshotOffsets: number[] | undefined;
}

/** The log of a directory just created: one segment at offset 0 without files, no epochs. Reads
 * nothing from disk. */
export function newLog(fs: FileSystem, path: string, config: LogConfig, nowMs: number): LoadedLog {
  const dir = new PartitionDir(fs, path);
  const segments = [LogSegment.create(dir, 0, config, nowMs)];
  return { dir, segments, epochCache: LeaderEpochCache.empty(fs, path), logStartOffset: 0, events: [], snapshotOffsets: undefined };
}

export interface ScannedLog {
  loaded: LoadedLog;
  settle: () => Promise<void>;
}

/**
 * Everything of opening a log but making its result durable: the synchronous part. `settle` seals
 * the segments recovery rebuilt and syncs what the scan changed; the log's first mutation waits
 * for it. Yields between slices of recovery (`options.sliceBytes`), with nothing of the log open
 * to anyone else.
 */
export function* scanLogSteps(fs: FileSystem, path: string, options: LoadOptions): Generator<void, ScannedLog> {
  const events: StorageEvent[] = [];
  const dir = new PartitionDir(fs, path);
  // A cleaning cut short: undecided files go, a decided swap is completed (before segments are listed).
  const names = recoverSwaps(dir);
  const { baseOffsets, snapshotOffsets } = tidyDirectory(dir, names);
  const { cache: epochCache, status } = LeaderEpochCache.load(fs, path);
  if (status === 'malformed') events.push({ kind: 'checkpointMalformed', path: epochCache.path });
  const rebuildEpochs = status !== 'ok';

  const opened = baseOffsets.map((base) => LogSegment.open(dir, base, options.config, options.nowMs));
  const segments = opened.map((o) => o.segment);
  const firstUnflushed = options.hadCleanShutdown ? segments.length : floorIndex(baseOffsets, options.recoveryPoint);
  const recovered = new Set<LogSegment>();
  const assignEpoch = (batch: BatchInfo): void => epochCache.assign(batch.partitionLeaderEpoch, batch.baseOffset);

  for (const [i, { segment, indexesValid }] of opened.entries()) {
    const isLast = i === segments.length - 1;
    const unflushed = i >= firstUnflushed;
    if (unflushed || !indexesValid) {
      const result = yield* segment.recoverSteps(isLast, assignEpoch, options.sliceBytes ?? Infinity);
      recovered.add(segment);
      // The active segment's preallocated indexes always look damaged after a crash; not news.
      if (!unflushed) events.push({ kind: 'indexesRebuilt', path: segment.logPath });
      if (result.failure) {
        const { truncatedBytes, failure } = result;
        events.push({ kind: 'tailTruncated', path: segment.logPath, ...failure, truncatedBytes });
      }
    } else if (rebuildEpochs) {
      segment.batchesFrom(0, assignEpoch);
    }
  }

  let logStartOffset = Math.max(options.logStartOffset, segments[0]?.baseOffset ?? 0);
  const logEndOffset = segments.at(-1)?.nextOffset ?? logStartOffset;
  if (logEndOffset < logStartOffset) {
    events.push({ kind: 'logReset', dir: path, logEndOffset, logStartOffset });
    for (const segment of segments.splice(0)) segment.delete();
  }
  // A directory without segments (created, then never written) gets a segment without files.
  if (segments.length === 0) segments.push(LogSegment.create(dir, logStartOffset, options.config, options.nowMs));
  logStartOffset = Math.max(logStartOffset, (segments[0] as LogSegment).baseOffset);
  epochCache.truncateFromEnd((segments.at(-1) as LogSegment).nextOffset);
  epochCache.truncateFromStart(logStartOffset);
  const snapshots = dropSnapshotsAbove(dir, snapshotOffsets, (segments.at(-1) as LogSegment).nextOffset);

  return {
    loaded: { dir, segments, epochCache, logStartOffset, events, snapshotOffsets: snapshots },
    settle: () => settleSegments(dir, segments, recovered, options.hadCleanShutdown),
  };
}

/** Seals recovered older segments and makes the result durable. */
async function settleSegments(
  dir: PartitionDir,
  segments: LogSegment[],
  recovered: Set<LogSegment>,
  hadCleanShutdown: boolean,
): Promise<void> {
  const active = segments.at(-1);
  assert(active !== undefined, 'a log has at least one segment');
  // One at a time: each seal holds three descriptors until its syncs end.
  for (const segment of segments.slice(0, -1)) {
    if (recovered.has(segment)) await segment.seal();
  }
  // After a crash, recovery read data (and directory entries) that may exist only in the page
  // cache, and the log now counts all of it as synced. After a clean shutdown close() synced it.
  if (!hadCleanShutdown && active.hasFiles) {
    dir.changed();
    await active.syncLog();
  }
  await dir.syncIfChanged();
}

/** Producer-state snapshots above the log end (a torn tail was cut, or a truncation's cut landed
 * before its snapshot deletions did) describe data that is gone: removed before anything is appended. */
function dropSnapshotsAbove(dir: PartitionDir, snapshotOffsets: number[], logEndOffset: number): number[] {
  for (const offset of snapshotOffsets.filter((o) => o > logEndOffset)) {
    dir.fs.unlink(joinPath(dir.path, offsetFileName(offset, SNAPSHOT_SUFFIX)));
    dir.changed();
  }
  return snapshotOffsets.filter((o) => o <= logEndOffset);
}

/** Removes leftovers (temp files, indexes without a .log, deleted segments' files); returns the
 * segments' base offsets and the producer-state snapshots' offsets, ascending. */
function tidyDirectory(dir: PartitionDir, names: readonly string[]): { baseOffsets: number[]; snapshotOffsets: number[] } {
  const { fs } = dir;
  const baseOffsets: number[] = [];
  const snapshotOffsets: number[] = [];
  for (const name of names) {
    const base = parseOffsetFileName(name, LOG_SUFFIX);
    if (base !== undefined) baseOffsets.push(base);
    const snapshot = parseOffsetFileName(name, SNAPSHOT_SUFFIX);
    if (snapshot !== undefined) snapshotOffsets.push(snapshot);
  }
  const bases = new Set(baseOffsets);
  for (const name of names) {
    const indexBase = parseOffsetFileName(name, INDEX_SUFFIX) ?? parseOffsetFileName(name, TIME_INDEX_SUFFIX) ?? parseOffsetFileName(name, TXN_INDEX_SUFFIX);
    const orphanIndex = indexBase !== undefined && !bases.has(indexBase);
    if (name.endsWith(DELETED_SUFFIX)) {
      dir.removeLater(joinPath(dir.path, name));
      dir.changed();
    } else if (orphanIndex || name.endsWith(TEMP_SUFFIX)) {
      fs.unlink(joinPath(dir.path, name));
      dir.changed();
    }
  }
  const ascending = (a: number, b: number): number => a - b;
  return { baseOffsets: baseOffsets.sort(ascending), snapshotOffsets: snapshotOffsets.sort(ascending) };
}

/** Index of the last base offset <= offset (the segment holding it), or 0. */
function floorIndex(baseOffsets: number[], offset: number): number {
  let found = 0;
  baseOffsets.forEach((base, i) => {
    if (base <= offset) found = i;
  });
  return found;
}
