// The classic rebalance engine shared by JoinGroup, SyncGroup, LeaveGroup and the timers: preparing a
// rebalance, completing the join phase (next generation, protocol vote, answers to parked joins),
// propagating assignments, and expiring members that stop heartbeating or never sync. It follows
// Kafka's GroupMetadataManager step for step, so clients see the same states and errors.
import { ErrorCode } from '../../protocol/errors.js';
import type { JoinGroupResponse } from '../../protocol/generated/api/11-join-group.js';
import { EMPTY_BYTES } from '../../protocol/primitives/codec-helpers.js';
import { joinError, type ClassicGroup } from './classic-group.js';
import type { ClassicGroupMember } from './classic-member.js';
import type { GroupShard } from './group-shard.js';

const SEP = '\u0000';
const joinKey = (g: ClassicGroup): string => `join${SEP}${g.groupId}`;
const syncKey = (g: ClassicGroup): string => `sync${SEP}${g.groupId}`;
const heartbeatKey = (g: ClassicGroup, memberId: string): string => `heartbeat${SEP}${g.groupId}${SEP}${memberId}`;

/** Append errors as a group operation reports them (Kafka's appendGroupMetadataErrorToResponseError). */
export function appendErrorToResponse(errorCode: number): number {
  switch (errorCode) {
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case ErrorCode.REQUEST_TIMED_OUT:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.KAFKA_STORAGE_ERROR:
      return ErrorCode.NOT_COORDINATOR;
    case ErrorCode.MESSAGE_TOO_LARGE:
    case ErrorCode.RECORD_LIST_TOO_LARGE:
    case ErrorCode.INVALID_FETCH_SIZE:
      return ErrorCode.UNKNOWN_SERVER_ERROR;
    default:
      return errorCode;
  }
}

/** The JoinGroup answer for the current generation; only the leader gets the member list. */
export function joinResponse(group: ClassicGroup, memberId: string, withMembers: boolean): JoinGroupResponse {
  return {
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    generationId: group.generationId,
    protocolType: group.protocolType,
    protocolName: group.protocolName,
    leader: group.leaderId ?? '',
    skipAssignment: false,
    memberId,
    members: withMembers ? group.joinResponseMembers() : [],
  };
}

export function scheduleHeartbeat(shard: GroupShard, group: ClassicGroup, memberId: string, timeoutMs: number, nowMs: number): void {
  shard.timers.schedule(heartbeatKey(group, memberId), nowMs + timeoutMs, (t) => {
    if (shard.isLive(group)) expireHeartbeat(shard, group, memberId, t);
  });
}

export function cancelHeartbeat(shard: GroupShard, group: ClassicGroup, memberId: string): void {
  shard.timers.cancel(heartbeatKey(group, memberId));
}

function expireHeartbeat(shard: GroupShard, group: ClassicGroup, memberId: string, nowMs: number): void {
  if (group.state === 'Dead') return;
  if (group.isPendingMember(memberId)) {
    group.remove(memberId);
    if (group.state === 'PreparingRebalance' && group.hasAllMembersJoined()) completeJoinPhase(shard, group, nowMs);
    return;
  }
  const member = group.members.get(memberId);
  if (member && !member.hasSatisfiedHeartbeat()) removeMemberAndUpdateGroup(shard, group, member, nowMs);
}

/** Drops a member (session expired or left) and lets the group react: rebalance or finish joining. */
export function removeMemberAndUpdateGroup(shard: GroupShard, group: ClassicGroup, member: ClassicGroupMember, nowMs: number): void {
  // A new member may still have its JoinGroup parked; it gets UNKNOWN_MEMBER_ID and can retry.
  group.completeJoin(member, joinError('', ErrorCode.UNKNOWN_MEMBER_ID));
  group.remove(member.memberId);
  cancelHeartbeat(shard, group, member.memberId);
  if (group.state === 'Stable' || group.state === 'CompletingRebalance') {
    maybePrepareRebalanceOrCompleteJoin(shard, group, nowMs);
  } else if (group.state === 'PreparingRebalance' && group.hasAllMembersJoined()) {
    completeJoinPhase(shard, group, nowMs);
  }
}

export function maybePrepareRebalanceOrCompleteJoin(shard: GroupShard, group: ClassicGroup, nowMs: number): void {
  if (group.canRebalance()) prepareRebalance(shard, group, nowMs);
  else maybeCompleteJoinPhase(shard, group, nowMs);
}

/** The initial rebalance of a new group always waits its delay, even when everyone has joined. */
export function maybeCompleteJoinPhase(shard: GroupShard, group: ClassicGroup, nowMs: number): void {
  if (group.state === 'PreparingRebalance' && group.hasAllMembersJoined() && group.previousState !== 'Empty') {
    completeJoinPhase(shard, group, nowMs);
  }
}

export function prepareRebalance(shard: GroupShard, group: ClassicGroup, nowMs: number): void {
  // Members parked in SyncGroup must rejoin instead.
  if (group.state === 'CompletingRebalance') resetAndPropagateAssignmentWithError(shard, group, ErrorCode.REBALANCE_IN_PROGRESS, nowMs);
  removeSyncExpiration(shard, group);
  const isInitialRebalance = group.state === 'Empty';
  group.transitionTo('PreparingRebalance', nowMs);
  if (isInitialRebalance) {
    const delayMs = shard.config.initialRebalanceDelayMs;
    scheduleInitialJoin(shard, group, delayMs, Math.max(group.rebalanceTimeoutMs() - delayMs, 0), nowMs);
  } else if (group.hasAllMembersJoined()) {
    completeJoinPhase(shard, group, nowMs);
  } else {
    scheduleJoinTimeout(shard, group, nowMs);
  }
}

