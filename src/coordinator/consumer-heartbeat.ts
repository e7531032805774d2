// ConsumerGroupHeartbeat on one shard, following Kafka's GroupMetadataManager.consumerGroupHeartbeat:
// validate, find or create the group and member (epoch 0 joins, -1 leaves, -2 leaves a static
// member's place open), fold the member's new subscription in, bump the group epoch when the
// group's subscriptions or their topics changed, compute a new target assignment when the group
// epoch is ahead of it, reconcile the member, and answer once the records are written.
import { ErrorCode } from '../../protocol/errors.js';
import type {
  ConsumerGroupHeartbeatRequest, ConsumerGroupHeartbeatResponse,
} from '../../protocol/generated/api/68-consumer-group-heartbeat.js';
import type { GroupRequestContext } from './access.js';
import { equals, fromWire, isSubset, toWire } from './consumer-assignment.js';
import {
  ConsumerGroup, LEAVE_GROUP_MEMBER_EPOCH, LEAVE_GROUP_STATIC_MEMBER_EPOCH, newMember, type ConsumerMember,
} from './consumer-group.js';
import { consumerLeave, scheduleConsumerTimers } from './consumer-leave.js';
import { appendThenRespond, heartbeatError, type HeartbeatResponder } from './consumer-respond.js';
import { currentAssignmentRecord, memberRecord, memberTombstones, targetMemberRecord } from './consumer-records.js';
import { reconcile } from './consumer-reconcile.js';
import {
  refreshTarget, type ConsumerTopicView,
} from './consumer-target.js';
import { validateHeartbeat } from './consumer-validate.js';
import { canUpgrade, convertToConsumerGroup } from './group-migration.js';
import type { GroupShard } from './group-shard.js';
import { groupTombstone, type CoordinatorRecord } from './records.js';

export function consumerGroupHeartbeat(shard: GroupShard, req: ConsumerGroupHeartbeatRequest, ctx: GroupRequestContext,
  topics: ConsumerTopicView, respond: HeartbeatResponder): void {
  const invalid = validateHeartbeat(req, ctx.apiVersion, shard.config.consumerAssignors);
  if (invalid) return respond(heartbeatError(invalid.errorCode, invalid.message));
  const records: CoordinatorRecord[] = [];
  const group = findGroup(shard, req, ctx, records);
  if (typeof group === 'number') return respond(heartbeatError(group));
  if (req.memberEpoch === LEAVE_GROUP_MEMBER_EPOCH || req.memberEpoch === LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
    return consumerLeave(shard, group, req, ctx.nowMs, respond);
  }
  const found = findMember(shard, group, req, records);
  if (typeof found === 'number') return respond(heartbeatError(found));
  const { previous } = found;
  const member = withRequest(found.member, req, ctx);
  const bump = previous === null || !sameSubscription(previous, member);
  if (previous === null || !sameMetadata(previous, member)) records.push(memberRecord(group.groupId, member));
  group.put(member);
  records.push(...refreshTarget(group, topics, group.preferredAssignor(shard.config.consumerAssignors[0]!), bump));
  const owned = req.topicPartitions === null ? null : fromWire(req.topicPartitions);
  const next = reconcile(group, member, owned);
  if (next !== member || previous === null || found.replaced) {
    group.put(next);
    records.push(currentAssignmentRecord(group.groupId, next));
  }
  scheduleConsumerTimers(shard, group, next, ctx.nowMs);
  const fullRequest = req.memberEpoch === 0 ||
    (req.rebalanceTimeoutMs !== -1 && (req.subscribedTopicNames !== null || req.subscribedTopicRegex !== null) && req.topicPartitions !== null);
  const response: ConsumerGroupHeartbeatResponse = {
    throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, memberId: next.memberId, memberEpoch: next.memberEpoch,
    heartbeatIntervalMs: shard.consumerHeartbeatIntervalMs(group.groupId),
    assignment: fullRequest || !equals(next.assigned, found.member.assigned) ? { topicPartitions: toWire(next.assigned) } : null,
  };
  appendThenRespond(shard, records, ctx.nowMs, response, respond);
}

/**
 * The consumer group, created on a join. An empty classic group (one that only holds offsets, or
 * whose members all left) is replaced, keeping its offsets; a classic group with members is
 * converted online when group.consumer.migration.policy allows it (KIP-848's upgrade path), and
 * otherwise answered GROUP_ID_NOT_FOUND, as Kafka does.
 */
function findGroup(shard: GroupShard, req: ConsumerGroupHeartbeatRequest, ctx: GroupRequestContext,
  records: CoordinatorRecord[]): ConsumerGroup | number {
  const existing = shard.consumerGroups.get(req.groupId);
  if (existing) return existing;
  if (req.memberEpoch !== 0) return ErrorCode.GROUP_ID_NOT_FOUND;
  const classic = shard.groups.get(req.groupId);
  if (classic && (classic.size > 0 || classic.state !== 'Empty')) {
    if (!canUpgrade(shard, classic)) return ErrorCode.GROUP_ID_NOT_FOUND;
    return convertToConsumerGroup(shard, classic, ctx.nowMs, records) ?? ErrorCode.GROUP_ID_NOT_FOUND;
  }
  if (classic) {
    classic.transitionTo('Dead', ctx.nowMs);
    shard.groups.delete(req.groupId);
    records.push(groupTombstone(req.groupId));
  }
  const group = new ConsumerGroup(req.groupId);
  group.subscriptionSignature = '';
  shard.consumerGroups.set(req.groupId, group);
  return group;
}

