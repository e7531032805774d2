// The group coordinator's requests: each group API is routed to the shard that owns the group
// (CoordinatorShards: lifecycle, appends, timers), and within it to the classic or consumer group
// path by the kind of group the id names. Requests for groups on partitions this broker does not
// lead get NOT_COORDINATOR, and COORDINATOR_LOAD_IN_PROGRESS while the partition loads.
import { ErrorCode } from '../../protocol/errors.js';
import type { DeletableGroupResult } from '../../protocol/generated/api/42-delete-groups.js';
import type { DescribedGroup } from '../../protocol/generated/api/15-describe-groups.js';
import type { HeartbeatRequest, HeartbeatResponse } from '../../protocol/generated/api/12-heartbeat.js';
import type { JoinGroupRequest } from '../../protocol/generated/api/11-join-group.js';
import type { LeaveGroupRequest } from '../../protocol/generated/api/13-leave-group.js';
import type { OffsetCommitRequest, OffsetCommitResponse } from '../../protocol/generated/api/08-offset-commit.js';
import type { OffsetDeleteRequest, OffsetDeleteResponse } from '../../protocol/generated/api/47-offset-delete.js';
import type { SyncGroupRequest } from '../../protocol/generated/api/14-sync-group.js';
import type { TxnOffsetCommitRequest, TxnOffsetCommitResponse } from '../../protocol/generated/api/28-txn-offset-commit.js';
import type {
  ConsumerGroupHeartbeatRequest, ConsumerGroupHeartbeatResponse,
} from '../../protocol/generated/api/68-consumer-group-heartbeat.js';
import type { DescribedGroup as ConsumerDescribedGroup } from '../../protocol/generated/api/69-consumer-group-describe.js';
import type {
  GroupRequestContext, LeaveGroupResult, ListGroupsResult, OffsetFetchGroupRequest, OffsetFetchGroupResult,
} from './access.js';
import { joinError, syncError } from './classic-group.js';
import { joinGroup } from './classic-join.js';
import type { JoinResponder, SyncResponder } from './classic-member.js';
import { heartbeat, leaveGroup, syncGroup } from './classic-sync.js';
import {
  classicHeartbeatToConsumerGroup, classicJoinToConsumerGroup, classicLeaveToConsumerGroup, classicSyncToConsumerGroup,
} from './consumer-classic-members.js';
import { consumerCommitError, consumerFetchError, describeConsumerGroup, listConsumerGroups, takeEmptyConsumerGroup } from './consumer-admin.js';
import { consumerGroupHeartbeat } from './consumer-heartbeat.js';
import { heartbeatError } from './consumer-respond.js';
import type { ConsumerTopicView } from './consumer-target.js';
import { CoordinatorShards } from './coordinator-shards.js';
import { deleteGroups, describeError, describeGroup, listGroups } from './group-admin.js';
import type { GroupShard } from './group-shard.js';
import { commitErrorResponse, commitOffsets, deleteOffsets, fetchOffsets, writeCommits } from './offset-ops.js';
import { txnCommitErrorResponse, txnCommitOffsets } from './txn-offset-commit.js';

export type { CoordinatorAppend, GroupCoordinatorEnv } from './coordinator-shards.js';

/** The group APIs, routed to the shard that owns the group (coordinator-shards.ts). */
export class GroupCoordinator extends CoordinatorShards {
  joinGroup(req: JoinGroupRequest, ctx: GroupRequestContext, respond: JoinResponder): void {
    this.run(ctx.nowMs, () => {
      const shard = this.routeGroup(req.groupId);
      if (typeof shard === 'number') return respond(joinError(req.memberId, shard));
      // A consumer group with members takes classic members in; an empty one becomes classic.
      const consumer = shard.consumerGroups.get(req.groupId);
      if (consumer && consumer.members.size > 0) return classicJoinToConsumerGroup(shard, consumer, req, ctx, respond);
      takeEmptyConsumerGroup(shard, req.groupId, ctx.nowMs);
      joinGroup(shard, req, ctx, respond);
    });
  }

