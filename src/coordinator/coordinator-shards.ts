// The shards of the group coordinator of one broker, sans-IO: one GroupShard per __consumer_offsets
// partition this broker leads, loaded by replaying the partition and unloaded when leadership
// moves. Time arrives as nowMs on every call; records leave through env.append and come back
// through appendCompleted(token, ...); all deadlines are driven by one runtime timer via
// nextDeadlineMs() and tick(nowMs). GroupCoordinator adds the requests on top of this.
import { ErrorCode } from '../../protocol/errors.js';
import { DecodeError } from '../../protocol/primitives/reader.js';
import { joinError, syncError } from './classic-group.js';
import { prepareRebalance, scheduleHeartbeat } from './classic-rebalance.js';
import type { GroupCoordinatorConfig, GroupSettings } from './config.js';
import { coordinatorPartition } from './coordinator-key.js';
import { resumeConsumerGroup } from './consumer-leave.js';
import { NO_TOPICS, type ConsumerTopicView } from './consumer-target.js';
import { GroupShard, type ShardEnv, type TxnProducer } from './group-shard.js';
import { PendingAppends } from './pending-appends.js';
import { expireOffsets } from './offset-ops.js';
import type { CoordinatorRecord } from './records.js';

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
  /** A group's own settings (its group configs); absent: the broker's for every group. */
  groupSettings?(groupId: string): GroupSettings;
  /** The earliest deadline changed: call tick(nowMs) at or after deadlineMs (null: none pending). */
  scheduleTick?(deadlineMs: number | null): void;
}

const EXPIRE_OFFSETS_KEY = 'expire-offsets';
const NO_SETTINGS: GroupSettings = {};

export class CoordinatorShards {
  protected readonly shards = new Map<number, GroupShard>();
  private readonly appends = new PendingAppends();
  /** undefined: nothing announced that still stands. */
  private announcedDeadlineMs: number | null | undefined = undefined;
  private readonly shardEnv: ShardEnv;

  constructor(protected readonly env: GroupCoordinatorEnv) {
    this.shardEnv = {
      config: env.config,
      newUuid: () => env.newUuid(),
      topics: () => env.topics?.() ?? NO_TOPICS,
      groupSettings: (groupId) => env.groupSettings?.(groupId) ?? NO_SETTINGS,
      append: (partition, records, done, txn) => {
        const token = this.appends.add(partition, done);
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
    this.appends.failPartition(partition, nowMs);
    this.announceDeadline();
  }

  // --- Runtime ---

  appendCompleted(token: number, errorCode: number, nowMs: number): void {
    const done = this.appends.take(token);
    if (done) this.run(nowMs, () => done(errorCode, nowMs));
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

  // --- Internals ---

  /** The shard owning a group id, or the error code telling the client to look elsewhere or wait. */
  protected route(groupId: string): GroupShard | number {
    const shard = this.shards.get(this.partitionFor(groupId));
    if (!shard) return ErrorCode.NOT_COORDINATOR;
    return shard.status === 'loading' ? ErrorCode.COORDINATOR_LOAD_IN_PROGRESS : shard;
  }

  /** As route, for the APIs of groups that use the coordinator for membership: they need an id. */
  protected routeGroup(groupId: string): GroupShard | number {
    return groupId === '' ? ErrorCode.INVALID_GROUP_ID : this.route(groupId);
  }

  /**
   * Every entry point: deadlines already due fire first, so the operation sees current state, and
   * again after it, so zero-delay timers it set (initial rebalance delay 0) complete in the same call.
   */
  protected run<T>(nowMs: number, operation: () => T): T {
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

