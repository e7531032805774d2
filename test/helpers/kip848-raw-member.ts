// A consumer-protocol (KIP-848) group member spoken in raw requests, for tests that must control
// each step: it finds its coordinator (again, after a failure), heartbeats with what it owns,
// adopts the assignment it is given (revoking first, as a real consumer does), and commits offsets
// at its member epoch with OffsetCommit v9.
import { ErrorCode } from '../../protocol/errors.js';
import { ConsumerGroupHeartbeatApi, type ConsumerGroupHeartbeatResponse } from '../../protocol/generated/api/68-consumer-group-heartbeat.js';
import { FindCoordinatorApi } from '../../protocol/generated/api/10-find-coordinator.js';
import { OffsetCommitApi } from '../../protocol/generated/api/08-offset-commit.js';
import { RawClient } from './raw-client.js';

export interface OwnedTopic {
  topicId: string;
  partitions: number[];
}

export class RawConsumerMember {
  memberEpoch = 0;
  owned: OwnedTopic[] = [];
  /** What the last successful heartbeat's answer asked for. */
  heartbeatIntervalMs = -1;
  private coordinator: RawClient | null = null;

  constructor(private bootstrap: string, readonly groupId: string, readonly memberId: string, readonly topics: string[],
    readonly regex: string | null = null) {}

  /** Where to look for the coordinator from now on (the survivors after a node is killed). */
  useBootstrap(bootstrap: string): void {
    this.bootstrap = bootstrap;
    this.coordinator?.close();
    this.coordinator = null;
  }

  ownedCount(): number {
    return this.owned.reduce((n, t) => n + t.partitions.length, 0);
  }

  /** One heartbeat; the full request while joining. Returns the error code (NONE on success). */
  async heartbeat(): Promise<number> {
    const client = await this.connect();
    const joining = this.memberEpoch === 0;
    let res: ConsumerGroupHeartbeatResponse;
    try {
      res = await client.request(ConsumerGroupHeartbeatApi, 1, {
        groupId: this.groupId, memberId: this.memberId, memberEpoch: this.memberEpoch, instanceId: null, rackId: null,
        rebalanceTimeoutMs: joining ? 30_000 : -1, subscribedTopicNames: joining && this.regex === null ? this.topics : null,
        subscribedTopicRegex: joining ? this.regex : null,
        serverAssignor: null, topicPartitions: this.owned,
      });
    } catch {
      this.useBootstrap(this.bootstrap);
      return ErrorCode.NETWORK_EXCEPTION;
    }
    if (res.errorCode === ErrorCode.NOT_COORDINATOR || res.errorCode === ErrorCode.COORDINATOR_NOT_AVAILABLE) this.useBootstrap(this.bootstrap);
    if (res.errorCode !== ErrorCode.NONE) return res.errorCode;
    this.memberEpoch = res.memberEpoch;
    this.heartbeatIntervalMs = res.heartbeatIntervalMs;
    if (res.assignment) this.owned = res.assignment.topicPartitions.map((t) => ({ topicId: t.topicId, partitions: [...t.partitions] }));
    return ErrorCode.NONE;
  }

  /** Commits offsets at the current member epoch; the per-partition error codes. */
  async commit(topic: string, offsets: [number, number][]): Promise<number[]> {
    const client = await this.connect();
    const res = await client.request(OffsetCommitApi, 9, {
      groupId: this.groupId, generationIdOrMemberEpoch: this.memberEpoch, memberId: this.memberId, groupInstanceId: null,
      retentionTimeMs: -1,
      topics: [{ name: topic, partitions: offsets.map(([partitionIndex, committedOffset]) => ({
        partitionIndex, committedOffset, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: null,
      })) }],
    });
    return res.topics[0]!.partitions.map((p) => p.errorCode);
  }

  close(): void {
    this.coordinator?.close();
    this.coordinator = null;
  }

  private async connect(): Promise<RawClient> {
    if (this.coordinator) return this.coordinator;
    for (const address of this.bootstrap.split(',')) {
      let client: RawClient | undefined;
      try {
        client = await RawClient.connect(address);
        const found = await client.request(FindCoordinatorApi, 4, { key: '', keyType: 0, coordinatorKeys: [this.groupId] });
        client.close();
        const c = found.coordinators[0]!;
        if (c.errorCode !== ErrorCode.NONE) continue;
        this.coordinator = await RawClient.connect(`${c.host}:${c.port}`);
        return this.coordinator;
      } catch {
        client?.close();
      }
    }
    throw new Error('no coordinator reachable');
  }
}
