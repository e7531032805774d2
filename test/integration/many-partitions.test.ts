// Many partitions on one node: 20,000 created through kafkajs admin in a few CreateTopics requests,
// a sample produced to and read back, and the process's descriptors do not grow with the partition
// count (a new partition is a directory; segment files open at the first append, through a
// bounded handle cache). The 100,000-partition figures are in the bench (`npm run bench -- --only
// partitions`).
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import type { Cluster } from '../../src/cluster/cluster.js';
import { startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';

const TOPICS = 200;
const PARTITIONS_PER_TOPIC = 100;
const TOPICS_PER_REQUEST = 100;
/** Generous: a CreateTopics of 10,000 partitions answers once all of them are usable. */
const REQUEST_TIMEOUT_MS = 120_000;

let cluster: Cluster;
let admin: Admin;
let producer: Producer;
let raw: RawClient;

const topicName = (i: number): string => `many-${i}`;
/** One partition of every topic, spread over the partition ids. */
const sample = Array.from({ length: TOPICS }, (_, i) => ({ topic: topicName(i), partition: (i * 37) % PARTITIONS_PER_TOPIC }));

function openDescriptors(): number {
  return readdirSync('/proc/self/fd').length;
}

beforeAll(async () => {
  cluster = await startCluster();
  const kafka = new Kafka({
    clientId: 'many-partitions', brokers: cluster.bootstrapServers.split(','), logLevel: logLevel.NOTHING,
    requestTimeout: REQUEST_TIMEOUT_MS, retry: { retries: 8, initialRetryTime: 50 },
  });
  admin = kafka.admin();
  producer = kafka.producer({ allowAutoTopicCreation: false });
  await Promise.all([admin.connect(), producer.connect()]);
  raw = await RawClient.connect(cluster.bootstrapServers);
}, 120_000);

afterAll(async () => {
  raw?.close();
  await Promise.all([admin?.disconnect(), producer?.disconnect()]);
  // Stopping removes 20,000 partition directories: minutes on a loaded 2-core machine's disk.
  await cluster?.stop();
}, 300_000);

describe('20,000 partitions on one node', () => {
  it('creates them through the admin API without a descriptor each, and serves a sample', async () => {
    const before = openDescriptors();
    for (let first = 0; first < TOPICS; first += TOPICS_PER_REQUEST) {
      const topics = Array.from({ length: TOPICS_PER_REQUEST }, (_, i) => ({ topic: topicName(first + i), numPartitions: PARTITIONS_PER_TOPIC }));
      expect(await admin.createTopics({ topics, timeout: REQUEST_TIMEOUT_MS })).toBe(true);
    }
    const created = await admin.fetchTopicMetadata({ topics: [topicName(0), topicName(TOPICS - 1)] });
    expect(created.topics.map((t) => t.partitions.length)).toEqual([PARTITIONS_PER_TOPIC, PARTITIONS_PER_TOPIC]);
    const afterCreate = openDescriptors();
    expect(afterCreate - before).toBeLessThan(100);

    await producer.sendBatch({
      acks: -1,
      topicMessages: sample.map(({ topic, partition }) => ({
        topic, messages: [0, 1, 2].map((n) => ({ partition, key: `k${n}`, value: `${topic}/${partition}/${n}` })),
      })),
    });
    for (const { topic, partition } of sample) {
      const records = await readPartition(raw, topic, partition);
      expect(records.map((r) => r.value?.toString())).toEqual([0, 1, 2].map((n) => `${topic}/${partition}/${n}`));
    }
    // Each sampled partition now has a segment file open; the other 19,800 have none.
    const afterProduce = openDescriptors();
    expect(afterProduce - before).toBeLessThan(sample.length + 100);
  }, 240_000);
});