interface FoundMember {
  member: ConsumerMember;
  /** The member as it was before this heartbeat; null for a new member. */
  previous: ConsumerMember | null;
  /** A static member took over a departed one's place. */
  replaced: boolean;
}

function findMember(shard: GroupShard, group: ConsumerGroup, req: ConsumerGroupHeartbeatRequest,
  records: CoordinatorRecord[]): FoundMember | number {
  if (req.memberEpoch === 0) {
    if (req.instanceId !== null) {
      const staticId = group.staticMembers.get(req.instanceId);
      const old = staticId === undefined ? undefined : group.members.get(staticId);
      if (old && old.memberId !== req.memberId) {
        if (old.memberEpoch !== LEAVE_GROUP_STATIC_MEMBER_EPOCH) return ErrorCode.UNRELEASED_INSTANCE_ID;
        return replaceStatic(shard, group, old, req.memberId || shard.newUuid(), records);
      }
    }
    const known = group.members.get(req.memberId);
    if (known) return { member: known, previous: known, replaced: false };
    if (group.members.size >= shard.config.consumerMaxSize) return ErrorCode.GROUP_MAX_SIZE_REACHED;
    return { member: newMember(req.memberId || shard.newUuid()), previous: null, replaced: false };
  }
  const member = group.members.get(req.memberId);
  if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
  if (req.instanceId !== null && member.instanceId !== null && member.instanceId !== req.instanceId) return ErrorCode.FENCED_INSTANCE_ID;
  if (req.memberEpoch > member.memberEpoch) return ErrorCode.FENCED_MEMBER_EPOCH;
  if (req.memberEpoch < member.memberEpoch) {
    // The previous epoch with a subset of the assignment: the response that bumped it was lost.
    const owned = req.topicPartitions === null ? null : fromWire(req.topicPartitions);
    if (req.memberEpoch !== member.previousMemberEpoch || owned === null || !isSubset(owned, member.assigned)) {
      return ErrorCode.FENCED_MEMBER_EPOCH;
    }
  }
  return { member, previous: member, replaced: false };
}

/** The returning static member takes the departed one's epoch, assignment and target. */
function replaceStatic(shard: GroupShard, group: ConsumerGroup, old: ConsumerMember, memberId: string,
  records: CoordinatorRecord[]): FoundMember {
  const target = group.target(old.memberId);
  group.remove(old.memberId);
  group.targets.delete(old.memberId);
  shard.timers.cancel(`consumer-session:${group.groupId}:${old.memberId}`);
  records.push(...memberTombstones(group.groupId, old.memberId));
  group.targets.set(memberId, target);
  records.push(targetMemberRecord(group.groupId, memberId, target));
  const member: ConsumerMember = { ...old, memberId, memberEpoch: old.previousMemberEpoch, previousMemberEpoch: old.previousMemberEpoch };
  return { member, previous: { ...member }, replaced: true };
}

function withRequest(m: ConsumerMember, req: ConsumerGroupHeartbeatRequest, ctx: GroupRequestContext): ConsumerMember {
  return {
    ...m,
    instanceId: req.instanceId ?? m.instanceId,
    rackId: req.rackId ?? m.rackId,
    clientId: ctx.clientId,
    clientHost: ctx.clientHost,
    rebalanceTimeoutMs: req.rebalanceTimeoutMs === -1 ? m.rebalanceTimeoutMs : req.rebalanceTimeoutMs,
    subscribedTopicNames: req.subscribedTopicNames ?? m.subscribedTopicNames,
    // An empty regex clears the regex subscription (Kafka's rule for the field).
    subscribedTopicRegex: req.subscribedTopicRegex === null ? m.subscribedTopicRegex : req.subscribedTopicRegex === '' ? null : req.subscribedTopicRegex,
    serverAssignor: req.serverAssignor ?? m.serverAssignor,
    classic: null,
  };
}

export function sameSubscription(a: ConsumerMember, b: ConsumerMember): boolean {
  return a.subscribedTopicRegex === b.subscribedTopicRegex && a.serverAssignor === b.serverAssignor &&
    a.subscribedTopicNames.length === b.subscribedTopicNames.length &&
    [...a.subscribedTopicNames].sort().every((n, i) => n === [...b.subscribedTopicNames].sort()[i]);
}

export function sameMetadata(a: ConsumerMember, b: ConsumerMember): boolean {
  return sameSubscription(a, b) && a.instanceId === b.instanceId && a.rackId === b.rackId && a.clientId === b.clientId &&
    a.clientHost === b.clientHost && a.rebalanceTimeoutMs === b.rebalanceTimeoutMs && a.classic === b.classic;
}

