// OffsetCommit, OffsetFetch, OffsetDelete and offset expiry on one shard. Commits are validated
// against the group (generation, member, static instance) as Kafka's ClassicGroup does, written
// as OffsetCommit records, and answered once written. Groups that only store offsets ("simple"
// consumers, generation -1) are accepted while they have no members.
import { ErrorCode } from '../../protocol/errors.js';
import type { OffsetCommitRequest, OffsetCommitResponse } from '../../protocol/generated/api/08-offset-commit.js';
import type { OffsetDeleteRequest, OffsetDeleteResponse } from '../../protocol/generated/api/47-offset-delete.js';
import type { GroupRequestContext, OffsetFetchTopicResult } from './access.js';
import type { ClassicGroup } from './classic-group.js';
import { appendErrorToResponse, scheduleHeartbeat } from './classic-rebalance.js';
import type { GroupShard } from './group-shard.js';
import { toRecordValue, type CommittedOffset } from './offset-store.js';
import { groupTombstone, offsetCommitRecord, offsetTombstone, type CoordinatorRecord } from './records.js';

/** From v9 a commit with a generation for a missing group says GROUP_ID_NOT_FOUND, as the new protocol does. */
const GROUP_ID_NOT_FOUND_VERSION = 9;

export function commitErrorResponse(req: OffsetCommitRequest, errorCode: number): OffsetCommitResponse {
  return {
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({ name: t.name, partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })) })),
  };
}

/** Commit append errors as Kafka reports them on offsets: a batch too large is the commit's size. */
function commitAppendError(errorCode: number): number {
  const tooLarge = errorCode === ErrorCode.MESSAGE_TOO_LARGE || errorCode === ErrorCode.RECORD_LIST_TOO_LARGE ||
    errorCode === ErrorCode.INVALID_FETCH_SIZE;
  return tooLarge ? ErrorCode.INVALID_COMMIT_OFFSET_SIZE : appendErrorToResponse(errorCode);
}

export function commitOffsets(shard: GroupShard, req: OffsetCommitRequest, ctx: GroupRequestContext,
  respond: (response: OffsetCommitResponse) => void): void {
  let group = shard.groups.get(req.groupId);
  if (!group) {
    if (req.generationIdOrMemberEpoch >= 0) {
      const error = ctx.apiVersion >= GROUP_ID_NOT_FOUND_VERSION ? ErrorCode.GROUP_ID_NOT_FOUND : ErrorCode.ILLEGAL_GENERATION;
      respond(commitErrorResponse(req, error));
      return;
    }
    group = shard.getOrCreateGroup(req.groupId, ctx.nowMs);
  }
  const error = validateOffsetCommit(group, req);
  if (error !== ErrorCode.NONE) {
    respond(commitErrorResponse(req, error));
    return;
  }
  // A commit during Stable or PreparingRebalance counts as a heartbeat.
  const member = group.members.get(req.memberId);
  if (member && (group.state === 'Stable' || group.state === 'PreparingRebalance')) {
    scheduleHeartbeat(shard, group, member.memberId, member.sessionTimeoutMs, ctx.nowMs);
  }
  writeCommits(shard, req, ctx.nowMs, respond);
}

export function writeCommits(shard: GroupShard, req: OffsetCommitRequest, nowMs: number, respond: (response: OffsetCommitResponse) => void): void {
  const expireTimestampMs = req.retentionTimeMs === -1 ? null : nowMs + req.retentionTimeMs;
  const records: CoordinatorRecord[] = [];
  const written: [string, number][] = [];
  const response: OffsetCommitResponse = {
    throttleTimeMs: 0,
    topics: req.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => {
        const metadata = p.committedMetadata ?? '';
        if (metadata.length > shard.config.offsetMetadataMaxBytes) {
          return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.OFFSET_METADATA_TOO_LARGE };
        }
        const offset: CommittedOffset = {
          offset: p.committedOffset, leaderEpoch: p.committedLeaderEpoch, metadata,
          commitTimestampMs: p.commitTimestamp === -1 ? nowMs : p.commitTimestamp, expireTimestampMs,
        };
        records.push(offsetCommitRecord(req.groupId, t.name, p.partitionIndex, toRecordValue(offset)));
        written.push([t.name, p.partitionIndex]);
        return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE };
      }),
    })),
  };
  if (records.length === 0) {
    respond(response);
    return;
  }
  for (const [topic, partition] of written) shard.offsets.beginCommit(req.groupId, topic, partition);
  shard.append(records, nowMs, (errorCode) => {
    for (const [topic, partition] of written) shard.offsets.endCommit(req.groupId, topic, partition);
    if (errorCode !== ErrorCode.NONE) {
      const mapped = commitAppendError(errorCode);
      for (const t of response.topics) for (const p of t.partitions) if (p.errorCode === ErrorCode.NONE) p.errorCode = mapped;
    }
    respond(response);
  });
}

