// One cleaning pass over a compacted log (Kafka's Cleaner.doClean): build the key => latest offset
// map over the dirty section, then rewrite the cleanable segments, from the log's first, group by
// group (consecutive segments whose sizes add up to at most segment.bytes) into `.cleaned`
// segments, each swapped in for its group as soon as it is written (segment-swap.ts).
//
// It runs beside appends and reads: it only reads closed segments, which do not change, and takes
// the log's mutation queue only for a swap, which checks that the group is still what it read (a
// truncation or a retention pass may have changed it: the cleaning is then dropped). Work is cut
// into turns of at most TURN_BYTES of batches decoded, so produce and fetch keep being served.
import { LAST_OFFSET_DELTA, LOG_OVERHEAD, batchSize, readInt64 } from '../protocol/records/batch-header.js';
import { decodeRecordBatch } from '../protocol/records/record-batch.js';
import { describeBatches } from './batch-scan.js';
import { CleanerOffsetMap } from './cleaner-offset-map.js';
import { CleanedTxnState, filterBatch, type FilterContext } from './cleaner-filter.js';
import type { CleaningPlan } from './cleaner-plan.js';
import { CorruptSegmentError } from './errors.js';
import type { CompactionConfig, LogConfig } from './log-config.js';
import { MAX_RELATIVE_OFFSET } from './batch-scan.js';
import { LogSegment } from './log-segment.js';
import type { PartitionDir } from './partition-dir.js';
import { CLEANED_SUFFIX, path, removeCleanedFiles } from './segment-swap.js';
import { TXN_INDEX_SUFFIX } from './file-names.js';
import { TransactionIndex, encodeAbortedTxn } from './transaction-index.js';

/** Bytes of log read at once. */
const CHUNK_BYTES = 1 << 20;
/** Bytes of batches decoded and filtered per turn of the event loop: a few milliseconds of work. */
const TURN_BYTES = 128 << 10;
/** Retained bytes buffered before they are written to the cleaned segment. */
const WRITE_BYTES = 1 << 20;

/** What the cleaner needs of a partition log (PartitionLog.forCleaner gives it). */
export interface CleanableLog {
  readonly dir: PartitionDir;
  readonly config: LogConfig;
  readonly compaction: CompactionConfig;
  segments(): readonly LogSegment[];
  /** Last offsets of the active producers' last data batches. */
  producerLastOffsets(): Set<number>;
  /** Swaps `cleaned` in for `old` between mutations; false (and `cleaned` removed) when `old` is no
   * longer what it was (`sizes`). */
  swap(old: readonly LogSegment[], sizes: readonly number[], cleaned: LogSegment): Promise<boolean>;
}

export interface CleanerOptions {
  nowMs: number;
  /** Keys the offset map holds before a pass stops at a segment boundary. */
  maxMapEntries: number;
  /** Gives the event loop back; `ioBytes` is what the pass read and wrote since the last turn
   * (for the cleaner's I/O throttle, which counts both, as Kafka's does). */
  yieldTurn: (ioBytes?: number) => Promise<void>;
}

export interface CleaningResult {
  /** Where the next pass's dirty section begins. */
  cleanedTo: number;
  nextDeleteHorizonMs: number | undefined;
  bytesBefore: number;
  bytesAfter: number;
  /** False when a group changed under the cleaner and the pass stopped there. */
  completed: boolean;
}

export async function cleanLog(log: CleanableLog, plan: CleaningPlan<LogSegment>, options: CleanerOptions): Promise<CleaningResult> {
  const aborted = await abortedTxnBatches(log.segments(), options.yieldTurn);
  const map = new CleanerOffsetMap(options.maxMapEntries);
  const segments = await buildOffsetMap(plan, map, aborted, options.yieldTurn);
  const last = segments.at(-1) as LogSegment;
  map.updateLatestOffset(last.nextOffset - 1);
  const ctx: FilterContext = {
    map, txn: new CleanedTxnState(aborted), nowMs: options.nowMs,
    deleteRetentionMs: log.compaction.deleteRetentionMs, producerLastOffsets: log.producerLastOffsets(),
    keptAbortMarkers: new Set(),
  };
  const result: CleaningResult = { cleanedTo: last.nextOffset, nextDeleteHorizonMs: undefined, bytesBefore: 0, bytesAfter: 0, completed: true };
  for (const group of groupBySize(segments, log.config.segmentBytes)) {
    const sizes = group.map((s) => s.sizeBytes);
    const cleaned = await cleanGroup(log, group, ctx, options);
    const after = cleaned.sizeBytes;
    if (!(await log.swap(group, sizes, cleaned))) {
      result.completed = false;
      break;
    }
    result.bytesBefore += sizes.reduce((a, b) => a + b, 0);
    result.bytesAfter += after;
  }
  result.nextDeleteHorizonMs = ctx.nextDeleteHorizonMs;
  return result;
}

