// cluster.kill in the middle of a stream of acks=all writes from an idempotent producer: every
// acknowledged record is there exactly once after the failover and the killed node's restart,
// whether the kill is a SIGKILL (page cache kept) or a power loss (unsynced writes of that node lost).
import { afterAll, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';

const clusters: Cluster[] = [];

afterAll(async () => {
  await Promise.all(clusters.map((c) => c.stop()));
});

async function streamThroughKill(cluster: Cluster, kill: (leader: number) => void): Promise<void> {
  const kafka = kafkaClient(cluster);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'stream', numPartitions: 1, replicationFactor: 3 }] });
  await cluster.waitFor.isr('stream', 0, 3);
  // Retries enough to outlast the failover on a loaded machine (a fenced broker takes 1.5 s or more).
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1_000 } });
  await producer.connect();
  const acked: string[] = [];
  const leader = cluster.leaderOf('stream', 0)!;
  for (let batch = 0; batch < 20; batch++) {
    const values = Array.from({ length: 10 }, (_, i) => `${batch}-${i}`);
    const sending = producer.send({ topic: 'stream', acks: -1, messages: values.map((value) => ({ value })) });
    // The kill lands while this batch is in flight.
    if (batch === 8) kill(leader);
    await sending;
    acked.push(...values);
  }
  await producer.disconnect();
  await cluster.restart(leader);
  await cluster.waitFor.isr('stream', 0, 3);

  const consumer = kafka.consumer({ groupId: 'stream-check', maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: 'stream', fromBeginning: true });
  const read: string[] = [];
  await new Promise<void>((resolve) => {
    void consumer.run({ eachMessage: async ({ message }) => {
      read.push(message.value!.toString());
      if (read.length >= acked.length) resolve();
    } });
  });
  await consumer.disconnect();
  expect(read).toEqual(acked);
  const [end] = await admin.fetchTopicOffsets('stream');
  await admin.disconnect();
  expect(Number(end!.high)).toBe(acked.length);
}

it('kill(leader) during acks=all writes loses and doubles nothing acknowledged', async () => {
  const cluster = await startCluster({ nodes: 3 });
  clusters.push(cluster);
  await streamThroughKill(cluster, (leader) => cluster.kill(leader));
});

it('kill(leader, { powerLoss: true }) on in-memory storage: the node loses its unsynced tail, the others keep every acknowledged record', async () => {
  const cluster = await startCluster({ nodes: 3, storage: 'memory' });
  clusters.push(cluster);
  await streamThroughKill(cluster, (leader) => cluster.kill(leader, { powerLoss: true }));
});

it('kill with powerLoss needs in-memory storage', async () => {
  const cluster = await startCluster({ nodes: 1 });
  clusters.push(cluster);
  expect(() => cluster.kill(1, { powerLoss: true })).toThrow(/storage: 'memory'/);
});
