// Swapping cleaned segments in for the ones they replace, crash-safely, as Kafka's
// LocalLog.replaceSegments and LogLoader do it:
//
//   1. the cleaner writes `<base>.log.cleaned` (and its indexes, the transaction index included),
//      seals and syncs them;
//   2. the files are renamed to `.swap` (indexes first, the .log last) and the directory synced:
//      from here the swap is decided;
//   3. the replaced segments' files are renamed to `.deleted` (unlinked in the background) and the
//      `.swap` files renamed to their final names, then the directory is synced.
//
// On open, `.cleaned` files are removed (a cleaning that had not decided) and a `.log.swap` completes
// its swap: every segment whose base offset lies in the swap segment's offset range is removed and
// the swap files take their final names. A cleaned segment keeps the last batch of the segments it
// replaces (possibly emptied), so its offset range covers each of their base offsets.
import { CorruptSegmentError, assert } from './errors.js';
import { scanBatches } from './batch-scan.js';
import { joinPath } from './file-system.js';
import { INDEX_SUFFIX, LOG_SUFFIX, TIME_INDEX_SUFFIX, TXN_INDEX_SUFFIX, offsetFileName, parseOffsetFileName } from './file-names.js';
import type { LogConfig } from './log-config.js';
import { LogSegment } from './log-segment.js';
import type { LogSegments } from './log-segments.js';
import type { PartitionDir } from './partition-dir.js';

export const CLEANED_SUFFIX = '.cleaned';
export const SWAP_SUFFIX = '.swap';
/** The .log goes last: its `.swap` name is what decides the swap. */
const SEGMENT_SUFFIXES = [INDEX_SUFFIX, TIME_INDEX_SUFFIX, TXN_INDEX_SUFFIX, LOG_SUFFIX];

export function path(dir: PartitionDir, baseOffset: number, suffix: string, extra = ''): string {
  return joinPath(dir.path, offsetFileName(baseOffset, suffix) + extra);
}

/** Renames the segment files of `baseOffset` that exist from `from` to `to` extra suffixes. */
function renameSegmentFiles(dir: PartitionDir, baseOffset: number, from: string, to: string): void {
  for (const suffix of SEGMENT_SUFFIXES) {
    const source = path(dir, baseOffset, suffix, from);
    if (dir.fs.stat(source) !== undefined) dir.fs.rename(source, path(dir, baseOffset, suffix, to));
  }
  dir.changed();
}

/**
 * Decides the swap of a sealed, synced `cleaned` segment (closed by this call) for `old`: its files
 * become `.swap` and the directory is synced. Then `commit` must run, without waiting in between.
 */
export async function prepareSwap(dir: PartitionDir, cleaned: LogSegment): Promise<void> {
  cleaned.close();
  renameSegmentFiles(dir, cleaned.baseOffset, CLEANED_SUFFIX, SWAP_SUFFIX);
  await dir.sync();
}

/** Synchronously removes `old` and gives the swap files their final names; returns the new
 * segment, opened from them. The caller syncs the directory. */
export function commitSwap(dir: PartitionDir, baseOffset: number, old: readonly LogSegment[], config: LogConfig, nowMs: number): LogSegment {
  for (const segment of old) segment.deleteInBackground();
  renameSegmentFiles(dir, baseOffset, SWAP_SUFFIX, '');
  return openSwapped(dir, baseOffset, config, nowMs);
}

/** Removes `.cleaned` files of `baseOffset` left by a cleaning that failed. */
export function removeCleanedFiles(dir: PartitionDir, baseOffset: number): void {
  for (const suffix of SEGMENT_SUFFIXES) {
    const file = path(dir, baseOffset, suffix, CLEANED_SUFFIX);
    if (dir.fs.stat(file) !== undefined) dir.fs.unlink(file);
  }
}

