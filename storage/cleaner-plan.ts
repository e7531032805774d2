// Which part of a compacted log the cleaner may rewrite, and whether it is worth it now (Kafka's
// LogCleanerManager.cleanableOffsets and its dirty-ratio choice):
// - never the active segment, nothing at or past the last stable offset (open transactions), and
//   nothing from the first segment holding records younger than min.compaction.lag.ms;
// - worth it when the dirty share of the cleanable bytes reaches min.cleanable.dirty.ratio, when a
//   dirty record is older than max.compaction.lag.ms, or when a delete horizon stamped by an earlier
//   cleaning has passed (tombstones and markers are then due to go).
// Only whole segments are cleaned; a segment's offsets end where the next one begins.
import type { CompactionConfig } from './log-config.js';
import { NO_TIMESTAMP } from './time-index.js';

export interface PlanSegment {
  baseOffset: number;
  nextOffset: number;
  sizeBytes: number;
  maxTimestampMs: number;
  firstBatchTimestampMs: number;
  createdMs: number;
}

export interface PlanInput<S extends PlanSegment> {
  segments: readonly S[];
  /** Where the records not yet seen by a cleaning begin. */
  firstDirtyOffset: number;
  lastStableOffset: number;
  nowMs: number;
  compaction: CompactionConfig;
  /** The earliest delete horizon a previous cleaning left in the log, if any. */
  nextDeleteHorizonMs: number | undefined;
}

export interface CleaningPlan<S extends PlanSegment> {
  /** The segments to rewrite, from the log's first. */
  segments: S[];
  firstDirtyOffset: number;
  dirtyRatio: number;
  reason: 'dirtyRatio' | 'maxCompactionLag' | 'deleteHorizon';
}

export function planCleaning<S extends PlanSegment>(input: PlanInput<S>): CleaningPlan<S> | undefined {
  const { segments, nowMs, compaction } = input;
  const closed = segments.slice(0, -1);
  const active = segments.at(-1);
  if (active === undefined) return undefined;
  let bound = Math.min(active.baseOffset, input.lastStableOffset);
  if (compaction.minCompactionLagMs > 0) {
    const young = closed.find((s) => newestMs(s) > nowMs - compaction.minCompactionLagMs);
    if (young !== undefined) bound = Math.min(bound, young.baseOffset);
  }
  // A segment's offsets end where the next one begins.
  const endOf = (i: number): number => (segments[i + 1] as S).baseOffset;
  const cleanable = closed.filter((s, i) => s.nextOffset <= bound && endOf(i) <= bound);
  if (cleanable.length === 0) return undefined;
  let cleanBytes = 0;
  let dirtyBytes = 0;
  let firstDirty: S | undefined;
  for (const [i, s] of cleanable.entries()) {
    if (endOf(i) <= input.firstDirtyOffset) cleanBytes += s.sizeBytes;
    else {
      dirtyBytes += s.sizeBytes;
      firstDirty ??= s;
    }
  }
  const total = cleanBytes + dirtyBytes;
  const dirtyRatio = total === 0 ? 0 : dirtyBytes / total;
  const plan = (reason: CleaningPlan<S>['reason']): CleaningPlan<S> =>
    ({ segments: cleanable, firstDirtyOffset: input.firstDirtyOffset, dirtyRatio, reason });
  if (dirtyBytes > 0 && dirtyRatio >= compaction.minCleanableDirtyRatio) return plan('dirtyRatio');
  if (firstDirty !== undefined && oldestMs(firstDirty) >= 0 && nowMs - oldestMs(firstDirty) > compaction.maxCompactionLagMs) {
    return plan('maxCompactionLag');
  }
  if (input.nextDeleteHorizonMs !== undefined && nowMs >= input.nextDeleteHorizonMs) return plan('deleteHorizon');
  return undefined;
}

function newestMs(s: PlanSegment): number {
  return s.maxTimestampMs !== NO_TIMESTAMP ? s.maxTimestampMs : s.createdMs;
}

function oldestMs(s: PlanSegment): number {
  return s.firstBatchTimestampMs !== NO_TIMESTAMP ? s.firstBatchTimestampMs : s.createdMs;
}
