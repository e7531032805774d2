// Leaving and fencing in the consumer group protocol. Epoch -1 leaves (the member's partitions go
// back to the group at once); -2 is a static member stepping out for a restart: it keeps its place
// and assignment until its session times out, so a quick return moves nothing. A member that stops
// heartbeating for group.consumer.session.timeout.ms, or keeps partitions it was asked to revoke
// past its rebalance timeout, is fenced: removed, and the group epoch bumped.
import { ErrorCode } from '../../protocol/errors.js';
import type { ConsumerGroupHeartbeatRequest } from '../../protocol/generated/api/68-consumer-group-heartbeat.js';
import {
  LEAVE_GROUP_MEMBER_EPOCH, LEAVE_GROUP_STATIC_MEMBER_EPOCH, MemberState, type ConsumerGroup, type ConsumerMember,
} from './consumer-group.js';
import { appendThenRespond, heartbeatError, type HeartbeatResponder } from './consumer-respond.js';
import { currentAssignmentRecord } from './consumer-records.js';
import type { GroupShard } from './group-shard.js';
import { removeOrDowngrade } from './group-migration.js';

const sessionKey = (groupId: string, memberId: string): string => `consumer-session:${groupId}:${memberId}`;
const revokeKey = (groupId: string, memberId: string): string => `consumer-revoke:${groupId}:${memberId}`;
/** Classic members of a consumer group: the deadlines to rejoin after REBALANCE_IN_PROGRESS, and to sync after joining. */
export const classicJoinKey = (groupId: string, memberId: string): string => `consumer-classic-join:${groupId}:${memberId}`;
export const classicSyncKey = (groupId: string, memberId: string): string => `consumer-classic-sync:${groupId}:${memberId}`;

export function consumerLeave(shard: GroupShard, group: ConsumerGroup, req: ConsumerGroupHeartbeatRequest, nowMs: number,
  respond: HeartbeatResponder): void {
  const member = group.members.get(req.memberId);
  if (!member) return respond(heartbeatError(ErrorCode.UNKNOWN_MEMBER_ID));
  const response = {
    throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, memberId: member.memberId, memberEpoch: req.memberEpoch,
    heartbeatIntervalMs: 0, assignment: null,
  };
  if (req.memberEpoch === LEAVE_GROUP_STATIC_MEMBER_EPOCH && member.memberEpoch !== LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
    const parked: ConsumerMember = { ...member, memberEpoch: LEAVE_GROUP_STATIC_MEMBER_EPOCH, previousMemberEpoch: member.memberEpoch };
    group.put(parked);
    shard.timers.cancel(revokeKey(group.groupId, member.memberId));
    return appendThenRespond(shard, [currentAssignmentRecord(group.groupId, parked)], nowMs, response, respond);
  }
  if (req.memberEpoch === LEAVE_GROUP_STATIC_MEMBER_EPOCH) return respond(response);
  cancelConsumerTimers(shard, group.groupId, member.memberId);
  appendThenRespond(shard, removeOrDowngrade(shard, group, member.memberId, nowMs), nowMs, { ...response, memberEpoch: LEAVE_GROUP_MEMBER_EPOCH }, respond);
}

/** After every heartbeat: a fresh session, and a revocation deadline while partitions are owed. */
export function scheduleConsumerTimers(shard: GroupShard, group: ConsumerGroup, member: ConsumerMember, nowMs: number): void {
  const { groupId } = group;
  const { memberId } = member;
  const sessionTimeoutMs = member.classic?.sessionTimeoutMs ?? shard.consumerSessionTimeoutMs(groupId);
  shard.timers.schedule(sessionKey(groupId, memberId), nowMs + sessionTimeoutMs, (t) => fenceConsumerMember(shard, group, memberId, t));
  // Classic members revoke by rejoining: their deadline is the join timeout instead.
  const revoking = member.classic === null && member.state === MemberState.UNREVOKED_PARTITIONS;
  const key = revokeKey(groupId, memberId);
  if (!revoking) {
    shard.timers.cancel(key);
  } else if (!shard.timers.has(key)) {
    const epoch = member.memberEpoch;
    shard.timers.schedule(key, nowMs + Math.max(0, member.rebalanceTimeoutMs), (t) => {
      const m = group.members.get(memberId);
      if (m && m.state === MemberState.UNREVOKED_PARTITIONS && m.memberEpoch === epoch) fenceConsumerMember(shard, group, memberId, t);
    });
  }
}

/** After a load, members get a fresh session from now, as classic members do. */
export function resumeConsumerGroup(shard: GroupShard, group: ConsumerGroup, nowMs: number): void {
  for (const m of group.members.values()) scheduleConsumerTimers(shard, group, m, nowMs);
}

export function cancelConsumerTimers(shard: GroupShard, groupId: string, memberId: string): void {
  shard.timers.cancel(sessionKey(groupId, memberId));
  shard.timers.cancel(revokeKey(groupId, memberId));
  shard.timers.cancel(classicJoinKey(groupId, memberId));
  shard.timers.cancel(classicSyncKey(groupId, memberId));
}

export function fenceConsumerMember(shard: GroupShard, group: ConsumerGroup, memberId: string, nowMs: number): void {
  if (shard.status !== 'active' || shard.consumerGroups.get(group.groupId) !== group || !group.members.has(memberId)) return;
  cancelConsumerTimers(shard, group.groupId, memberId);
  shard.append(removeOrDowngrade(shard, group, memberId, nowMs), nowMs, () => {});
}