function openSwapped(dir: PartitionDir, baseOffset: number, config: LogConfig, nowMs: number): LogSegment {
  const { segment, indexesValid } = LogSegment.open(dir, baseOffset, config, nowMs);
  if (!indexesValid) segment.recover(false, () => {});
  return segment;
}

/** Log loading, before segments are listed: drops undecided cleanings, completes decided swaps.
 * Returns the directory's file names afterwards, listed once when nothing changed (a start with
 * 100,000 partition directories then lists each once in all). */
export function recoverSwaps(dir: PartitionDir): string[] {
  const { fs } = dir;
  let changed = false;
  const unlink = (name: string): void => {
    fs.unlink(joinPath(dir.path, name));
    changed = true;
  };
  // One listing serves the common case (nothing to recover): a start with 100,000 partition
  // directories lists each once here, not three times.
  const listed = fs.readdir(dir.path);
  for (const name of listed) if (name.endsWith(CLEANED_SUFFIX)) unlink(name);
  const names = listed.filter((n) => !n.endsWith(CLEANED_SUFFIX));
  const swaps = names.map((n) => parseOffsetFileName(n.slice(0, -SWAP_SUFFIX.length), LOG_SUFFIX) ?? -1)
    .filter((base, i) => base >= 0 && (names[i] as string).endsWith(SWAP_SUFFIX));
  for (const base of swaps) {
    const nextOffset = swapNextOffset(dir, base);
    for (const name of fs.readdir(dir.path)) {
      const b = SEGMENT_SUFFIXES.reduce<number | undefined>((found, suffix) => found ?? parseOffsetFileName(name, suffix), undefined);
      if (b !== undefined && b >= base && b < nextOffset) unlink(name);
    }
    renameSegmentFiles(dir, base, SWAP_SUFFIX, '');
    changed = true;
  }
  // Index files renamed to .swap whose .log never was: that swap was not decided.
  const remaining = swaps.length > 0 ? fs.readdir(dir.path) : names;
  for (const name of remaining) if (name.endsWith(SWAP_SUFFIX)) unlink(name);
  if (!changed) return listed;
  dir.changed();
  return fs.readdir(dir.path);
}

/** One past the last offset of a `.log.swap` file (synced before it got that name: it must be whole). */
function swapNextOffset(dir: PartitionDir, baseOffset: number): number {
  const file = path(dir, baseOffset, LOG_SUFFIX, SWAP_SUFFIX);
  const handle = dir.fs.open(file);
  try {
    let next = baseOffset;
    const result = scanBatches(handle, { startPosition: 0, endPosition: handle.size(), segmentBaseOffset: baseOffset, verify: true }, (b) => {
      next = b.lastOffset + 1;
    });
    if (result.failure) throw new CorruptSegmentError(file, result.failure.position, result.failure.reason);
    assert(next > baseOffset || handle.size() === 0, 'a swap segment has batches');
    return next;
  } finally {
    handle.close();
  }
}

/** The whole swap, run between the log's mutations: false (and `cleaned` removed) when `old` is no
 * longer a run of the log's closed segments with the sizes the cleaner read. */
export async function swapSegments(segments: LogSegments, old: readonly LogSegment[], sizes: readonly number[],
  cleaned: LogSegment, config: LogConfig, nowMs: number, onCommitted: () => void = () => {}): Promise<boolean> {
  const list = segments.all;
  const start = list.indexOf(old[0] as LogSegment);
  const intact = start >= 0 && start + old.length < list.length &&
    old.every((s, i) => list[start + i] === s && s.sizeBytes === sizes[i]);
  if (!intact) {
    cleaned.delete();
    return false;
  }
  await prepareSwap(segments.dir, cleaned);
  // From here to the list update nothing waits: a read never meets a removed file.
  const fresh = commitSwap(segments.dir, cleaned.baseOffset, old, config, nowMs);
  segments.replaceRange(start, old.length, fresh);
  onCommitted();
  await segments.dir.sync();
  return true;
}
