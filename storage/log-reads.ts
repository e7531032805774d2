// Read-side queries over a log's segments: fetch, offset by timestamp, max timestamp. Pure functions
// of the segments so PartitionLog stays about state and mutation.
import { wholeBatchesLength, type BatchInfo } from './batch-scan.js';
import type { LogSegment } from './log-segment.js';
import type { TimestampOffset } from './time-index.js';

/** Picks the first record with timestamp >= target and offset >= minOffset inside a batch (needs
 * record decoding, which lives in protocol/); undefined falls back to the batch's base offset. */
export type RecordTimestampPicker = (batch: Buffer, targetMs: number, minOffset: number) => TimestampOffset | undefined;

/** Index of the segment holding `offset`: the last with baseOffset <= offset (else the first). */
export function floorSegmentIndex(segments: readonly LogSegment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((segments[mid] as LogSegment).baseOffset <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Visits the header of every batch from the one holding `offset` to the log's end. */
export function visitBatchesFrom(segments: readonly LogSegment[], offset: number, visit: (batch: BatchInfo) => void): void {
  for (let i = floorSegmentIndex(segments, offset); i < segments.length; i++) {
    const segment = segments[i] as LogSegment;
    const first = segment.batchAtOrAfter(offset);
    if (first !== undefined) segment.batchesFrom(first.position, visit);
  }
}

/** One empty buffer for every read that finds nothing (it has no bytes to change): an idle
 * follower's fetch reads each partition of its session, and a Buffer made per read cost more than
 * the rest of the read. */
export const NOTHING = Buffer.alloc(0);

/**
 * Whole batches from the one holding `fetchOffset`, from a single segment, up to `maxBytes` but at
 * least one batch however large (Kafka's rule), all below `maxOffset`. Empty when none qualifies.
 * Read into `into` when it holds them (see LogSegment.read).
 */
export function readBatches(
  segments: readonly LogSegment[],
  fetchOffset: number,
  maxBytes: number,
  maxOffset: number,
  into?: Buffer,
): Buffer {
  const range = batchRange(segments, fetchOffset, maxBytes, maxOffset);
  return range === undefined ? NOTHING : wholeBatches(range.segment.read(range.position, range.length, into), maxOffset);
}

/** Where readBatches' bytes lie, before the cut to whole batches below maxOffset: `length` is an
 * upper bound of what it returns. */
export interface BatchRange {
  segment: LogSegment;
  position: number;
  length: number;
}

/** readBatches' range without the read; undefined when no batch qualifies. */
export function batchRange(segments: readonly LogSegment[], fetchOffset: number, maxBytes: number, maxOffset: number): BatchRange | undefined {
  // At or past the limit (a follower or consumer at the end, waiting): nothing to find.
  if (fetchOffset >= maxOffset) return undefined;
  for (let i = floorSegmentIndex(segments, fetchOffset); i < segments.length; i++) {
    const segment = segments[i] as LogSegment;
    // A segment may end before fetchOffset (offsets can have gaps): then the next one serves it.
    const batch = segment.batchAtOrAfter(fetchOffset);
    if (batch === undefined) continue;
    if (batch.lastOffset >= maxOffset) break;
    return { segment, position: batch.position, length: Math.max(batch.sizeBytes, Math.min(maxBytes, segment.sizeBytes - batch.position)) };
  }
  return undefined;
}

/** The whole batches below maxOffset at the start of `data` (a read that may end inside one). */
export function wholeBatches(data: Buffer, maxOffset: number): Buffer {
  return data.subarray(0, wholeBatchesLength(data, maxOffset));
}

/** The first offset >= minOffset whose timestamp is >= `timestampMs`: per batch, refined by `pick`. */
export function offsetForTimestamp(
  segments: readonly LogSegment[],
  timestampMs: number,
  minOffset: number,
  pick: RecordTimestampPicker | undefined,
): TimestampOffset | undefined {
  for (const segment of segments) {
    if (segment.maxTimestampMs < timestampMs) continue;
    const batch = segment.batchWithTimestampAtOrAfter(timestampMs, minOffset);
    if (batch === undefined) continue;
    const picked = pick?.(segment.read(batch.position, batch.sizeBytes), timestampMs, minOffset);
    return picked ?? { timestampMs: batch.maxTimestampMs, offset: Math.max(batch.baseOffset, minOffset) };
  }
  return undefined;
}

/** The greatest max timestamp of any batch, with the last offset of that batch (Kafka's shallow
 * offset for ListOffsets MAX_TIMESTAMP). */
export function maxTimestampAndOffset(segments: readonly LogSegment[]): TimestampOffset | undefined {
  let best: TimestampOffset | undefined;
  for (const s of segments) {
    if (s.maxTimestampMs >= 0 && (best === undefined || s.maxTimestampMs > best.timestampMs)) {
      best = { timestampMs: s.maxTimestampMs, offset: s.offsetOfMaxTimestamp };
    }
  }
  return best;
}
