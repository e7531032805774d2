// What the group and offset handlers see of the group coordinator (BrokerServices.groups). Requests
// that wait on a rebalance or on the log return promises; the rest answer at once. Version-specific
// behaviour inside the coordinator keys off ctx.apiVersion; the handlers shape the wire responses.
import type { DeletableGroupResult } from '../../protocol/generated/api/42-delete-groups.js';
import type { DescribedGroup } from '../../protocol/generated/api/15-describe-groups.js';
import type { HeartbeatRequest, HeartbeatResponse } from '../../protocol/generated/api/12-heartbeat.js';
import type { JoinGroupRequest, JoinGroupResponse } from '../../protocol/generated/api/11-join-group.js';
import type { LeaveGroupRequest, MemberResponse } from '../../protocol/generated/api/13-leave-group.js';
import type { ListedGroup } from '../../protocol/generated/api/16-list-groups.js';
import type { OffsetCommitRequest, OffsetCommitResponse } from '../../protocol/generated/api/08-offset-commit.js';
import type { OffsetDeleteRequest, OffsetDeleteResponse } from '../../protocol/generated/api/47-offset-delete.js';
import type { OffsetFetchResponseTopics } from '../../protocol/generated/api/09-offset-fetch.js';
import type { SyncGroupRequest, SyncGroupResponse } from '../../protocol/generated/api/14-sync-group.js';
import type { TxnOffsetCommitRequest, TxnOffsetCommitResponse } from '../../protocol/generated/api/28-txn-offset-commit.js';
import type {
  ConsumerGroupHeartbeatRequest, ConsumerGroupHeartbeatResponse,
} from '../../protocol/generated/api/68-consumer-group-heartbeat.js';
import type { DescribedGroup as ConsumerDescribedGroup } from '../../protocol/generated/api/69-consumer-group-describe.js';
import type { ConsumerTopicView } from './consumer-target.js';
import type { GroupCoordinator } from './group-coordinator.js';

export interface GroupRequestContext {
  /** The broker clock at the request. */
  nowMs: number;
  apiVersion: number;
  clientId: string;
  /** The client's address as Kafka shows it in DescribeGroups ("/127.0.0.1"). */
  clientHost: string;
}

/** What every handler has at hand. */
export interface HandlerView {
  header: { clientId: string | null };
  version: number;
  services: { nowMs(): number };
  clientHost: string;
}

export function groupRequestContext(ctx: HandlerView): GroupRequestContext {
  return { nowMs: ctx.services.nowMs(), apiVersion: ctx.version, clientId: ctx.header.clientId ?? '', clientHost: ctx.clientHost };
}

export interface OffsetFetchGroupRequest {
  groupId: string;
  /** null: every partition the group has an offset for. */
  topics: { name: string; partitionIndexes: number[] }[] | null;
  /** OffsetFetch v9: the fetching member of a consumer group (null and -1: none). */
  memberId?: string | null;
  memberEpoch?: number;
}

/** The same shape serves OffsetFetch v0-v7 (single group) and v8+ (groups). */
export type OffsetFetchTopicResult = OffsetFetchResponseTopics;

export interface OffsetFetchGroupResult {
  groupId: string;
  errorCode: number;
  topics: OffsetFetchTopicResult[];
}

export interface LeaveGroupResult {
  errorCode: number;
  members: MemberResponse[];
}

export interface ListGroupsResult {
  errorCode: number;
  groups: ListedGroup[];
}

export interface GroupCoordinatorAccess {
  joinGroup(req: JoinGroupRequest, ctx: GroupRequestContext): Promise<JoinGroupResponse>;
  syncGroup(req: SyncGroupRequest, ctx: GroupRequestContext): Promise<SyncGroupResponse>;
  heartbeat(req: HeartbeatRequest, ctx: GroupRequestContext): HeartbeatResponse;
  /** `req.members` holds every leaving member (the handler folds v0-v2's single member_id in). */
  leaveGroup(req: LeaveGroupRequest, ctx: GroupRequestContext): LeaveGroupResult;
  commitOffsets(req: OffsetCommitRequest, ctx: GroupRequestContext): Promise<OffsetCommitResponse>;
  fetchOffsets(groups: OffsetFetchGroupRequest[], requireStable: boolean, ctx: GroupRequestContext): OffsetFetchGroupResult[];
  txnCommitOffsets(req: TxnOffsetCommitRequest, ctx: GroupRequestContext): Promise<TxnOffsetCommitResponse>;
  /**
   * A transaction marker was appended to __consumer_offsets-<partition> on this broker (the
   * WriteTxnMarkers handler calls this after the append): the producer's pending offsets there are
   * applied (commit) or dropped (abort), as Kafka's onTransactionCompleted does.
   */
  completeTransaction(partition: number, producerId: number, committed: boolean, nowMs: number): void;
  deleteOffsets(req: OffsetDeleteRequest, ctx: GroupRequestContext): Promise<OffsetDeleteResponse>;
  describeGroups(groupIds: string[], ctx: GroupRequestContext): DescribedGroup[];
  listGroups(statesFilter: string[], typesFilter: string[], ctx: GroupRequestContext): ListGroupsResult;
  deleteGroups(groupIds: string[], ctx: GroupRequestContext): Promise<DeletableGroupResult[]>;
  consumerGroupHeartbeat(req: ConsumerGroupHeartbeatRequest, ctx: GroupRequestContext, topics: ConsumerTopicView): Promise<ConsumerGroupHeartbeatResponse>;
  consumerGroupDescribe(groupIds: string[], ctx: GroupRequestContext, topicName: (topicId: string) => string): ConsumerDescribedGroup[];
}

/** Promise-returning view of the callback-driven coordinator, for the handlers. */
export function groupCoordinatorAccess(coordinator: GroupCoordinator): GroupCoordinatorAccess {
  return {
    joinGroup: (req, ctx) => new Promise((resolve) => coordinator.joinGroup(req, ctx, resolve)),
    syncGroup: (req, ctx) => new Promise((resolve) => coordinator.syncGroup(req, ctx, resolve)),
    heartbeat: (req, ctx) => coordinator.heartbeat(req, ctx),
    leaveGroup: (req, ctx) => coordinator.leaveGroup(req, ctx),
    commitOffsets: (req, ctx) => new Promise((resolve) => coordinator.commitOffsets(req, ctx, resolve)),
    fetchOffsets: (groups, requireStable, ctx) => coordinator.fetchOffsets(groups, requireStable, ctx),
    txnCommitOffsets: (req, ctx) => new Promise((resolve) => coordinator.txnCommitOffsets(req, ctx, resolve)),
    completeTransaction: (partition, producerId, committed, nowMs) => coordinator.completeTransaction(partition, producerId, committed, nowMs),
    deleteOffsets: (req, ctx) => new Promise((resolve) => coordinator.deleteOffsets(req, ctx, resolve)),
    describeGroups: (groupIds, ctx) => coordinator.describeGroups(groupIds, ctx),
    listGroups: (statesFilter, typesFilter, ctx) => coordinator.listGroups(statesFilter, typesFilter, ctx),
    deleteGroups: (groupIds, ctx) => new Promise((resolve) => coordinator.deleteGroups(groupIds, ctx, resolve)),
    consumerGroupHeartbeat: (req, ctx, topics) => new Promise((resolve) => coordinator.consumerGroupHeartbeat(req, ctx, topics, resolve)),
    consumerGroupDescribe: (groupIds, ctx, topicName) => coordinator.consumerGroupDescribe(groupIds, ctx, topicName),
  };
}
