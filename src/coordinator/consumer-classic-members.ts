// Classic members (JoinGroup/SyncGroup/Heartbeat/LeaveGroup) inside a consumer group, as Kafka's
// ConsumerGroup with classic members serves them after an online upgrade. The coordinator assigns
// for them as for every member: a JoinGroup folds the member's embedded subscription in and
// reconciles it against the target (its owned partitions come from the subscription), and answers
// with generation = member epoch and no leader, so the client sends an empty SyncGroup and gets its
// assignment back. A heartbeat answers REBALANCE_IN_PROGRESS while the member must rejoin: the
// group moved to a newer epoch, the member owes partitions, or partitions it waits for are free.
import { ErrorCode } from '../../protocol/errors.js';
import type { HeartbeatRequest, HeartbeatResponse } from '../../protocol/generated/api/12-heartbeat.js';
import type { JoinGroupRequest } from '../../protocol/generated/api/11-join-group.js';
import type { LeaveGroupRequest, MemberResponse } from '../../protocol/generated/api/13-leave-group.js';
import type { SyncGroupRequest } from '../../protocol/generated/api/14-sync-group.js';
import type { ConsumerProtocolSubscription } from '../../protocol/generated/data/consumer-protocol-subscription.js';
import { DecodeError } from '../../protocol/primitives/reader.js';
import type { GroupRequestContext, LeaveGroupResult } from './access.js';
import { CONSUMER_PROTOCOL_TYPE, joinError, syncError } from './classic-group.js';
import type { JoinResponder, SyncResponder } from './classic-member.js';
import { appendErrorToResponse } from './classic-rebalance.js';
import { assignmentBytes, classicMetadata, namesToAssignment, protocolVersion, readSubscription } from './consumer-classic-codec.js';
import { MemberState, newMember, type ConsumerGroup, type ConsumerMember } from './consumer-group.js';
import { sameSubscription } from './consumer-heartbeat.js';
import {
  cancelConsumerTimers, classicJoinKey, classicSyncKey, fenceConsumerMember, scheduleConsumerTimers,
} from './consumer-leave.js';
import { currentAssignmentRecord, memberRecord, memberTombstones, targetMemberRecord } from './consumer-records.js';
import { reconcile } from './consumer-reconcile.js';
import { bumpGroupEpoch, refreshTarget } from './consumer-target.js';
import type { GroupShard } from './group-shard.js';
import type { CoordinatorRecord } from './records.js';

/** JoinGroup v4+ without a member id: the client must come back with the one we hand out. */
const KNOWN_MEMBER_ID_VERSION = 4;

export function classicJoinToConsumerGroup(shard: GroupShard, group: ConsumerGroup, req: JoinGroupRequest, ctx: GroupRequestContext,
  respond: JoinResponder): void {
  const memberId = req.memberId === '' ? shard.newUuid() : req.memberId;
  const fail = (errorCode: number): void => respond(joinError(memberId, errorCode));
  if (!group.members.has(memberId) && group.members.size >= shard.config.consumerMaxSize) return fail(ErrorCode.GROUP_MAX_SIZE_REACHED);
  if (!group.supportsClassicProtocols(req.protocolType, req.protocols.map((p) => p.name))) return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
  if (ctx.apiVersion >= KNOWN_MEMBER_ID_VERSION && req.memberId === '' && req.groupInstanceId === null) {
    return fail(ErrorCode.MEMBER_ID_REQUIRED);
  }
  let subscription: ConsumerProtocolSubscription;
  try {
    subscription = readSubscription(req.protocols[0]!.metadata);
  } catch (e) {
    if (e instanceof DecodeError) return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    throw e;
  }
  const records: CoordinatorRecord[] = [];
  const found = findClassicMember(shard, group, req, memberId, records);
  if (typeof found === 'number') return fail(found);
  const topics = shard.topics();
  const previous = found.isNew ? null : found.member;
  const updated: ConsumerMember = {
    ...found.member, instanceId: req.groupInstanceId ?? found.member.instanceId, rackId: subscription.rackId ?? found.member.rackId,
    rebalanceTimeoutMs: req.rebalanceTimeoutMs, serverAssignor: null, subscribedTopicNames: subscription.topics,
    clientId: ctx.clientId, clientHost: ctx.clientHost, classic: classicMetadata(req.sessionTimeoutMs, req.protocols),
  };
  const bump = previous === null || !sameSubscription(previous, updated);
  records.push(memberRecord(group.groupId, updated));
  group.put(updated);
  records.push(...refreshTarget(group, topics, group.preferredAssignor(shard.config.consumerAssignors[0]!), bump));
  const next = reconcile(group, updated, namesToAssignment(subscription.ownedPartitions, topics));
  group.put(next);
  records.push(currentAssignmentRecord(group.groupId, next));
  shard.timers.cancel(classicJoinKey(group.groupId, next.memberId));
  shard.append(records, ctx.nowMs, (errorCode, doneMs) => {
    if (errorCode !== ErrorCode.NONE) return fail(appendErrorToResponse(errorCode));
    if (shard.consumerGroups.get(group.groupId) === group && group.members.has(next.memberId)) {
      scheduleConsumerTimers(shard, group, group.members.get(next.memberId)!, doneMs);
      scheduleFence(shard, group, classicSyncKey(group.groupId, next.memberId), next.memberId, doneMs + next.rebalanceTimeoutMs);
    }
    respond({
      throttleTimeMs: 0, errorCode: ErrorCode.NONE, generationId: next.memberEpoch, protocolType: CONSUMER_PROTOCOL_TYPE,
      protocolName: next.classic!.supportedProtocols[0]!.name, leader: '', skipAssignment: false, memberId: next.memberId, members: [],
    });
  });
}

