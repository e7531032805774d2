// Rack-aware replica placement over real TCP: five in-process nodes in racks a, a, b, b and c.
// A topic created through kafkajs gets every partition's three replicas in three racks (and so
// does a plan from `kraftling reassign-partitions --generate`, unless --disable-rack-aware), so
// killing both nodes of rack a (two of the five voters) leaves each partition two replicas: the
// leaders move, produce goes on, and every acknowledged record is read back once.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import type { Cluster } from '../../src/cluster/cluster.js';
import { brokerAddress, kafkaClient, startCluster, THREE_NODE_OVERRIDES } from '../helpers/cluster.js';
import { runInProcess } from '../helpers/cli-in-process.js';
import { consumeValues } from '../helpers/consume-values.js';
import { retry } from '../helpers/retry.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const RACKS = ['a', 'a', 'b', 'b', 'c'];
const TOPIC = 'racked';
const PARTITIONS = 10;
let cluster: Cluster;
let kafka: Kafka;
const rackOf = (id: number): string => RACKS[id - 1]!;
const tempDir = tempDirs('kraftling-rack-placement-');

beforeAll(async () => {
  cluster = await startCluster({ nodes: RACKS.length, racks: RACKS, overrides: { ...THREE_NODE_OVERRIDES } });
  kafka = kafkaClient(cluster);
});

afterAll(async () => {
  await cluster?.stop();
});

async function produce(client: Kafka, values: string[]): Promise<void> {
  const producer = client.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let i = 0; i < values.length; i += 20) {
      await producer.send({ topic: TOPIC, acks: -1, compression: CompressionTypes.None, messages: values.slice(i, i + 20).map((value, j) => ({ partition: (i + j) % PARTITIONS, value })) });
    }
  } finally {
    await producer.disconnect();
  }
}

describe('rack-aware replica placement', () => {
  it('spreads each partition over three racks, at creation and in a generated reassignment plan', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: TOPIC, numPartitions: PARTITIONS, replicationFactor: 3 }] });
      const [md] = (await admin.fetchTopicMetadata({ topics: [TOPIC] })).topics;
      for (const p of md!.partitions) expect(new Set(p.replicas.map(rackOf)), `partition ${p.partitionId}`).toEqual(new Set(['a', 'b', 'c']));
      // Leadership goes round the racks too.
      expect(new Set(md!.partitions.map((p) => rackOf(p.leader)))).toEqual(new Set(['a', 'b', 'c']));
    } finally {
      await admin.disconnect();
    }

    const topicsFile = path.join(tempDir(), 'topics.json');
    fs.writeFileSync(topicsFile, JSON.stringify({ version: 1, topics: [{ topic: TOPIC }] }));
    const generate = async (...extra: string[]): Promise<number[][]> => {
      const r = await runInProcess(['reassign-partitions', '--bootstrap-server', cluster.bootstrapServers, '--generate',
        '--topics-to-move-json-file', topicsFile, '--broker-list', '1,2,3,4,5', ...extra]);
      expect(r.code).toBe(0);
      const plan = JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!) as { partitions: { partition: number; replicas: number[] }[] };
      return plan.partitions.sort((x, y) => x.partition - y.partition).map((p) => p.replicas);
    };
    for (const replicas of await generate()) expect(new Set(replicas.map(rackOf))).toEqual(new Set(['a', 'b', 'c']));
    // Without racks, Kafka's plain spread: partition p from broker p mod 5 on.
    expect(await generate('--disable-rack-aware')).toEqual(Array.from({ length: PARTITIONS }, (_, p) => [0, 1, 2].map((i) => ((p + i) % 5) + 1)));
  });

  it('loses no acknowledged record when a whole rack dies', async () => {
    const before = Array.from({ length: 100 }, (_, i) => `before-${i}`);
    const after = Array.from({ length: 100 }, (_, i) => `after-${i}`);
    await produce(kafka, before);
    cluster.kill(1);
    cluster.kill(2);
    // Through the survivors, retrying for as long as the dead leaders take to be fenced and replaced.
    const survivor = new Kafka({
      clientId: 'rack-survivor', logLevel: logLevel.NOTHING, retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 },
      brokers: [3, 4, 5].map((id) => brokerAddress(cluster, id)),
    });
    await produce(survivor, after);
    await retry(async () => {
      const admin2 = survivor.admin();
      await admin2.connect();
      try {
        const [md] = (await admin2.fetchTopicMetadata({ topics: [TOPIC] })).topics;
        for (const p of md!.partitions) expect(p.leader).toBeGreaterThan(2);
      } finally {
        await admin2.disconnect();
      }
    }, 30_000, 200);
    const read = (await consumeValues(survivor, [TOPIC], true, before.length + after.length)).get(TOPIC) ?? [];
    expect([...read].sort()).toEqual([...before, ...after].sort());
  }, 120_000);
});
