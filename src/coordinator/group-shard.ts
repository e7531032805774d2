// One coordinator shard: the groups and offsets of one __consumer_offsets partition that this broker
// leads, its timers, and the path by which its records reach the log. The shard is rebuilt by
// replaying the partition at load; afterwards the in-memory groups lead and the log follows
// (group records are written at the points Kafka writes them), while committed offsets change only
// when their records are reported written.
import { ErrorCode } from '../../protocol/errors.js';
import type { GroupMetadataValue } from '../../protocol/generated/data/group-metadata-value.js';
import { EMPTY_BYTES } from '../../protocol/primitives/codec-helpers.js';
import { ClassicGroup } from './classic-group.js';
import { ClassicGroupMember } from './classic-member.js';
import type { ConsumerGroup } from './consumer-group.js';
import { isConsumerGroupRecord, replayConsumerRecord } from './consumer-records.js';
import type { GroupCoordinatorConfig, GroupSettings } from './config.js';
import type { ConsumerTopicView } from './consumer-target.js';
import { OffsetStore, fromRecordValue } from './offset-store.js';
import { decodeRecord, groupMetadataRecord, type CoordinatorRecord } from './records.js';
import { DeadlineTimers } from './timers.js';

/** Called once records are in the log (errorCode NONE) or could not be written. */
import type { AppendDone } from './pending-appends.js';

export type { AppendDone };

/** The producer of a transactional batch (TxnOffsetCommit): its records wait for the marker. */
export interface TxnProducer {
  producerId: number;
  producerEpoch: number;
}

export interface ShardEnv {
  readonly config: GroupCoordinatorConfig;
  /** A random UUID string, the unique part of a member id. */
  newUuid(): string;
  append(partition: number, records: CoordinatorRecord[], done: AppendDone, txn?: TxnProducer): void;
  /** The broker's current topics, for the classic members of consumer groups (names <-> ids). */
  topics(): ConsumerTopicView;
  /** A group's own settings (its group configs, read when needed, so a change applies at once). */
  groupSettings(groupId: string): GroupSettings;
}

export type ShardStatus = 'loading' | 'active' | 'unloaded';

export class GroupShard {
  status: ShardStatus = 'loading';
  readonly groups = new Map<string, ClassicGroup>();
  /** Groups of the consumer group protocol (KIP-848); a group id is in one map or the other. */
  readonly consumerGroups = new Map<string, ConsumerGroup>();
  readonly offsets = new OffsetStore();
  readonly timers = new DeadlineTimers();

  constructor(readonly partition: number, private readonly env: ShardEnv) {}

  get config(): GroupCoordinatorConfig {
    return this.env.config;
  }

  newMemberId(prefix: string): string {
    return `${prefix}-${this.env.newUuid()}`;
  }

  newUuid(): string {
    return this.env.newUuid();
  }

  topics(): ConsumerTopicView {
    return this.env.topics();
  }

  /** The session timeout of a consumer group's members: the group's config, or the broker's. */
  consumerSessionTimeoutMs(groupId: string): number {
    return this.env.groupSettings(groupId).consumerSessionTimeoutMs ?? this.env.config.consumerSessionTimeoutMs;
  }

  /** The heartbeat interval given to a consumer group's members: the group's config, or the broker's. */
  consumerHeartbeatIntervalMs(groupId: string): number {
    return this.env.groupSettings(groupId).consumerHeartbeatIntervalMs ?? this.env.config.consumerHeartbeatIntervalMs;
  }

  getOrCreateGroup(groupId: string, nowMs: number): ClassicGroup {
    let group = this.groups.get(groupId);
    if (!group) this.groups.set(groupId, (group = new ClassicGroup(groupId, nowMs)));
    return group;
  }

  /** Timer actions and append callbacks act only while their group is still the one in the shard. */
  isLive(group: ClassicGroup): boolean {
    return this.status === 'active' && this.groups.get(group.groupId) === group;
  }

  /**
   * Hands records to the runtime. Offset records take effect in the store once written, in log
   * order; `done` then runs with the outcome. A shard that is no longer active writes nothing.
   */
  append(records: CoordinatorRecord[], nowMs: number, done: AppendDone): void {
    if (this.status !== 'active') {
      done(ErrorCode.NOT_LEADER_OR_FOLLOWER, nowMs);
      return;
    }
    this.env.append(this.partition, records, (errorCode, doneMs) => {
      if (errorCode === ErrorCode.NONE && this.status === 'active') for (const r of records) this.applyOffsetRecord(r);
      done(errorCode, doneMs);
    });
  }

