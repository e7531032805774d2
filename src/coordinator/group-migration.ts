// Online migration between the two group protocols (KIP-848's upgrade and downgrade paths), as
// Kafka's GroupMetadataManager does it under group.consumer.migration.policy:
// - upgrade: a ConsumerGroupHeartbeat joining a non-empty classic group turns it into a consumer
//   group; the classic members stay, at the classic generation, with their last assignment as
//   their target, and keep speaking JoinGroup/SyncGroup/Heartbeat (consumer-classic-members.ts);
// - downgrade: when the last member speaking the consumer protocol leaves or is fenced, a group
//   of classic members only becomes a classic group again, each member holding its target
//   assignment, and a rebalance starts so the classic leader assigns from then on.
// Offsets are keyed by group id and stay where they are either way.
import { ErrorCode } from '../../protocol/errors.js';
import { DecodeError } from '../../protocol/primitives/reader.js';
import { ClassicGroup, CONSUMER_PROTOCOL_TYPE, joinError, syncError } from './classic-group.js';
import { ClassicGroupMember } from './classic-member.js';
import { cancelHeartbeat, prepareRebalance, scheduleHeartbeat } from './classic-rebalance.js';
import { downgradeEnabled, upgradeEnabled } from './config.js';
import { assignmentBytes, classicMetadata, protocolVersion, readAssignment, readSubscription } from './consumer-classic-codec.js';
import { ConsumerGroup, MemberState, newMember, type ConsumerMember } from './consumer-group.js';
import { cancelConsumerTimers, scheduleConsumerTimers } from './consumer-leave.js';
import {
  currentAssignmentRecord, groupEpochRecord, groupTombstones, memberRecord, memberTombstones, targetEpochRecord, targetMemberRecord,
} from './consumer-records.js';
import { removeMember, subscriptionSignature } from './consumer-target.js';
import type { GroupShard } from './group-shard.js';
import { groupTombstone, type CoordinatorRecord } from './records.js';

/** Kafka's validateOnlineUpgrade: allowed by the policy, a consumer-protocol group, not too big. */
export function canUpgrade(shard: GroupShard, classic: ClassicGroup): boolean {
  return upgradeEnabled(shard.config) && classic.usesConsumerProtocol() && classic.protocolName !== null &&
    classic.size <= shard.config.consumerMaxSize;
}

/**
 * The classic group as a consumer group, its records appended to `records`; null when a member's
 * embedded protocol does not parse (the caller answers GROUP_ID_NOT_FOUND, as Kafka).
 */
export function convertToConsumerGroup(shard: GroupShard, classic: ClassicGroup, nowMs: number,
  records: CoordinatorRecord[]): ConsumerGroup | null {
  const topics = shard.topics();
  const generation = classic.generationId;
  const members: ConsumerMember[] = [];
  try {
    for (const m of classic.members.values()) {
      const subscription = readSubscription(m.metadata(classic.protocolName!));
      members.push({
        ...newMember(m.memberId), instanceId: m.groupInstanceId, rackId: subscription.rackId, clientId: m.clientId,
        clientHost: m.clientHost, subscribedTopicNames: subscription.topics, rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        memberEpoch: generation, previousMemberEpoch: generation, state: MemberState.STABLE,
        assigned: readAssignment(m.assignment, topics), classic: classicMetadata(m.sessionTimeoutMs, m.protocols),
      });
    }
  } catch (e) {
    if (e instanceof DecodeError) return null;
    throw e;
  }
  // A rebalance in flight is abandoned: parked members rejoin, and meet the consumer group.
  for (const m of classic.members.values()) {
    classic.completeJoin(m, joinError(m.memberId, ErrorCode.REBALANCE_IN_PROGRESS));
    classic.completeSync(m, syncError(ErrorCode.REBALANCE_IN_PROGRESS));
    cancelHeartbeat(shard, classic, m.memberId);
  }
  classic.transitionTo('Dead', nowMs);
  shard.groups.delete(classic.groupId);
  records.push(groupTombstone(classic.groupId));

  const group = new ConsumerGroup(classic.groupId);
  group.groupEpoch = generation;
  group.assignmentEpoch = generation;
  for (const m of members) {
    group.put(m);
    group.targets.set(m.memberId, m.assigned);
  }
  group.subscriptionSignature = subscriptionSignature(group, topics);
  shard.consumerGroups.set(group.groupId, group);
  // Kafka's createConsumerGroupRecords order: subscriptions, epoch, targets, target epoch, current.
  records.push(...members.map((m) => memberRecord(group.groupId, m)), groupEpochRecord(group.groupId, generation));
  records.push(...members.map((m) => targetMemberRecord(group.groupId, m.memberId, m.assigned)), targetEpochRecord(group.groupId, generation));
  records.push(...members.map((m) => currentAssignmentRecord(group.groupId, m)));
  for (const m of members) scheduleConsumerTimers(shard, group, m, nowMs);
  return group;
}