/** Visits every batch of a closed segment, reading at most CHUNK_BYTES per turn. */
async function forEachBatch(segment: LogSegment, visit: (bytes: Buffer) => void, yieldTurn: (ioBytes?: number) => Promise<void>): Promise<void> {
  const end = segment.sizeBytes;
  let position = 0;
  let sinceYield = 0;
  while (position < end) {
    let chunk = segment.read(position, Math.min(CHUNK_BYTES, end - position));
    if (chunk.length >= LOG_OVERHEAD && batchSize(chunk) > chunk.length) chunk = segment.read(position, batchSize(chunk));
    let offset = 0;
    while (chunk.length - offset >= LOG_OVERHEAD && batchSize(chunk, offset) <= chunk.length - offset) {
      const size = batchSize(chunk, offset);
      visit(chunk.subarray(offset, offset + size));
      offset += size;
      sinceYield += size;
      if (sinceYield >= TURN_BYTES) {
        await yieldTurn(sinceYield);
        sinceYield = 0;
      }
    }
    if (offset === 0) throw new CorruptSegmentError(segment.logPath, position, 'the cleaner found no whole batch');
    position += offset;
    await yieldTurn(sinceYield);
    sinceYield = 0;
  }
}

/** Base offsets of the data batches of aborted transactions, from the markers in the whole log
 * (a transaction's marker may lie past the part being cleaned). Headers only. */
async function abortedTxnBatches(segments: readonly LogSegment[], yieldTurn: () => Promise<void>): Promise<Set<number>> {
  const pending = new Map<number, number[]>();
  const aborted = new Set<number>();
  for (const segment of segments) {
    segment.batchesFrom(0, (b) => {
      if (b.isControl) {
        if (b.marker === undefined) return;
        if (!b.marker.commit) for (const base of pending.get(b.producerId) ?? []) aborted.add(base);
        pending.delete(b.producerId);
      } else if (b.isTransactional) {
        const list = pending.get(b.producerId) ?? [];
        list.push(b.baseOffset);
        pending.set(b.producerId, list);
      }
    });
    await yieldTurn();
  }
  return aborted;
}

/** Maps the dirty section's keys; returns the plan's segments up to the last one fully mapped
 * (at least one), as Kafka stops when its map is full. */
async function buildOffsetMap(plan: CleaningPlan<LogSegment>, map: CleanerOffsetMap, aborted: ReadonlySet<number>,
  yieldTurn: (ioBytes?: number) => Promise<void>): Promise<LogSegment[]> {
  const start = plan.firstDirtyOffset;
  const kept: LogSegment[] = [];
  for (const segment of plan.segments) {
    if (map.isFull && kept.length > 0 && segment.nextOffset > start) break;
    kept.push(segment);
    if (segment.nextOffset <= start) continue;
    await forEachBatch(segment, (bytes) => {
      const lastOffset = readInt64(bytes, 0) + bytes.readInt32BE(LAST_OFFSET_DELTA);
      if (lastOffset < start) return;
      const batch = decodeRecordBatch(bytes);
      if (batch.isControl || (batch.isTransactional && aborted.has(batch.baseOffset))) return;
      for (const r of batch.records) if (r.key !== null && r.offset >= start) map.put(r.key, r.offset);
    }, yieldTurn);
  }
  return kept;
}

/** Consecutive segments whose sizes add up to at most segment.bytes and whose offsets fit one
 * segment's 32-bit relative range (Kafka's groupSegmentsBySize). */
