// Consumer groups (KIP-848) seen from the group APIs they share with classic groups: OffsetCommit
// and OffsetFetch v9 check the member epoch (Kafka's ConsumerGroup.validateOffsetCommit and
// validateOffsetFetch), ListGroups reports type
// "consumer", ConsumerGroupDescribe describes them, and JoinGroup converts an empty one to classic.
import { ErrorCode } from '../../protocol/errors.js';
import type { ListedGroup } from '../../protocol/generated/api/16-list-groups.js';
import type { DescribedGroup, TopicPartitions } from '../../protocol/generated/api/69-consumer-group-describe.js';
import type { Assignment } from './consumer-assignment.js';
import { groupTombstones } from './consumer-records.js';
import { OPERATIONS_NOT_REQUESTED } from './group-admin.js';
import type { GroupShard } from './group-shard.js';
import { offsetTombstone, type CoordinatorRecord } from './records.js';

export const CONSUMER_GROUP_TYPE = 'consumer';
const CONSUMER_PROTOCOL_TYPE = 'consumer';
/** Members using the consumer protocol must commit with OffsetCommit v9+ (member epoch semantics). */
const MEMBER_EPOCH_COMMIT_VERSION = 9;

/**
 * null: not a consumer group (the classic path decides). NONE: commit it. Else the error:
 * an empty group takes commits from anyone (admin tools, manual assignment); otherwise the
 * member must exist and commit at its current epoch (STALE_MEMBER_EPOCH when behind).
 * `apiVersion` null: a transactional commit, which any TxnOffsetCommit version may make.
 */
export function consumerCommitError(shard: GroupShard, groupId: string, memberId: string, memberEpoch: number,
  apiVersion: number | null): number | null {
  const group = shard.consumerGroups.get(groupId);
  if (!group) return null;
  if (memberEpoch < 0 && group.members.size === 0) return ErrorCode.NONE;
  const member = group.members.get(memberId);
  if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
  // Classic members commit with their generation, which is their member epoch (any version).
  if (member.classic !== null) return memberEpoch === member.memberEpoch ? ErrorCode.NONE : ErrorCode.ILLEGAL_GENERATION;
  if (apiVersion !== null && apiVersion < MEMBER_EPOCH_COMMIT_VERSION) return ErrorCode.UNSUPPORTED_VERSION;
  if (memberEpoch > member.memberEpoch) return ErrorCode.FENCED_MEMBER_EPOCH;
  if (memberEpoch < member.memberEpoch) return ErrorCode.STALE_MEMBER_EPOCH;
  return ErrorCode.NONE;
}

/**
 * OffsetFetch v9+ (Kafka's ConsumerGroup.validateOffsetFetch): NONE, or the group's error. Only a
 * consumer group checks; a fetch without a member (an admin's, an older version's: no id, epoch
 * -1) is taken; otherwise the member must exist and fetch at its current epoch (a classic
 * member's generation).
 */
export function consumerFetchError(shard: GroupShard, groupId: string, memberId: string | null, memberEpoch: number): number {
  const group = shard.consumerGroups.get(groupId);
  if (!group || (memberId === null && memberEpoch < 0)) return ErrorCode.NONE;
  const member = memberId === null ? undefined : group.members.get(memberId);
  if (!member) return ErrorCode.UNKNOWN_MEMBER_ID;
  if (memberEpoch === member.memberEpoch) return ErrorCode.NONE;
  return member.classic !== null ? ErrorCode.ILLEGAL_GENERATION : ErrorCode.STALE_MEMBER_EPOCH;
}

/**
 * Before a classic JoinGroup: true when the id is free for a classic group. An empty consumer group
 * is removed (its offsets stay); false while it has members (they take classic members in).
 */
export function takeEmptyConsumerGroup(shard: GroupShard, groupId: string, nowMs: number): boolean {
  const group = shard.consumerGroups.get(groupId);
  if (!group) return true;
  if (group.members.size > 0) return false;
  shard.consumerGroups.delete(groupId);
  shard.append(groupTombstones(groupId), nowMs, () => {});
  return true;
}

/** DeleteGroups on a consumer group: only an empty one goes, with its offsets (NON_EMPTY_GROUP otherwise). */
export function deleteConsumerGroup(shard: GroupShard, groupId: string, records: CoordinatorRecord[]): number {
  const group = shard.consumerGroups.get(groupId)!;
  if (group.members.size > 0) return ErrorCode.NON_EMPTY_GROUP;
  for (const [topic, partition] of shard.offsets.offsetKeys(groupId)) records.push(offsetTombstone(groupId, topic, partition));
  records.push(...groupTombstones(groupId));
  shard.consumerGroups.delete(groupId);
  shard.offsets.removeGroup(groupId);
  return ErrorCode.NONE;
}

export function listConsumerGroups(shard: GroupShard, statesFilter: readonly string[], typesFilter: readonly string[]): ListedGroup[] {
  const states = new Set(statesFilter.map((s) => s.toLowerCase()));
  const types = new Set(typesFilter.map((s) => s.toLowerCase()));
  if (types.size > 0 && !types.has(CONSUMER_GROUP_TYPE)) return [];
  return [...shard.consumerGroups.values()]
    .filter((g) => states.size === 0 || states.has(g.state.toLowerCase()))
    .map((g) => ({ groupId: g.groupId, protocolType: CONSUMER_PROTOCOL_TYPE, groupState: g.state, groupType: CONSUMER_GROUP_TYPE }));
}

/** `shard`: the owning shard, or the routing error. A classic or unknown group is GROUP_ID_NOT_FOUND, as Kafka. */
export function describeConsumerGroup(shard: GroupShard | number, groupId: string, topicName: (topicId: string) => string): DescribedGroup {
  const base: DescribedGroup = {
    errorCode: ErrorCode.NONE, errorMessage: null, groupId, groupState: '', groupEpoch: -1, assignmentEpoch: -1,
    assignorName: '', members: [], authorizedOperations: OPERATIONS_NOT_REQUESTED,
  };
  if (typeof shard === 'number') return { ...base, errorCode: shard };
  const group = shard.consumerGroups.get(groupId);
  if (!group) return { ...base, errorCode: ErrorCode.GROUP_ID_NOT_FOUND, errorMessage: `Group ${groupId} not found.` };
  const wire = (a: Assignment): { topicPartitions: TopicPartitions[] } => ({
    topicPartitions: [...a].map(([topicId, partitions]) => ({ topicId, topicName: topicName(topicId), partitions: [...partitions] })),
  });
  return {
    ...base,
    groupState: group.state,
    groupEpoch: group.groupEpoch,
    assignmentEpoch: group.assignmentEpoch,
    assignorName: group.preferredAssignor(shard.config.consumerAssignors[0]!),
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId, instanceId: m.instanceId, rackId: m.rackId, memberEpoch: m.memberEpoch, clientId: m.clientId,
      clientHost: m.clientHost, subscribedTopicNames: [...m.subscribedTopicNames], subscribedTopicRegex: m.subscribedTopicRegex,
      assignment: wire(m.assigned), targetAssignment: wire(group.target(m.memberId)),
    })),
  };
}
