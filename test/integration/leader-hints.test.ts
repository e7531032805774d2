// KIP-951's leader hints over real TCP against three in-process nodes: a Produce (v10+) sent to a
// broker that does not lead the partition, or a Fetch (v16+) sent to one that holds no replica of
// it (a follower serves consumers' Fetch v11+, KIP-392), is answered NOT_LEADER_OR_FOLLOWER with
// the current leader, its epoch and its address on the listener the request came in on; older
// versions carry none. When the leader is killed, the hint from a surviving broker names the new
// leader and the new epoch, a produce sent where it points is acknowledged, and a fetch there on the
// old epoch is answered FENCED_LEADER_EPOCH with the new one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { FetchApi } from '../../protocol/generated/api/01-fetch.js';
import { MetadataApi } from '../../protocol/generated/api/03-metadata.js';
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { retry } from '../helpers/retry.js';

const TOPIC = 'hinted';
/** One replica, on the leader of TOPIC: the other brokers hold none of it. */
const SINGLE = 'hinted-single';
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3 });
});

afterAll(async () => {
  await cluster?.stop();
});

function address(nodeId: number): { host: string; port: number } {
  const { host, port } = cluster.nodes.find((n) => n.nodeId === nodeId)!.brokerAddresses[0]!;
  return { host, port };
}

async function produce(nodeId: number, version: number) {
  const client = await RawClient.connect(`${address(nodeId).host}:${address(nodeId).port}`);
  try {
    const records = encodeRecordBatch({ records: [{ key: null, value: Buffer.from('v'), timestamp: Date.now() }] });
    const res = await client.request(ProduceApi, version, {
      transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: TOPIC, partitionData: [{ index: 0, records }] }],
    });
    return { partition: res.responses[0]!.partitionResponses[0]!, nodeEndpoints: res.nodeEndpoints };
  } finally {
    client.close();
  }
}

async function fetchFrom(nodeId: number, version: number, topicId: string, currentLeaderEpoch = -1, topic = TOPIC) {
  const client = await RawClient.connect(`${address(nodeId).host}:${address(nodeId).port}`);
  try {
    const res = await client.request(FetchApi, version, {
      clusterId: null, replicaId: -1, replicaState: { replicaId: -1, replicaEpoch: -1 }, maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20,
      isolationLevel: 0, sessionId: 0, sessionEpoch: -1, forgottenTopicsData: [], rackId: '',
      topics: [{ topic, topicId, partitions: [{
        partition: 0, currentLeaderEpoch, fetchOffset: 0, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: 1 << 20, replicaDirectoryId: ZERO_UUID,
      }] }],
    });
    return { partition: res.responses[0]!.partitions[0]!, nodeEndpoints: res.nodeEndpoints };
  } finally {
    client.close();
  }
}

/** The partition's topic id, leader and leader epoch as the broker `nodeId` answers Metadata v12. */
async function partitionMetadata(nodeId: number, topic = TOPIC): Promise<{ topicId: string; leader: number; epoch: number }> {
  const client = await RawClient.connect(`${address(nodeId).host}:${address(nodeId).port}`);
  try {
    const md = await client.request(MetadataApi, 12, {
      topics: [{ name: topic, topicId: ZERO_UUID }], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false,
    });
    const p = md.topics[0]!.partitions[0]!;
    return { topicId: md.topics[0]!.topicId, leader: p.leaderId, epoch: p.leaderEpoch };
  } finally {
    client.close();
  }
}

describe('leader hints (KIP-951)', () => {
  it('name the current leader on a wrong broker, and the new one after the leader is killed', async () => {
    const admin = kafkaClient(cluster).admin();
    await admin.connect();
    try {
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: TOPIC, numPartitions: 1, replicationFactor: 3 }] });
      const { topicId, leader, epoch } = await retry(async () => {
        const md = await partitionMetadata(1);
        expect(md.leader).toBeGreaterThan(0);
        return md;
      });
      const other = [1, 2, 3].find((id) => id !== leader)!;

      // Until `other` has replayed the topic it answers UNKNOWN_TOPIC_OR_PARTITION: ask again.
      await retry(async () => {
        for (const version of [10, 11]) {
          const { partition, nodeEndpoints } = await produce(other, version);
          expect(partition.errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER);
          expect(partition.currentLeader).toEqual({ leaderId: leader, leaderEpoch: epoch });
          expect(nodeEndpoints).toEqual([{ nodeId: leader, ...address(leader), rack: null }]);
        }
      }, 30_000, 100);
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: SINGLE, replicaAssignment: [{ partition: 0, replicas: [leader] }] }] });
      const single = await retry(async () => {
        const md = await partitionMetadata(other, SINGLE);
        expect(md.leader).toBe(leader);
        return md;
      }, 30_000, 100);
      for (const version of [16, 17]) {
        const { partition, nodeEndpoints } = await fetchFrom(other, version, single.topicId, -1, SINGLE);
        expect(partition.errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER);
        expect(partition.currentLeader).toEqual({ leaderId: leader, leaderEpoch: single.epoch });
        expect(nodeEndpoints).toEqual([{ nodeId: leader, ...address(leader), rack: null }]);
      }
      // Versions before the KIP: no hint.
      const old = await produce(other, 9);
      expect(old.partition.currentLeader).toEqual({ leaderId: -1, leaderEpoch: -1 });
      expect(old.nodeEndpoints).toEqual([]);
      expect((await fetchFrom(other, 15, single.topicId, -1, SINGLE)).nodeEndpoints).toEqual([]);

      cluster.nodes.find((n) => n.nodeId === leader)!.kill();
      const survivors = [1, 2, 3].filter((id) => id !== leader);
      const moved = await retry(async () => {
        const md = await partitionMetadata(survivors[0]!);
        expect(md.leader).not.toBe(leader);
        expect(md.leader).toBeGreaterThan(0);
        return md;
      }, 30_000, 100);
      expect(moved.epoch).toBeGreaterThan(epoch);
      const follower = survivors.find((id) => id !== moved.leader)!;
      const hinted = await retry(async () => {
        const { partition, nodeEndpoints } = await produce(follower, 11);
        expect(partition.errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER);
        expect(partition.currentLeader).toEqual({ leaderId: moved.leader, leaderEpoch: moved.epoch });
        return nodeEndpoints;
      }, 30_000, 100);
      expect(hinted).toEqual([{ nodeId: moved.leader, ...address(moved.leader), rack: null }]);
      // Where the hint points, the produce is acknowledged.
      const acked = await retry(async () => {
        const { partition } = await produce(moved.leader, 11);
        expect(partition.errorCode).toBe(ErrorCode.NONE);
        return partition;
      }, 30_000, 100);
      expect(acked.baseOffset).toBeGreaterThanOrEqual(0);
      // A consumer still on the old epoch is fenced by the new leader, and told the new epoch.
      const fenced = await fetchFrom(moved.leader, 17, topicId, epoch);
      expect(fenced.partition.errorCode).toBe(ErrorCode.FENCED_LEADER_EPOCH);
      expect(fenced.partition.currentLeader).toEqual({ leaderId: moved.leader, leaderEpoch: moved.epoch });
    } finally {
      await admin.disconnect();
    }
  }, 90_000);
});