/** Kafka's validateOnlineDowngradeWithFencedMember. */
function canDowngrade(shard: GroupShard, group: ConsumerGroup, leavingMemberId: string): boolean {
  return group.allMembersUseClassicProtocolExcept(leavingMemberId) && group.members.size > 1 &&
    downgradeEnabled(shard.config) && group.members.size - 1 <= shard.config.maxGroupSize;
}

/**
 * A member leaves or is fenced: the records that remove it, or, when it was the last member
 * speaking the consumer protocol and the policy allows, those that turn the group classic.
 */
export function removeOrDowngrade(shard: GroupShard, group: ConsumerGroup, memberId: string, nowMs: number): CoordinatorRecord[] {
  if (!canDowngrade(shard, group, memberId)) return removeMember(group, memberId);
  return convertToClassicGroup(shard, group, memberId, nowMs);
}

function convertToClassicGroup(shard: GroupShard, group: ConsumerGroup, leavingMemberId: string, nowMs: number): CoordinatorRecord[] {
  const topics = shard.topics();
  const records: CoordinatorRecord[] = [];
  for (const memberId of group.members.keys()) {
    records.push(...memberTombstones(group.groupId, memberId));
    cancelConsumerTimers(shard, group.groupId, memberId);
  }
  records.push(...groupTombstones(group.groupId));
  const classic = new ClassicGroup(group.groupId, nowMs, {
    state: 'Stable', generationId: group.groupEpoch, protocolType: CONSUMER_PROTOCOL_TYPE, protocolName: null,
    leaderId: null, currentStateTimestampMs: nowMs,
  });
  for (const m of group.members.values()) {
    if (m.memberId === leavingMemberId || m.classic === null) continue;
    classic.add(new ClassicGroupMember({
      memberId: m.memberId, groupInstanceId: m.instanceId, clientId: m.clientId, clientHost: m.clientHost,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs, sessionTimeoutMs: m.classic.sessionTimeoutMs,
      protocolType: CONSUMER_PROTOCOL_TYPE, protocols: m.classic.supportedProtocols.map((p) => ({ ...p })),
    }), null);
  }
  classic.protocolName = classic.selectProtocol();
  classic.subscribedTopics = classic.computeSubscribedTopics();
  const assignments = new Map<string, Buffer>();
  for (const m of classic.members.values()) {
    m.assignment = assignmentBytes(group.target(m.memberId), topics, protocolVersion(m.metadata(classic.protocolName)));
    assignments.set(m.memberId, m.assignment);
  }
  records.push(shard.groupRecord(classic, assignments));
  shard.consumerGroups.delete(group.groupId);
  shard.groups.set(classic.groupId, classic);
  for (const m of classic.members.values()) scheduleHeartbeat(shard, classic, m.memberId, m.sessionTimeoutMs, nowMs);
  // The classic leader assigns from now on: every member rejoins.
  prepareRebalance(shard, classic, nowMs);
  return records;
}
