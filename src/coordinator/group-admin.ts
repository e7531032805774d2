// DescribeGroups, ListGroups and DeleteGroups on one shard.
import { ErrorCode } from '../../protocol/errors.js';
import type { DeletableGroupResult } from '../../protocol/generated/api/42-delete-groups.js';
import type { DescribedGroup } from '../../protocol/generated/api/15-describe-groups.js';
import type { ListedGroup } from '../../protocol/generated/api/16-list-groups.js';
import { EMPTY_BYTES } from '../../protocol/primitives/codec-helpers.js';
import { appendErrorToResponse } from './classic-rebalance.js';
import { deleteConsumerGroup } from './consumer-admin.js';
import type { GroupShard } from './group-shard.js';
import { groupTombstone, offsetTombstone, type CoordinatorRecord } from './records.js';

export const CLASSIC_GROUP_TYPE = 'classic';
/** Kafka's value for authorized operations that were not asked for; the handler fills them in. */
export const OPERATIONS_NOT_REQUESTED = -2147483648;

export function describeError(groupId: string, errorCode: number): DescribedGroup {
  return {
    errorCode, groupId, groupState: '', protocolType: '', protocolData: '', members: [], authorizedOperations: OPERATIONS_NOT_REQUESTED,
  };
}

/** Member metadata and the protocol name only mean something once the group is Stable. */
export function describeGroup(shard: GroupShard, groupId: string): DescribedGroup {
  const group = shard.groups.get(groupId);
  if (!group) return { ...describeError(groupId, ErrorCode.NONE), groupState: 'Dead' };
  const stable = group.state === 'Stable' && group.protocolName !== null;
  return {
    errorCode: ErrorCode.NONE,
    groupId,
    groupState: group.state,
    protocolType: group.protocolType ?? '',
    protocolData: stable ? group.protocolName! : '',
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      memberMetadata: stable ? m.metadata(group.protocolName!) : EMPTY_BYTES,
      memberAssignment: m.assignment,
    })),
    authorizedOperations: OPERATIONS_NOT_REQUESTED,
  };
}

/** Filters compare without regard to case, as Kafka does; an empty filter admits everything. */
export function listGroups(shard: GroupShard, statesFilter: readonly string[], typesFilter: readonly string[]): ListedGroup[] {
  const states = new Set(statesFilter.map((s) => s.toLowerCase()));
  const types = new Set(typesFilter.map((s) => s.toLowerCase()));
  if (types.size > 0 && !types.has(CLASSIC_GROUP_TYPE)) return [];
  const out: ListedGroup[] = [];
  for (const g of shard.groups.values()) {
    if (states.size > 0 && !states.has(g.state.toLowerCase())) continue;
    out.push({ groupId: g.groupId, protocolType: g.protocolType ?? '', groupState: g.state, groupType: CLASSIC_GROUP_TYPE });
  }
  return out;
}

/**
 * Deletes Empty groups with all their offsets: the groups leave memory at once (a JoinGroup after
 * this starts a new group), the tombstones are answered for once written.
 */
export function deleteGroups(shard: GroupShard, groupIds: readonly string[], nowMs: number,
  respond: (results: DeletableGroupResult[]) => void): void {
  const records: CoordinatorRecord[] = [];
  const results = groupIds.map((groupId): DeletableGroupResult => {
    if (shard.consumerGroups.has(groupId)) return { groupId, errorCode: deleteConsumerGroup(shard, groupId, records) };
    const group = shard.groups.get(groupId);
    if (!group || group.state === 'Dead') return { groupId, errorCode: ErrorCode.GROUP_ID_NOT_FOUND };
    if (group.state !== 'Empty') return { groupId, errorCode: ErrorCode.NON_EMPTY_GROUP };
    for (const [topic, partition] of shard.offsets.offsetKeys(groupId)) records.push(offsetTombstone(groupId, topic, partition));
    records.push(groupTombstone(groupId));
    group.transitionTo('Dead', nowMs);
    shard.groups.delete(groupId);
    shard.offsets.removeGroup(groupId);
    return { groupId, errorCode: ErrorCode.NONE };
  });
  if (records.length === 0) {
    respond(results);
    return;
  }
  shard.append(records, nowMs, (errorCode) => {
    if (errorCode !== ErrorCode.NONE) {
      const mapped = appendErrorToResponse(errorCode);
      for (const r of results) if (r.errorCode === ErrorCode.NONE) r.errorCode = mapped;
    }
    respond(results);
  });
}