  /**
   * Writes TxnOffsetCommit records as one transactional batch of the producer; once written they
   * are pending offsets of its transaction, applied or dropped when its marker arrives.
   */
  appendTransactional(records: CoordinatorRecord[], txn: TxnProducer, nowMs: number, done: AppendDone): void {
    if (this.status !== 'active') {
      done(ErrorCode.NOT_LEADER_OR_FOLLOWER, nowMs);
      return;
    }
    this.env.append(this.partition, records, (errorCode, doneMs) => {
      if (errorCode === ErrorCode.NONE && this.status === 'active') for (const r of records) this.applyTxnOffsetRecord(txn.producerId, r);
      done(errorCode, doneMs);
    }, txn);
  }

  /** A transaction marker of `producerId` was written to this partition (or replayed). */
  completeTransaction(producerId: number, committed: boolean): void {
    this.offsets.completeTxn(producerId, committed);
  }

  /** Replays one record of a transactional batch while loading: pending until its marker. */
  replayTransactional(producerId: number, record: CoordinatorRecord): void {
    this.applyTxnOffsetRecord(producerId, record);
  }

  private applyTxnOffsetRecord(producerId: number, record: CoordinatorRecord): void {
    const d = decodeRecord(record);
    if (d.type !== 'offset' || d.value === null) return;
    this.offsets.putTxnOffset(producerId, d.groupId, d.topic, d.partition, fromRecordValue(d.value));
    if (!this.groups.has(d.groupId) && !this.consumerGroups.has(d.groupId)) this.groups.set(d.groupId, new ClassicGroup(d.groupId, null));
  }

  /** Replays one record of the partition while loading. */
  replay(record: CoordinatorRecord): void {
    if (isConsumerGroupRecord(record)) return replayConsumerRecord(this.consumerGroups, record);
    const d = decodeRecord(record);
    if (d.type === 'offset') {
      if (d.value === null) {
        this.offsets.remove(d.groupId, d.topic, d.partition);
      } else {
        this.offsets.put(d.groupId, d.topic, d.partition, fromRecordValue(d.value));
        // A group that only stores offsets (no JoinGroup) exists through its offsets, as in Kafka.
        if (!this.groups.has(d.groupId) && !this.consumerGroups.has(d.groupId)) this.groups.set(d.groupId, new ClassicGroup(d.groupId, null));
      }
    } else if (d.type === 'group') {
      if (d.value === null) this.groups.delete(d.groupId);
      else this.groups.set(d.groupId, loadGroup(d.groupId, d.value));
    }
  }

  private applyOffsetRecord(record: CoordinatorRecord): void {
    const d = decodeRecord(record);
    if (d.type !== 'offset') return;
    if (d.value === null) this.offsets.remove(d.groupId, d.topic, d.partition);
    else this.offsets.put(d.groupId, d.topic, d.partition, fromRecordValue(d.value));
  }

  /** The group's metadata record: generation, protocol, leader and every member with its assignment. */
  groupRecord(group: ClassicGroup, assignments: ReadonlyMap<string, Buffer>): CoordinatorRecord {
    const value: GroupMetadataValue = {
      protocolType: group.protocolType ?? '',
      generation: group.generationId,
      protocol: group.protocolName,
      leader: group.leaderId,
      currentStateTimestamp: group.currentStateTimestampMs ?? -1,
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeout: m.rebalanceTimeoutMs,
        sessionTimeout: m.sessionTimeoutMs,
        subscription: group.protocolName !== null ? m.metadata(group.protocolName) : EMPTY_BYTES,
        assignment: assignments.get(m.memberId) ?? EMPTY_BYTES,
      })),
    };
    return groupMetadataRecord(group.groupId, value);
  }
}

function loadGroup(groupId: string, value: GroupMetadataValue): ClassicGroup {
  const group = new ClassicGroup(groupId, null, {
    state: value.members.length > 0 ? 'Stable' : 'Empty',
    generationId: value.generation,
    protocolType: value.protocolType === '' ? null : value.protocolType,
    protocolName: value.protocol,
    leaderId: value.leader,
    currentStateTimestampMs: value.currentStateTimestamp === -1 ? null : value.currentStateTimestamp,
  });
  for (const m of value.members) {
    group.add(new ClassicGroupMember({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      clientHost: m.clientHost,
      // Records older than v1 had no rebalance timeout; the session timeout stood in for it.
      rebalanceTimeoutMs: m.rebalanceTimeout === -1 ? m.sessionTimeout : m.rebalanceTimeout,
      sessionTimeoutMs: m.sessionTimeout,
      protocolType: value.protocolType,
      protocols: [{ name: value.protocol ?? '', metadata: m.subscription }],
      assignment: m.assignment,
    }), null);
  }
  group.subscribedTopics = group.computeSubscribedTopics();
  return group;
}