function groupBySize(segments: readonly LogSegment[], maxBytes: number): LogSegment[][] {
  const groups: LogSegment[][] = [];
  let group: LogSegment[] = [];
  let bytes = 0;
  for (const segment of segments) {
    const first = group[0];
    const fits = first !== undefined && bytes + segment.sizeBytes <= maxBytes && segment.nextOffset - 1 - first.baseOffset <= MAX_RELATIVE_OFFSET;
    if (!fits && group.length > 0) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(segment);
    bytes += segment.sizeBytes;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** Writes the retained batches of `group` to a new `.cleaned` segment, sealed and synced. */
async function cleanGroup(log: CleanableLog, group: readonly LogSegment[], ctx: FilterContext, options: CleanerOptions): Promise<LogSegment> {
  const first = group[0] as LogSegment;
  const last = group.at(-1) as LogSegment;
  removeCleanedFiles(log.dir, first.baseOffset); // leftovers of a pass that failed in this process
  const fresh = LogSegment.create(log.dir, first.baseOffset, log.config, options.nowMs, CLEANED_SUFFIX);
  fresh.createdMs = last.createdMs;
  let out: Buffer[] = [];
  let outBytes = 0;
  /** Written since the last turn: the throttle counts it with what the turn read. */
  let written = 0;
  const write = (): void => {
    if (outBytes === 0) return;
    const data = Buffer.concat(out);
    fresh.append(data, describeBatches(data, true));
    written += data.length;
    out = [];
    outBytes = 0;
  };
  const yieldTurn = (bytesRead = 0): Promise<void> => {
    const ioBytes = bytesRead + written;
    written = 0;
    return options.yieldTurn(ioBytes);
  };
  try {
    for (const segment of group) {
      await forEachBatch(segment, (bytes) => {
        const lastOffset = readInt64(bytes, 0) + bytes.readInt32BE(LAST_OFFSET_DELTA);
        const kept = filterBatch(ctx, bytes, segment === last && lastOffset + 1 === last.nextOffset);
        if (kept === undefined) return;
        out.push(kept);
        outBytes += kept.length;
        if (outBytes >= WRITE_BYTES) write();
      }, yieldTurn);
    }
    write();
    // The last write's bytes count too.
    await yieldTurn();
    await Promise.all([fresh.seal(), writeCleanedTxnIndex(log.dir, group, ctx.keptAbortMarkers)]);
    return fresh;
  } catch (err) {
    fresh.delete();
    throw err;
  }
}

/** The cleaned segment's transaction index: the replaced segments' entries whose ABORT marker was
 * kept (Kafka's cleanedIndex); a consumer must never be told of an abort whose marker is gone. */
async function writeCleanedTxnIndex(dir: PartitionDir, group: readonly LogSegment[], keptAborts: ReadonlySet<number>): Promise<void> {
  const entries = group.flatMap((s) => new TransactionIndex(dir, s.baseOffset).all()).filter((e) => keptAborts.has(e.lastOffset));
  if (entries.length === 0) return;
  const handle = dir.fs.open(path(dir, (group[0] as LogSegment).baseOffset, TXN_INDEX_SUFFIX, CLEANED_SUFFIX), { create: true });
  try {
    handle.truncate(0);
    handle.write(Buffer.concat(entries.map(encodeAbortedTxn)), 0);
    await handle.sync();
  } finally {
    handle.close();
  }
}

/** The earliest delete horizon stamped into the batches of the segments ending at or below
 * `cleanedTo` (batch headers only), or undefined: what a restarted cleaner must wait for. */
export async function earliestDeleteHorizon(segments: readonly LogSegment[], cleanedTo: number,
  yieldTurn: () => Promise<void>): Promise<number | undefined> {
  let earliest: number | undefined;
  for (const [i, segment] of segments.entries()) {
    const next = segments[i + 1];
    if (next === undefined || next.baseOffset > cleanedTo) break;
    segment.batchesFrom(0, (b) => {
      if (b.deleteHorizonMs >= 0) earliest = Math.min(earliest ?? Infinity, b.deleteHorizonMs);
    });
    await yieldTurn();
  }
  return earliest;
}