interface FoundClassicMember {
  member: ConsumerMember;
  isNew: boolean;
}

/** Dynamic members by id (created when unknown); static ones by instance id, a new id taking the old one's place. */
function findClassicMember(shard: GroupShard, group: ConsumerGroup, req: JoinGroupRequest, memberId: string,
  records: CoordinatorRecord[]): FoundClassicMember | number {
  const known = group.members.get(memberId);
  if (req.groupInstanceId === null) return known ? { member: known, isNew: false } : { member: newMember(memberId), isNew: true };
  const staticId = group.staticMembers.get(req.groupInstanceId);
  const old = staticId === undefined ? undefined : group.members.get(staticId);
  if (!old) return known ? { member: known, isNew: false } : { member: newMember(memberId), isNew: true };
  if (old.memberId === memberId) return { member: old, isNew: false };
  if (req.memberId !== '') return ErrorCode.FENCED_INSTANCE_ID;
  // The static member restarted: the new id takes over its epoch, assignment and target.
  const target = group.target(old.memberId);
  group.remove(old.memberId);
  group.targets.delete(old.memberId);
  cancelConsumerTimers(shard, group.groupId, old.memberId);
  records.push(...memberTombstones(group.groupId, old.memberId));
  group.targets.set(memberId, target);
  records.push(targetMemberRecord(group.groupId, memberId, target));
  return { member: { ...old, memberId }, isNew: false };
}

function scheduleFence(shard: GroupShard, group: ConsumerGroup, key: string, memberId: string, deadlineMs: number): void {
  shard.timers.schedule(key, deadlineMs, (t) => fenceConsumerMember(shard, group, memberId, t));
}

/** Kafka's validateConsumerGroupMember plus the classic-protocol and generation checks. */
function validateClassicMember(group: ConsumerGroup, memberId: string, instanceId: string | null, generationId: number): ConsumerMember | number {
  let member: ConsumerMember | undefined;
  if (instanceId === null) {
    member = group.members.get(memberId);
  } else {
    const staticId = group.staticMembers.get(instanceId);
    member = staticId === undefined ? undefined : group.members.get(staticId);
    if (member && member.memberId !== memberId) return ErrorCode.FENCED_INSTANCE_ID;
  }
  if (!member || member.classic === null) return ErrorCode.UNKNOWN_MEMBER_ID;
  if (generationId !== member.memberEpoch) return ErrorCode.ILLEGAL_GENERATION;
  return member;
}

/** A newer group epoch needs a rejoin, unless the member is mid-revocation (it rejoins when done). */
function mustRejoin(group: ConsumerGroup, m: ConsumerMember): boolean {
  return group.groupEpoch > m.memberEpoch && m.state !== MemberState.UNREVOKED_PARTITIONS;
}

