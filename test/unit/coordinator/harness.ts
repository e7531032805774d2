// A virtual-clock driver for the group coordinator: appends are held until the test completes them
// (and then kept as the partition's log, for restart tests), time moves only through advance().
import { ErrorCode } from '../../../protocol/errors.js';
import type { HeartbeatResponse } from '../../../protocol/generated/api/12-heartbeat.js';
import type { JoinGroupRequest, JoinGroupResponse } from '../../../protocol/generated/api/11-join-group.js';
import type { OffsetCommitRequest, OffsetCommitResponse } from '../../../protocol/generated/api/08-offset-commit.js';
import type { SyncGroupRequest, SyncGroupResponse } from '../../../protocol/generated/api/14-sync-group.js';
import { writeConsumerProtocolSubscription } from '../../../protocol/generated/data/consumer-protocol-subscription.js';
import { Writer } from '../../../protocol/primitives/writer.js';
import type { GroupRequestContext } from '../../../src/coordinator/access.js';
import type { GroupCoordinatorConfig } from '../../../src/coordinator/config.js';
import { NO_TOPICS, type ConsumerTopicView } from '../../../src/coordinator/consumer-target.js';
import { GroupCoordinator, type CoordinatorAppend } from '../../../src/coordinator/group-coordinator.js';
import type { CoordinatorRecord } from '../../../src/coordinator/records.js';

export const TEST_CONFIG: GroupCoordinatorConfig = {
  numPartitions: 1,
  minSessionTimeoutMs: 1_000,
  maxSessionTimeoutMs: 300_000,
  initialRebalanceDelayMs: 0,
  maxGroupSize: 1_000,
  offsetsRetentionMs: 7 * 24 * 3_600_000,
  offsetsRetentionCheckIntervalMs: 600_000,
  offsetMetadataMaxBytes: 4096,
  newMemberJoinTimeoutMs: 300_000,
  consumerHeartbeatIntervalMs: 5_000,
  consumerSessionTimeoutMs: 45_000,
  consumerAssignors: ['uniform', 'range'],
  consumerMaxSize: 1_000,
  consumerMigrationPolicy: 'bidirectional',
};

/** A JoinGroup or SyncGroup answer that may still be parked. */
export interface Pending<T> {
  value: T | undefined;
  calls: number;
}

export class Harness {
  nowMs = 1_000_000;
  readonly pending: CoordinatorAppend[] = [];
  /** Records written per partition, in log order. */
  readonly log = new Map<number, CoordinatorRecord[]>();
  readonly coordinator: GroupCoordinator;
  private uuid = 0;
  /** The topics the coordinator sees (classic members of consumer groups need them). */
  topics: ConsumerTopicView = NO_TOPICS;

  constructor(readonly config: GroupCoordinatorConfig = TEST_CONFIG, loaded: number[] = [0]) {
    this.coordinator = new GroupCoordinator({
      config,
      newUuid: () => `uuid${++this.uuid}`,
      append: (a) => this.pending.push(a),
      topics: () => this.topics,
    });
    for (const p of loaded) this.load(p, []);
  }

  load(partition: number, records: CoordinatorRecord[]): void {
    this.coordinator.beginLoad(partition, this.nowMs);
    for (const r of records) this.coordinator.replay(partition, r);
    this.coordinator.completeLoad(partition, this.nowMs);
  }

  ctx(apiVersion: number, clientId = 'client'): GroupRequestContext {
    return { nowMs: this.nowMs, apiVersion, clientId, clientHost: '/127.0.0.1' };
  }

  /** Completes every held append in order: NONE writes them to the log. */
  flush(errorCode: number = ErrorCode.NONE): void {
    while (this.pending.length > 0) {
      const a = this.pending.shift()!;
      if (errorCode === ErrorCode.NONE) this.log.set(a.partition, [...(this.log.get(a.partition) ?? []), ...a.records]);
      this.coordinator.appendCompleted(a.token, errorCode, this.nowMs);
    }
  }

  /** Moves the clock, firing each deadline at its own time as a runtime timer would. */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (let d = this.coordinator.nextDeadlineMs(); d !== null && d <= target; d = this.coordinator.nextDeadlineMs()) {
      this.nowMs = Math.max(this.nowMs, d);
      this.coordinator.tick(this.nowMs);
    }
    this.nowMs = target;
    this.coordinator.tick(this.nowMs);
  }

  join(req: Partial<JoinGroupRequest> & { groupId: string }, apiVersion = 5): Pending<JoinGroupResponse> {
    const out: Pending<JoinGroupResponse> = { value: undefined, calls: 0 };
    this.coordinator.joinGroup(joinRequest(req), this.ctx(apiVersion), (r) => {
      out.value = r;
      out.calls++;
    });
    return out;
  }

  sync(req: Partial<SyncGroupRequest> & { groupId: string; memberId: string; generationId: number }, apiVersion = 5): Pending<SyncGroupResponse> {
    const out: Pending<SyncGroupResponse> = { value: undefined, calls: 0 };
    const full: SyncGroupRequest = {
      groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments: [], ...req,
    };
    this.coordinator.syncGroup(full, this.ctx(apiVersion), (r) => {
      out.value = r;
      out.calls++;
    });
    return out;
  }

  heartbeat(groupId: string, memberId: string, generationId: number, groupInstanceId: string | null = null): HeartbeatResponse {
    return this.coordinator.heartbeat({ groupId, memberId, generationId, groupInstanceId }, this.ctx(4));
  }

  commit(req: Partial<OffsetCommitRequest> & { groupId: string }, offsets: [string, number, number][], apiVersion = 8): Pending<OffsetCommitResponse> {
    const out: Pending<OffsetCommitResponse> = { value: undefined, calls: 0 };
    const topics = [...new Set(offsets.map(([t]) => t))].map((name) => ({
      name,
      partitions: offsets.filter(([t]) => t === name).map(([, partitionIndex, committedOffset]) => ({
        partitionIndex, committedOffset, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: 'meta',
      })),
    }));
    const full: OffsetCommitRequest = {
      generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1, topics, ...req,
    };
    this.coordinator.commitOffsets(full, this.ctx(apiVersion), (r) => {
      out.value = r;
      out.calls++;
    });
    return out;
  }

  /** Committed offset of one partition as OffsetFetch reports it. */
  fetched(groupId: string, topic: string, partition: number, requireStable = false): { offset: number; errorCode: number } {
    const [g] = this.coordinator.fetchOffsets([{ groupId, topics: [{ name: topic, partitionIndexes: [partition] }] }], requireStable, this.ctx(8));
    const p = g!.topics[0]!.partitions[0]!;
    return { offset: p.committedOffset, errorCode: p.errorCode || g!.errorCode };
  }

  groupState(groupId: string): string {
    return this.coordinator.describeGroups([groupId], this.ctx(5))[0]!.groupState;
  }
}

/** Consumer-protocol subscription metadata (v0, with its int16 version prefix). */
export function subscription(topics: string[]): Buffer {
  const w = new Writer();
  w.int16(0);
  writeConsumerProtocolSubscription(w, { topics, userData: null, ownedPartitions: [], generationId: -1, rackId: null }, 0);
  return w.toBuffer();
}

export function joinRequest(req: Partial<JoinGroupRequest> & { groupId: string }): JoinGroupRequest {
  return {
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 60_000,
    memberId: '',
    groupInstanceId: null,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: subscription(['t1']) }],
    reason: null,
    ...req,
  };
}