/** Kafka's ClassicGroup.validateOffsetCommit for non-transactional commits. */
function validateOffsetCommit(group: ClassicGroup, req: OffsetCommitRequest): number {
  const generationId = req.generationIdOrMemberEpoch;
  if (group.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
  // Generation -1 comes from the admin client or a consumer without group management.
  if (generationId < 0 && group.state === 'Empty') return ErrorCode.NONE;
  if (generationId >= 0 || req.memberId !== '' || req.groupInstanceId !== null) {
    const memberError = group.validateMember(req.memberId, req.groupInstanceId);
    if (memberError !== ErrorCode.NONE) return memberError;
    if (generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
  } else {
    return ErrorCode.UNKNOWN_MEMBER_ID;
  }
  // The member has its JoinGroup answer but not its assignment: it should sync, then commit.
  if (group.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
  return ErrorCode.NONE;
}

/**
 * Committed offsets of one group: the listed partitions (unknown ones as offset -1) or, for
 * `topics` null, all of them. A commit still being written makes a require_stable fetch of its
 * partition UNSTABLE_OFFSET_COMMIT, so the client retries instead of reading the older offset.
 */
export function fetchOffsets(shard: GroupShard, groupId: string, topics: { name: string; partitionIndexes: number[] }[] | null,
  requireStable: boolean): OffsetFetchTopicResult[] {
  const group = shard.groups.get(groupId);
  const known = (group !== undefined && group.state !== 'Dead') || shard.consumerGroups.has(groupId);
  const committed = known ? shard.offsets.groupOffsets(groupId) : new Map<string, ReadonlyMap<number, CommittedOffset>>();
  const requested = topics ?? [...committed].map(([name, partitions]) => ({ name, partitionIndexes: [...partitions.keys()] }));
  return requested.map((t) => ({
    name: t.name,
    partitions: t.partitionIndexes.map((partitionIndex) => {
      if (requireStable && shard.offsets.hasPendingCommit(groupId, t.name, partitionIndex)) {
        return { partitionIndex, committedOffset: -1, committedLeaderEpoch: -1, metadata: '', errorCode: ErrorCode.UNSTABLE_OFFSET_COMMIT };
      }
      const o = committed.get(t.name)?.get(partitionIndex);
      return {
        partitionIndex, committedOffset: o?.offset ?? -1, committedLeaderEpoch: o?.leaderEpoch ?? -1,
        metadata: o?.metadata ?? '', errorCode: ErrorCode.NONE,
      };
    }),
  }));
}

export function deleteOffsets(shard: GroupShard, req: OffsetDeleteRequest, nowMs: number, respond: (response: OffsetDeleteResponse) => void): void {
  const fail = (errorCode: number): void => respond({ errorCode, throttleTimeMs: 0, topics: [] });
  const group = shard.groups.get(req.groupId);
  if (!group || group.state === 'Dead') return fail(ErrorCode.GROUP_ID_NOT_FOUND);
  // Only a consumer group can say which topics it still uses; any other active group refuses.
  if (group.state !== 'Empty' && !group.usesConsumerProtocol()) return fail(ErrorCode.NON_EMPTY_GROUP);
  const records: CoordinatorRecord[] = [];
  const topics = req.topics.map((t) => {
    const subscribed = group.isSubscribedToTopic(t.name);
    return {
      name: t.name,
      partitions: t.partitions.map((p) => {
        if (subscribed) return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC };
        // An open transaction's offset goes too (its commit marker would otherwise bring it back).
        const { offsets } = shard;
        if (offsets.get(req.groupId, t.name, p.partitionIndex) || offsets.hasTxnOffset(req.groupId, t.name, p.partitionIndex)) {
          records.push(offsetTombstone(req.groupId, t.name, p.partitionIndex));
        }
        return { partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE };
      }),
    };
  });
  const response: OffsetDeleteResponse = { errorCode: ErrorCode.NONE, throttleTimeMs: 0, topics };
  if (records.length === 0) return respond(response);
  shard.append(records, nowMs, (errorCode) => {
    if (errorCode !== ErrorCode.NONE) fail(commitAppendError(errorCode));
    else respond(response);
  });
}

/**
 * Writes tombstones for expired offsets and deletes Empty groups left with none, as Kafka's
 * periodic cleanup does. Offsets of topics a consumer group still subscribes to never expire.
 */
export function expireOffsets(shard: GroupShard, nowMs: number): void {
  const records: CoordinatorRecord[] = [];
  for (const group of [...shard.groups.values()]) {
    if (shard.offsets.hasPendingCommits(group.groupId)) continue;
    const allExpired = expiredOffsets(shard, group, nowMs, records);
    if (allExpired && group.state === 'Empty') {
      records.push(groupTombstone(group.groupId));
      group.transitionTo('Dead', nowMs);
      shard.groups.delete(group.groupId);
    }
  }
  // Tombstones take effect once written; a failed write leaves the offsets to the next run.
  if (records.length > 0) shard.append(records, nowMs, () => {});
}

function expiredOffsets(shard: GroupShard, group: ClassicGroup, nowMs: number, records: CoordinatorRecord[]): boolean {
  const offsets = shard.offsets.groupOffsets(group.groupId);
  if (offsets.size === 0) return true;
  const base = expirationBase(group);
  if (!base) return false;
  let allExpired = true;
  for (const [topic, partitions] of offsets) {
    if (group.isSubscribedToTopic(topic)) {
      allExpired = false;
      continue;
    }
    for (const [partition, o] of partitions) {
      const expired = o.expireTimestampMs !== null
        ? nowMs >= o.expireTimestampMs
        : nowMs - base(o) >= shard.config.offsetsRetentionMs;
      if (expired) records.push(offsetTombstone(group.groupId, topic, partition));
      else allExpired = false;
    }
  }
  return allExpired;
}

/**
 * Where retention counts from (Kafka's offsetExpirationCondition): an Empty group's offsets from
 * when it became empty, a Stable consumer group's unsubscribed topics and a simple group's offsets
 * from their commit; other groups' offsets do not expire.
 */
function expirationBase(group: ClassicGroup): ((o: CommittedOffset) => number) | null {
  if (group.protocolType === null) return (o) => o.commitTimestampMs;
  if (group.state === 'Empty') return (o) => group.currentStateTimestampMs ?? o.commitTimestampMs;
  if (group.usesConsumerProtocol() && group.subscribedTopics !== null && group.state === 'Stable') return (o) => o.commitTimestampMs;
  return null;
}
