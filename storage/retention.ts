// Which old segments retention deletes (Kafka's deleteOldSegments): the longest run of oldest
// segments that breach retention.ms (newest record too old), retention.bytes (the log is larger
// without them) or the log start offset (wholly below it, after DeleteRecords). Never the active
// segment, and never data at or above the high watermark: a segment goes only when the next one
// starts at or below it.
import type { DeletionReason } from './storage-events.js';

export interface RetentionSegment {
  baseOffset: number;
  sizeBytes: number;
  /** NO_TIMESTAMP (-1) when no batch carried a timestamp. */
  maxTimestampMs: number;
  createdMs: number;
}

export interface RetentionInput {
  segments: readonly RetentionSegment[];
  highWatermark: number;
  logStartOffset: number;
  retentionMs: number;
  retentionBytes: number;
  nowMs: number;
}

export function deletableSegments(input: RetentionInput): { count: number; reason: DeletionReason } | undefined {
  const { segments } = input;
  const nextBase = (i: number): number => (segments[i + 1] as RetentionSegment).baseOffset;
  let limit = 0;
  while (limit < segments.length - 1 && nextBase(limit) <= input.highWatermark) limit++;

  const candidates: [number, DeletionReason][] = [
    [prefix(limit, (i) => breachesRetentionMs(segments[i] as RetentionSegment, input)), 'retentionMs'],
    [retentionBytesPrefix(input, limit), 'retentionBytes'],
    [prefix(limit, (i) => nextBase(i) <= input.logStartOffset), 'logStartOffset'],
  ];
  const [count, reason] = candidates.reduce((best, c) => (c[0] > best[0] ? c : best));
  return count > 0 ? { count, reason } : undefined;
}

function breachesRetentionMs(segment: RetentionSegment, input: RetentionInput): boolean {
  if (input.retentionMs < 0) return false;
  const newestMs = segment.maxTimestampMs >= 0 ? segment.maxTimestampMs : segment.createdMs;
  return input.nowMs - newestMs > input.retentionMs;
}

function retentionBytesPrefix(input: RetentionInput, limit: number): number {
  if (input.retentionBytes < 0) return 0;
  let excess = input.segments.reduce((sum, s) => sum + s.sizeBytes, 0) - input.retentionBytes;
  return prefix(limit, (i) => {
    const size = (input.segments[i] as RetentionSegment).sizeBytes;
    if (excess - size < 0) return false;
    excess -= size;
    return true;
  });
}

function prefix(limit: number, holds: (i: number) => boolean): number {
  let count = 0;
  while (count < limit && holds(count)) count++;
  return count;
}
