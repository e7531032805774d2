// A three-node cluster in one process: 1,000 topics created through the admin API are seen alike
// by every node's Metadata, partitions are replicated across nodes, and a killed partition leader
// hands over to an in-sync follower without losing acknowledged records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetadataApi, type MetadataResponse } from '../../protocol/generated/api/03-metadata.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { retry } from '../helpers/retry.js';

let cluster: Cluster;


beforeAll(async () => {
  // Three nodes share this test process's event loop with the other test files running beside it:
  // quorum timeouts looser than the dev profile's keep a busy moment from forcing an election.
  cluster = await startCluster({
    nodes: 3,
    overrides: { 'controller.quorum.fetch.timeout.ms': '2000', 'controller.quorum.election.timeout.ms': '1000', 'broker.session.timeout.ms': '4000' },
  });
});

afterAll(async () => {
  await cluster?.stop();
});

async function metadataFrom(address: string): Promise<MetadataResponse> {
  const client = await RawClient.connect(address);
  try {
    return await client.request(MetadataApi, 12, { topics: null, allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
  } finally {
    client.close();
  }
}

/** What must agree across nodes: topics, ids, and each partition's leader, epoch, replicas, ISR. */
function view(res: MetadataResponse): string[] {
  return res.topics.map((t) => `${t.name} ${t.topicId} ${t.partitions.map((p) => `${p.partitionIndex}:${p.leaderId}:${p.leaderEpoch}:${p.replicaNodes}:${p.isrNodes}`).join(' ')}`).sort();
}

describe('three nodes in one process', () => {
  it('agrees on 1,000 topics created through the admin API on every node', async () => {
    const admin = kafkaClient(cluster).admin();
    await admin.connect();
    for (let batch = 0; batch < 10; batch++) {
      await admin.createTopics({ topics: Array.from({ length: 100 }, (_, i) => ({ topic: `topic-${batch * 100 + i}`, numPartitions: 2, replicationFactor: 2 })) });
    }
    await admin.disconnect();
    const addresses = cluster.bootstrapServers.split(',');
    // Each node applies the committed records on its own schedule: they agree once all have.
    const views = await retry(async () => {
      const all = await Promise.all(addresses.map(async (a) => view(await metadataFrom(a))));
      expect(all[0]).toHaveLength(1000);
      expect(all[1]).toEqual(all[0]);
      expect(all[2]).toEqual(all[0]);
      return all;
    }, 10_000);
    // Every replica is in sync: none was dropped because the new partition's leader checked the
    // ISR before the follower's first fetch.
    const sorted = (ids: string) => ids.split(',').sort().join(',');
    for (const line of views[0]!) {
      for (const p of line.split(' ').slice(2)) expect(sorted(p.split(':')[4]!)).toBe(sorted(p.split(':')[3]!));
    }
    const brokers = (await metadataFrom(addresses[0]!)).brokers.map((b) => b.nodeId).sort();
    expect(brokers).toEqual([1, 2, 3]);
  });

  it('moves partition leadership to an in-sync follower when the leader dies, keeping acknowledged records', async () => {
    const kafka = kafkaClient(cluster);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'failover', numPartitions: 1, replicationFactor: 3 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'failover', acks: -1, messages: Array.from({ length: 100 }, (_, i) => ({ value: `v${i}` })) });
    const before = (await admin.fetchTopicMetadata({ topics: ['failover'] })).topics[0]!.partitions[0]!;
    const leader = cluster.nodes.find((n) => n.nodeId === before.leader)!;
    leader.kill();
    // The dead broker stays leader until its session lapses; kafkajs gives up on a refused
    // connection sooner than that, so the test retries as an application would.
    await retry(() => producer.send({ topic: 'failover', acks: -1, messages: [{ value: 'after' }] }));
    const after = (await admin.fetchTopicMetadata({ topics: ['failover'] })).topics[0]!.partitions[0]!;
    expect(after.leader).not.toBe(before.leader);
    expect(after.isr).not.toContain(before.leader);
    const survivor = cluster.nodes.find((n) => n.nodeId === after.leader)!.brokerAddresses[0]!;
    const raw = await RawClient.connect(`${survivor.host}:${survivor.port}`);
    const records = await readPartition(raw, 'failover', 0);
    expect(records.map((r) => r.value!.toString())).toEqual([...Array.from({ length: 100 }, (_, i) => `v${i}`), 'after']);
    raw.close();
    await producer.disconnect();
    await admin.disconnect();
  });
});

describe('graceful stop', () => {
  let quiet: Cluster;

  beforeAll(async () => {
    quiet = await startCluster({ nodes: 3, overrides: { 'broker.session.timeout.ms': '60000' } });
  });

  afterAll(async () => {
    await quiet?.stop();
  });

  it('moves leadership away before a gracefully stopped node goes (controlled shutdown)', async () => {
    const admin = kafkaClient(quiet).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'controlled', numPartitions: 1, replicationFactor: 2 }] });
    // Leadership can only move to an in-sync replica: wait until the follower has joined the ISR.
    const before = await retry(async () => {
      const p = (await admin.fetchTopicMetadata({ topics: ['controlled'] })).topics[0]!.partitions[0]!;
      if (p.isr.length !== 2) throw new Error('the follower is not in sync yet');
      return p;
    });
    const leader = quiet.nodes.find((n) => n.nodeId === before.leader)!;
    await leader.stop();
    // Sessions here last a minute: only the stopping broker's request can have moved leadership.
    const after = await retry(async () => {
      const p = (await admin.fetchTopicMetadata({ topics: ['controlled'] })).topics[0]!.partitions[0]!;
      if (p.leader === before.leader) throw new Error('leadership has not moved yet');
      return p;
    });
    expect(after.leader).toBeGreaterThan(0);
    expect(after.isr).not.toContain(before.leader);
    await admin.disconnect();
  });
});