  syncGroup(req: SyncGroupRequest, ctx: GroupRequestContext, respond: SyncResponder): void {
    this.run(ctx.nowMs, () => {
      const shard = this.routeGroup(req.groupId);
      // A reloading coordinator has lost the rebalance in flight; REBALANCE_IN_PROGRESS sends the
      // member back to JoinGroup, which older clients understand where a load error they do not.
      if (shard === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS) respond(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      else if (typeof shard === 'number') respond(syncError(shard));
      else if (shard.consumerGroups.has(req.groupId)) classicSyncToConsumerGroup(shard, shard.consumerGroups.get(req.groupId)!, req, ctx, respond);
      else syncGroup(shard, req, ctx, respond);
    });
  }

  heartbeat(req: HeartbeatRequest, ctx: GroupRequestContext): HeartbeatResponse {
    return this.run(ctx.nowMs, () => {
      const shard = this.routeGroup(req.groupId);
      // While loading, the member is answered as alive; its session restarts when the load ends.
      if (shard === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS) return { throttleTimeMs: 0, errorCode: ErrorCode.NONE };
      if (typeof shard === 'number') return { throttleTimeMs: 0, errorCode: shard };
      const consumer = shard.consumerGroups.get(req.groupId);
      return consumer ? classicHeartbeatToConsumerGroup(shard, consumer, req, ctx) : heartbeat(shard, req, ctx);
    });
  }

  leaveGroup(req: LeaveGroupRequest, ctx: GroupRequestContext): LeaveGroupResult {
    return this.run(ctx.nowMs, () => {
      const shard = this.routeGroup(req.groupId);
      if (typeof shard === 'number') return { errorCode: shard, members: [] };
      const consumer = shard.consumerGroups.get(req.groupId);
      return consumer ? classicLeaveToConsumerGroup(shard, consumer, req, ctx) : leaveGroup(shard, req, ctx);
    });
  }

  /** The empty group id is accepted, as Kafka keeps it for old clients. */
  commitOffsets(req: OffsetCommitRequest, ctx: GroupRequestContext, respond: (res: OffsetCommitResponse) => void): void {
    this.run(ctx.nowMs, () => {
      const shard = this.route(req.groupId);
      if (typeof shard === 'number') return respond(commitErrorResponse(req, shard));
      const consumerError = consumerCommitError(shard, req.groupId, req.memberId, req.generationIdOrMemberEpoch, ctx.apiVersion);
      if (consumerError === null) commitOffsets(shard, req, ctx, respond);
      else if (consumerError === ErrorCode.NONE) writeCommits(shard, req, ctx.nowMs, respond);
      else respond(commitErrorResponse(req, consumerError));
    });
  }

  /** TxnOffsetCommit (v0-v4): offsets of an open transaction, visible once it commits. */
  txnCommitOffsets(req: TxnOffsetCommitRequest, ctx: GroupRequestContext, respond: (res: TxnOffsetCommitResponse) => void): void {
    this.run(ctx.nowMs, () => {
      const shard = this.routeGroup(req.groupId);
      if (typeof shard === 'number') respond(txnCommitErrorResponse(req, shard));
      else txnCommitOffsets(shard, req, ctx.nowMs, respond);
    });
  }

  fetchOffsets(groups: OffsetFetchGroupRequest[], requireStable: boolean, ctx: GroupRequestContext): OffsetFetchGroupResult[] {
    return this.run(ctx.nowMs, () => groups.map((g) => {
      const shard = this.route(g.groupId);
      if (typeof shard === 'number') return { groupId: g.groupId, errorCode: shard, topics: [] };
      const memberError = consumerFetchError(shard, g.groupId, g.memberId ?? null, g.memberEpoch ?? -1);
      if (memberError !== ErrorCode.NONE) return { groupId: g.groupId, errorCode: memberError, topics: [] };
      return { groupId: g.groupId, errorCode: ErrorCode.NONE, topics: fetchOffsets(shard, g.groupId, g.topics, requireStable) };
    }));
  }

  deleteOffsets(req: OffsetDeleteRequest, ctx: GroupRequestContext, respond: (res: OffsetDeleteResponse) => void): void {
    this.run(ctx.nowMs, () => {
      const shard = this.routeGroup(req.groupId);
      if (typeof shard === 'number') respond({ errorCode: shard, throttleTimeMs: 0, topics: [] });
      else deleteOffsets(shard, req, ctx.nowMs, respond);
    });
  }

  describeGroups(groupIds: string[], ctx: GroupRequestContext): DescribedGroup[] {
    return this.run(ctx.nowMs, () => groupIds.map((groupId) => {
      const shard = this.route(groupId);
      return typeof shard === 'number' ? describeError(groupId, shard) : describeGroup(shard, groupId);
    }));
  }

  /** ConsumerGroupHeartbeat (KIP-848); `topics` is the broker's current view of the topics. */
  consumerGroupHeartbeat(req: ConsumerGroupHeartbeatRequest, ctx: GroupRequestContext, topics: ConsumerTopicView,
    respond: (res: ConsumerGroupHeartbeatResponse) => void): void {
    this.run(ctx.nowMs, () => {
      const shard = this.route(req.groupId);
      if (typeof shard === 'number') respond(heartbeatError(shard));
      else consumerGroupHeartbeat(shard, req, ctx, topics, respond);
    });
  }

  consumerGroupDescribe(groupIds: string[], ctx: GroupRequestContext, topicName: (topicId: string) => string): ConsumerDescribedGroup[] {
    return this.run(ctx.nowMs, () => groupIds.map((groupId) => describeConsumerGroup(this.route(groupId), groupId, topicName)));
  }

  /** Groups of every loaded shard; COORDINATOR_LOAD_IN_PROGRESS while any shard still loads. */
  listGroups(statesFilter: string[], typesFilter: string[], ctx: GroupRequestContext): ListGroupsResult {
    return this.run(ctx.nowMs, () => {
      const result: ListGroupsResult = { errorCode: ErrorCode.NONE, groups: [] };
      for (const shard of this.shards.values()) {
        if (shard.status === 'loading') result.errorCode = ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
        else result.groups.push(...listGroups(shard, statesFilter, typesFilter), ...listConsumerGroups(shard, statesFilter, typesFilter));
      }
      return result;
    });
  }

  deleteGroups(groupIds: string[], ctx: GroupRequestContext, respond: (results: DeletableGroupResult[]) => void): void {
    this.run(ctx.nowMs, () => {
      const ids = [...new Set(groupIds)];
      const results = new Map<string, DeletableGroupResult>();
      const byShard = new Map<GroupShard, string[]>();
      for (const groupId of ids) {
        const shard = this.route(groupId);
        if (typeof shard === 'number') results.set(groupId, { groupId, errorCode: shard });
        else byShard.set(shard, [...(byShard.get(shard) ?? []), groupId]);
      }
      let outstanding = byShard.size;
      const finish = (): void => respond(ids.map((id) => results.get(id)!));
      if (outstanding === 0) return finish();
      for (const [shard, shardIds] of byShard) {
        deleteGroups(shard, shardIds, ctx.nowMs, (shardResults) => {
          for (const r of shardResults) results.set(r.groupId, r);
          if (--outstanding === 0) finish();
        });
      }
    });
  }
}
