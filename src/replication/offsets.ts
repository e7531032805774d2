// Offset queries on a leader replica: ListOffsets (earliest, latest, max timestamp, by time),
// DeleteRecords and OffsetForLeaderEpoch.
import { ErrorCode } from '../../protocol/errors.js';
import { decodeRecordBatch } from '../../protocol/records/record-batch.js';
import type { TimestampOffset } from '../../storage/time-index.js';
import type { Partition } from './partition.js';

export const LATEST_TIMESTAMP = -1;
export const EARLIEST_TIMESTAMP = -2;
export const MAX_TIMESTAMP = -3;
export const EARLIEST_LOCAL_TIMESTAMP = -4;
export const EARLIEST_PENDING_UPLOAD_TIMESTAMP = -5;
export const LATEST_TIERED_TIMESTAMP = -6;

export interface OffsetAnswer {
  errorCode: number;
  timestamp: number;
  offset: number;
  leaderEpoch: number;
}

const notFound = (errorCode: number = ErrorCode.NONE): OffsetAnswer => ({ errorCode, timestamp: -1, offset: -1, leaderEpoch: -1 });

/** Checks a request's current leader epoch against the partition's (KIP-320); a follower answers
 * only when `leaderOnly` is off. */
export function checkLeaderEpoch(p: Partition, currentLeaderEpoch: number, leaderOnly = true): number {
  if (leaderOnly && !p.isLeader) return ErrorCode.NOT_LEADER_OR_FOLLOWER;
  if (currentLeaderEpoch < 0 || currentLeaderEpoch === p.leaderEpoch) return ErrorCode.NONE;
  return currentLeaderEpoch < p.leaderEpoch ? ErrorCode.FENCED_LEADER_EPOCH : ErrorCode.UNKNOWN_LEADER_EPOCH;
}

/**
 * Who asks, as Kafka's ListOffsets tells them apart by replica id. A client (-1) sees offsets below
 * the high watermark, or below the last stable offset at isolation level 1 (read_committed); a
 * replica or a debugging tool (-2) sees the whole log (isolationLevel null), and the tool may ask a
 * follower.
 */
export interface OffsetQuery {
  isolationLevel: 0 | 1 | null;
  leaderOnly: boolean;
}

export const CLIENT_QUERY: OffsetQuery = { isolationLevel: 0, leaderOnly: true };

export function listOffset(p: Partition, timestamp: number, currentLeaderEpoch: number, query: OffsetQuery = CLIENT_QUERY): OffsetAnswer {
  const check = checkLeaderEpoch(p, currentLeaderEpoch, query.leaderOnly);
  if (check !== ErrorCode.NONE) return notFound(check);
  const log = p.log;
  const visible = query.isolationLevel === 1 ? log.lastStableOffset : query.isolationLevel === 0 ? p.highWatermark : log.logEndOffset;
  // Kafka's rule after a leader election: until the high watermark reaches the offset this leader's
  // epoch starts at, it may still be below what the previous leader acknowledged, and a client
  // reading "latest" there would see offsets go backwards. Clients get the retriable
  // OFFSET_NOT_AVAILABLE instead and ask again.
  const epochStart = query.isolationLevel === null ? undefined : p.leaderEpochStartOffset;
  const lagging = epochStart !== undefined && epochStart > log.highWatermark;
  const at = (offset: number, ts = -1): OffsetAnswer => ({ errorCode: ErrorCode.NONE, timestamp: ts, offset, leaderEpoch: p.log.epochForOffset(offset) });
  // A lookup by time that finds nothing it may show is the same wait when lagging.
  const hidden = (): OffsetAnswer => notFound(lagging ? ErrorCode.OFFSET_NOT_AVAILABLE : ErrorCode.NONE);
  switch (timestamp) {
    case LATEST_TIMESTAMP:
      return lagging ? notFound(ErrorCode.OFFSET_NOT_AVAILABLE) : { ...at(visible), leaderEpoch: log.latestEpoch() };
    case EARLIEST_TIMESTAMP:
    case EARLIEST_LOCAL_TIMESTAMP:
      return at(log.logStartOffset);
    case MAX_TIMESTAMP: {
      const max = log.maxTimestampAndOffset();
      return max && max.offset < visible ? at(max.offset, max.timestampMs) : hidden();
    }
    case EARLIEST_PENDING_UPLOAD_TIMESTAMP:
    case LATEST_TIERED_TIMESTAMP:
      return notFound();
    default: {
      if (timestamp < 0) return notFound(ErrorCode.INVALID_REQUEST);
      const found = log.offsetForTimestamp(timestamp, firstRecordAtOrAfter);
      // Offsets at or past the high watermark (or LSO) are not visible to consumers yet.
      return found && found.offset < visible ? at(found.offset, found.timestampMs) : hidden();
    }
  }
}

/** Inside a batch, the first record with timestamp >= target and offset >= minOffset. */
function firstRecordAtOrAfter(batch: Buffer, targetMs: number, minOffset: number): TimestampOffset | undefined {
  const decoded = decodeRecordBatch(batch, 0);
  for (const r of decoded.records) {
    const ts = decoded.timestampType === 1 ? decoded.maxTimestamp : r.timestamp;
    if (r.offset >= minOffset && ts >= targetMs) return { timestampMs: ts, offset: r.offset };
  }
  return undefined;
}

export async function deleteRecords(p: Partition, offset: number): Promise<{ errorCode: number; lowWatermark: number }> {
  if (!p.isLeader) return { errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER, lowWatermark: -1 };
  // -1 means "up to the high watermark" (kafka-delete-records' convention).
  const target = offset === -1 ? p.highWatermark : offset;
  if (target < 0) return { errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, lowWatermark: -1 };
  const result = await p.log.deleteRecordsBefore(target);
  return { errorCode: result.errorCode, lowWatermark: result.lowWatermark };
}

export function offsetForLeaderEpoch(p: Partition, currentLeaderEpoch: number, leaderEpoch: number): { errorCode: number; leaderEpoch: number; endOffset: number } {
  const check = checkLeaderEpoch(p, currentLeaderEpoch);
  if (check !== ErrorCode.NONE) return { errorCode: check, leaderEpoch: -1, endOffset: -1 };
  // The new epoch's start is not recorded yet: the cache would name the previous epoch's end wrongly.
  if (p.epochStartPending) return { errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER, leaderEpoch: -1, endOffset: -1 };
  const end = p.log.endOffsetForEpoch(leaderEpoch);
  return { errorCode: ErrorCode.NONE, leaderEpoch: end.epoch, endOffset: end.endOffset };
}
