// The classic group coordinator of one broker, sans-IO: one shard per __consumer_offsets partition
// this broker leads, loaded by replaying the partition and unloaded when leadership moves. Time
// arrives as nowMs on every call; records leave through env.append and come back through
// appendCompleted(token, ...); all deadlines are driven by one runtime timer via nextDeadlineMs()
// and tick(nowMs). Requests for groups on partitions it does not lead get NOT_COORDINATOR, and
// COORDINATOR_LOAD_IN_PROGRESS while the partition loads.
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
import { DecodeError } from '../../protocol/primitives/reader.js';
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
import { prepareRebalance, scheduleHeartbeat } from './classic-rebalance.js';
import { heartbeat, leaveGroup, syncGroup } from './classic-sync.js';
import type { GroupCoordinatorConfig } from './config.js';
import { coordinatorPartition } from './coordinator-key.js';
import { deleteGroups, describeError, describeGroup, listGroups } from './group-admin.js';
import { GroupShard, type AppendDone, type ShardEnv, type TxnProducer } from './group-shard.js';
import { consumerGroupHeartbeat } from './consumer-heartbeat.js';
import {
  classicHeartbeatToConsumerGroup, classicJoinToConsumerGroup, classicLeaveToConsumerGroup, classicSyncToConsumerGroup,
} from './consumer-classic-members.js';
import { resumeConsumerGroup } from './consumer-leave.js';
import { consumerCommitError, describeConsumerGroup, listConsumerGroups, takeEmptyConsumerGroup } from './consumer-admin.js';
import { heartbeatError } from './consumer-respond.js';
import { NO_TOPICS, type ConsumerTopicView } from './consumer-target.js';
import { commitErrorResponse, commitOffsets, deleteOffsets, expireOffsets, fetchOffsets, writeCommits } from './offset-ops.js';
import type { CoordinatorRecord } from './records.js';
import { txnCommitErrorResponse, txnCommitOffsets } from './txn-offset-commit.js';

/** Records for the runtime to append to __consumer_offsets-<partition> as one batch. */
export interface CoordinatorAppend {
  token: number;
  partition: number;
  records: CoordinatorRecord[];
  /** A transactional batch of this producer (TxnOffsetCommit); absent for the coordinator's own. */
  txn?: TxnProducer;
}

export interface GroupCoordinatorEnv {
  readonly config: GroupCoordinatorConfig;
  /** A random UUID string (crypto.randomUUID in the node, seeded in the simulator). */
  newUuid(): string;
  /**
   * Append the records, as leader, and once they are committed (or failed) call
   * appendCompleted(token, errorCode, nowMs). Never call it from inside append itself.
   */
  append(append: CoordinatorAppend): void;
  /** The broker's current topics (absent: none), which classic members of consumer groups need. */
  topics?(): ConsumerTopicView;
  /** The earliest deadline changed: call tick(nowMs) at or after deadlineMs (null: none pending). */
  scheduleTick?(deadlineMs: number | null): void;
}

const EXPIRE_OFFSETS_KEY = 'expire-offsets';

export class GroupCoordinator {
  private readonly shards = new Map<number, GroupShard>();
  private readonly appends = new Map<number, { partition: number; done: AppendDone }>();
  private nextToken = 1;
  /** undefined: nothing announced that still stands. */
  private announcedDeadlineMs: number | null | undefined = undefined;
  private readonly shardEnv: ShardEnv;

  constructor(private readonly env: GroupCoordinatorEnv) {
    this.shardEnv = {
      config: env.config,
      newUuid: () => env.newUuid(),
      topics: () => env.topics?.() ?? NO_TOPICS,
      append: (partition, records, done, txn) => {
        const token = this.nextToken++;
        this.appends.set(token, { partition, done });
        env.append(txn ? { token, partition, records, txn } : { token, partition, records });
      },
    };
  }

  partitionFor(groupId: string): number {
    return coordinatorPartition(groupId, this.env.config.numPartitions);
  }

  // --- Lifecycle, driven by the runtime as leadership of __consumer_offsets partitions changes ---

  /** This broker now leads the partition: replay it with replay(), then call completeLoad(). */
  beginLoad(partition: number, nowMs: number): void {
    this.unload(partition, nowMs);
    this.shards.set(partition, new GroupShard(partition, this.shardEnv));
  }

  /**
   * Replays one record in log order; false when the record is malformed and was skipped. Records
   * of a transactional batch name its producer: they wait for the producer's marker.
   */
  replay(partition: number, record: CoordinatorRecord, transactionalProducerId?: number): boolean {
    const shard = this.shards.get(partition);
    if (!shard || shard.status !== 'loading') throw new Error(`partition ${partition} is not loading`);
    try {
      if (transactionalProducerId === undefined) shard.replay(record);
      else shard.replayTransactional(transactionalProducerId, record);
      return true;
    } catch (e) {
      if (e instanceof DecodeError) return false;
      throw e;
    }
  }

