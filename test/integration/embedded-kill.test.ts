// cluster.kill in the middle of a stream of acks=all writes from an idempotent producer: every
// acknowledged record is there exactly once after the failover and the killed node's restart.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3 });
});

afterAll(async () => {
  await cluster?.stop();
});

it('kill(leader) during acks=all writes loses and doubles nothing acknowledged', async () => {
  const kafka = kafkaClient(cluster);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'stream', numPartitions: 1, replicationFactor: 3 }] });
  await admin.disconnect();
  await cluster.waitFor.isr('stream', 0, 3);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const acked: string[] = [];
  const leader = cluster.leaderOf('stream', 0)!;
  for (let batch = 0; batch < 20; batch++) {
    const values = Array.from({ length: 10 }, (_, i) => `${batch}-${i}`);
    const sending = producer.send({ topic: 'stream', acks: -1, messages: values.map((value) => ({ value })) });
    // The kill lands while this batch is in flight.
    if (batch === 8) cluster.kill(leader);
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
  const check = kafka.admin();
  await check.connect();
  const [end] = await check.fetchTopicOffsets('stream');
  await check.disconnect();
  expect(Number(end!.high)).toBe(acked.length);
});