export function classicSyncToConsumerGroup(shard: GroupShard, group: ConsumerGroup, req: SyncGroupRequest, ctx: GroupRequestContext,
  respond: SyncResponder): void {
  const member = validateClassicMember(group, req.memberId, req.groupInstanceId, req.generationId);
  if (typeof member === 'number') return respond(syncError(member));
  const protocolName = member.classic!.supportedProtocols[0]!.name;
  if ((req.protocolType !== null && req.protocolType !== CONSUMER_PROTOCOL_TYPE) || (req.protocolName !== null && req.protocolName !== protocolName)) {
    return respond(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
  }
  if (mustRejoin(group, member)) {
    scheduleJoinTimeout(shard, group, member, ctx.nowMs);
    return respond(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
  }
  shard.timers.cancel(classicSyncKey(group.groupId, member.memberId));
  scheduleConsumerTimers(shard, group, member, ctx.nowMs);
  const version = protocolVersion(member.classic!.supportedProtocols[0]!.metadata);
  respond({
    throttleTimeMs: 0, errorCode: ErrorCode.NONE, protocolType: CONSUMER_PROTOCOL_TYPE, protocolName,
    assignment: assignmentBytes(member.assigned, shard.topics(), version),
  });
}

function scheduleJoinTimeout(shard: GroupShard, group: ConsumerGroup, member: ConsumerMember, nowMs: number): void {
  const key = classicJoinKey(group.groupId, member.memberId);
  if (!shard.timers.has(key)) scheduleFence(shard, group, key, member.memberId, nowMs + member.rebalanceTimeoutMs);
}

export function classicHeartbeatToConsumerGroup(shard: GroupShard, group: ConsumerGroup, req: HeartbeatRequest,
  ctx: GroupRequestContext): HeartbeatResponse {
  const member = validateClassicMember(group, req.memberId, req.groupInstanceId, req.generationId);
  if (typeof member === 'number') return { throttleTimeMs: 0, errorCode: member };
  scheduleConsumerTimers(shard, group, member, ctx.nowMs);
  const rejoin = member.memberEpoch < group.groupEpoch || member.state === MemberState.UNREVOKED_PARTITIONS ||
    (member.state === MemberState.UNRELEASED_PARTITIONS && !group.waitingOnUnreleasedPartition(member));
  if (!rejoin) return { throttleTimeMs: 0, errorCode: ErrorCode.NONE };
  scheduleJoinTimeout(shard, group, member, ctx.nowMs);
  return { throttleTimeMs: 0, errorCode: ErrorCode.REBALANCE_IN_PROGRESS };
}

/** Classic members leave; the others stay (the group epoch moves once for all who left). */
export function classicLeaveToConsumerGroup(shard: GroupShard, group: ConsumerGroup, req: LeaveGroupRequest,
  ctx: GroupRequestContext): LeaveGroupResult {
  const records: CoordinatorRecord[] = [];
  const members = req.members.map((m): MemberResponse => {
    const staticId = m.groupInstanceId === null ? undefined : group.staticMembers.get(m.groupInstanceId);
    const member = group.members.get(m.groupInstanceId === null ? m.memberId : staticId ?? '');
    let errorCode: number = ErrorCode.NONE;
    if (!member) errorCode = ErrorCode.UNKNOWN_MEMBER_ID;
    else if (m.groupInstanceId !== null && m.memberId !== '' && m.memberId !== member.memberId) errorCode = ErrorCode.FENCED_INSTANCE_ID;
    else if (member.classic === null) errorCode = ErrorCode.UNKNOWN_MEMBER_ID;
    if (errorCode !== ErrorCode.NONE || !member) return { memberId: m.memberId, groupInstanceId: m.groupInstanceId, errorCode };
    cancelConsumerTimers(shard, group.groupId, member.memberId);
    group.remove(member.memberId);
    group.targets.delete(member.memberId);
    records.push(...memberTombstones(group.groupId, member.memberId));
    return { memberId: member.memberId, groupInstanceId: m.groupInstanceId, errorCode };
  });
  if (records.length > 0) {
    records.push(bumpGroupEpoch(group));
    shard.append(records, ctx.nowMs, () => {});
  }
  return { errorCode: ErrorCode.NONE, members };
}