  /**
   * A commit or abort marker of the producer is in the partition's log (written through
   * WriteTxnMarkers, or met while loading): its transactional offsets are applied or dropped.
   */
  completeTransaction(partition: number, producerId: number, committed: boolean, nowMs: number): void {
    const shard = this.shards.get(partition);
    if (!shard) return;
    if (shard.status === 'loading') shard.completeTransaction(producerId, committed);
    else this.run(nowMs, () => shard.completeTransaction(producerId, committed));
  }

  /** Loaded groups resume: their members get a fresh session, offset expiry starts. */
  completeLoad(partition: number, nowMs: number): void {
    const shard = this.shards.get(partition);
    if (!shard || shard.status !== 'loading') throw new Error(`partition ${partition} is not loading`);
    this.run(nowMs, () => {
      shard.status = 'active';
      for (const group of shard.groups.values()) {
        for (const m of group.members.values()) scheduleHeartbeat(shard, group, m.memberId, m.sessionTimeoutMs, nowMs);
        // group.max.size may have shrunk; a rebalance lets the surplus members go after committing.
        if (group.size > this.env.config.maxGroupSize) prepareRebalance(shard, group, nowMs);
      }
      for (const group of shard.consumerGroups.values()) resumeConsumerGroup(shard, group, nowMs);
      this.scheduleOffsetExpiry(shard, nowMs);
    });
  }

  /** Leadership moved away: parked requests and unfinished writes are answered NOT_COORDINATOR. */
  unload(partition: number, nowMs: number): void {
    const shard = this.shards.get(partition);
    if (!shard) return;
    this.shards.delete(partition);
    shard.status = 'unloaded';
    for (const group of shard.groups.values()) {
      for (const m of group.members.values()) {
        group.completeJoin(m, joinError(m.memberId, ErrorCode.NOT_COORDINATOR));
        group.completeSync(m, syncError(ErrorCode.NOT_COORDINATOR));
      }
    }
    for (const [token, a] of [...this.appends]) {
      if (a.partition !== partition) continue;
      this.appends.delete(token);
      a.done(ErrorCode.NOT_LEADER_OR_FOLLOWER, nowMs);
    }
    this.announceDeadline();
  }

  // --- Runtime ---

  appendCompleted(token: number, errorCode: number, nowMs: number): void {
    const a = this.appends.get(token);
    if (!a) return;
    this.appends.delete(token);
    this.run(nowMs, () => a.done(errorCode, nowMs));
  }

  nextDeadlineMs(): number | null {
    let next: number | null = null;
    for (const shard of this.shards.values()) {
      const d = shard.timers.nextDeadlineMs();
      if (d !== null && (next === null || d < next)) next = d;
    }
    return next;
  }

  tick(nowMs: number): void {
    // The runtime's timer is spent (it may even have fired early): announce the next deadline again.
    this.announcedDeadlineMs = undefined;
    this.run(nowMs, () => {});
  }

  // --- Requests ---

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

  // --- Internals ---

  /** The shard owning a group id, or the error code telling the client to look elsewhere or wait. */
  private route(groupId: string): GroupShard | number {
    const shard = this.shards.get(this.partitionFor(groupId));
    if (!shard) return ErrorCode.NOT_COORDINATOR;
    return shard.status === 'loading' ? ErrorCode.COORDINATOR_LOAD_IN_PROGRESS : shard;
  }

  /** As route, for the APIs of groups that use the coordinator for membership: they need an id. */
  private routeGroup(groupId: string): GroupShard | number {
    return groupId === '' ? ErrorCode.INVALID_GROUP_ID : this.route(groupId);
  }

  /**
   * Every entry point: deadlines already due fire first, so the operation sees current state, and
   * again after it, so zero-delay timers it set (initial rebalance delay 0) complete in the same call.
   */
  private run<T>(nowMs: number, operation: () => T): T {
    this.expireTimers(nowMs);
    const result = operation();
    this.expireTimers(nowMs);
    this.announceDeadline();
    return result;
  }

  private expireTimers(nowMs: number): void {
    for (const shard of [...this.shards.values()]) if (shard.status === 'active') shard.timers.expire(nowMs);
  }

  private announceDeadline(): void {
    const next = this.nextDeadlineMs();
    if (next === this.announcedDeadlineMs) return;
    this.announcedDeadlineMs = next;
    this.env.scheduleTick?.(next);
  }

  private scheduleOffsetExpiry(shard: GroupShard, nowMs: number): void {
    shard.timers.schedule(EXPIRE_OFFSETS_KEY, nowMs + this.env.config.offsetsRetentionCheckIntervalMs, (t) => {
      expireOffsets(shard, t);
      this.scheduleOffsetExpiry(shard, t);
    });
  }
}