/** Each member that joins during the delay buys one more delay, up to the rebalance timeout. */
function scheduleInitialJoin(shard: GroupShard, group: ClassicGroup, delayMs: number, remainingMs: number, nowMs: number): void {
  shard.timers.schedule(joinKey(group), nowMs + delayMs, (t) => {
    if (!shard.isLive(group)) return;
    if (group.newMemberAdded && remainingMs !== 0) {
      group.newMemberAdded = false;
      const nextDelayMs = Math.min(shard.config.initialRebalanceDelayMs, remainingMs);
      scheduleInitialJoin(shard, group, nextDelayMs, Math.max(remainingMs - delayMs, 0), t);
    } else {
      completeJoinPhase(shard, group, t);
    }
  });
}

function scheduleJoinTimeout(shard: GroupShard, group: ClassicGroup, nowMs: number): void {
  shard.timers.schedule(joinKey(group), nowMs + group.rebalanceTimeoutMs(), (t) => {
    if (shard.isLive(group)) completeJoinPhase(shard, group, t);
  });
}

/**
 * Ends the join phase: dynamic members that did not rejoin are dropped (static ones keep their
 * place), the generation advances and every parked JoinGroup is answered. A group left with no
 * members becomes Empty and records its new generation.
 */
export function completeJoinPhase(shard: GroupShard, group: ClassicGroup, nowMs: number): void {
  shard.timers.cancel(joinKey(group));
  for (const m of group.notYetRejoinedMembers()) {
    if (m.groupInstanceId !== null) continue;
    group.remove(m.memberId);
    cancelHeartbeat(shard, group, m.memberId);
  }
  if (group.state === 'Dead') return;
  if (!group.maybeElectNewJoinedLeader() && group.size > 0) {
    // Nobody rejoined: wait another rebalance timeout, until session expiry has removed the silent.
    scheduleJoinTimeout(shard, group, nowMs);
    return;
  }
  group.initNextGeneration(nowMs);
  if (group.state === 'Empty') {
    // If this write fails the log keeps the previous generation; with no members that is harmless.
    shard.append([shard.groupRecord(group, new Map())], nowMs, () => {});
    return;
  }
  for (const m of group.members.values()) {
    group.completeJoin(m, joinResponse(group, m.memberId, group.isLeader(m.memberId)));
    scheduleHeartbeat(shard, group, m.memberId, m.sessionTimeoutMs, nowMs);
    m.isNew = false;
    group.pendingSyncMembers.add(m.memberId);
  }
  schedulePendingSync(shard, group, nowMs);
}

/** Members that got their JoinGroup answer must sync within the rebalance timeout. */
function schedulePendingSync(shard: GroupShard, group: ClassicGroup, nowMs: number): void {
  const generationId = group.generationId;
  shard.timers.schedule(syncKey(group), nowMs + group.rebalanceTimeoutMs(), (t) => {
    if (!shard.isLive(group) || group.generationId !== generationId) return;
    if (group.state !== 'CompletingRebalance' && group.state !== 'Stable') return;
    if (group.pendingSyncMembers.size === 0) return;
    for (const memberId of [...group.pendingSyncMembers]) {
      group.remove(memberId);
      cancelHeartbeat(shard, group, memberId);
    }
    prepareRebalance(shard, group, t);
  });
}

function removeSyncExpiration(shard: GroupShard, group: ClassicGroup): void {
  group.pendingSyncMembers.clear();
  shard.timers.cancel(syncKey(group));
}

export function removePendingSyncMember(shard: GroupShard, group: ClassicGroup, memberId: string): void {
  group.pendingSyncMembers.delete(memberId);
  const waiting = group.state === 'CompletingRebalance' || group.state === 'Stable';
  if (!waiting || group.pendingSyncMembers.size === 0) shard.timers.cancel(syncKey(group));
}

export function resetAndPropagateAssignmentWithError(shard: GroupShard, group: ClassicGroup, errorCode: number, nowMs: number): void {
  for (const m of group.members.values()) m.assignment = EMPTY_BYTES;
  propagateAssignment(shard, group, errorCode, nowMs);
}

export function setAndPropagateAssignment(shard: GroupShard, group: ClassicGroup, assignments: ReadonlyMap<string, Buffer>, nowMs: number): void {
  for (const m of group.members.values()) m.assignment = assignments.get(m.memberId) ?? EMPTY_BYTES;
  propagateAssignment(shard, group, ErrorCode.NONE, nowMs);
}

function propagateAssignment(shard: GroupShard, group: ClassicGroup, errorCode: number, nowMs: number): void {
  const ok = errorCode === ErrorCode.NONE;
  for (const m of group.members.values()) {
    const answered = group.completeSync(m, {
      throttleTimeMs: 0,
      errorCode,
      protocolType: ok ? group.protocolType : null,
      protocolName: ok ? group.protocolName : null,
      assignment: m.assignment,
    });
    // A session that ran out while the member waited on the leader or the write starts afresh.
    if (answered) scheduleHeartbeat(shard, group, m.memberId, m.sessionTimeoutMs, nowMs);
  }
}
