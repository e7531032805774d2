// A whole three-process cluster stopped at once (SIGTERM to every node while acks=all writes are in
// flight) and started again on its data: whichever node stopped last, with no broker left to take
// its leaderships, registers again with the epoch it stopped under and keeps them; the others come
// back fenced and catch up. Every record an idempotent producer had acknowledged before the stop
// is read back, no record twice, and writing goes on. Then the same after SIGKILL of every node.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { backgroundProducer, NodeProcesses } from '../helpers/quorum-processes.js';
import { eventually } from '../helpers/retry.js';
import { threeNodeConfigs } from '../helpers/three-node.js';
import { MetadataApi } from '../../protocol/generated/api/03-metadata.js';

const TOPIC = 'restarted';
const PARTITIONS = 3;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-cluster-restart-'));
const nodes = new NodeProcesses();

afterAll(async () => {
  await nodes.killAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

function client(bootstrap: string): Kafka {
  return new Kafka({ brokers: bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 } });
}

/** Each partition's leader's address once every partition has one (as node 1's metadata says). */
async function leaders(bootstrap: string): Promise<string[]> {
  return eventually(async () => {
    const c = await RawClient.connect(bootstrap.split(',')[0]!);
    try {
      const res = await c.request(MetadataApi, 12, {
        topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name: TOPIC }], allowAutoTopicCreation: false,
        includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false,
      });
      const parts = res.topics[0]?.partitions ?? [];
      if (parts.length !== PARTITIONS || parts.some((p) => p.leaderId < 0)) return undefined;
      const byId = new Map(res.brokers.map((b) => [b.nodeId, `${b.host}:${b.port}`]));
      return [...parts].sort((x, y) => x.partitionIndex - y.partitionIndex).map((p) => byId.get(p.leaderId)!);
    } finally {
      c.close();
    }
  }, 60_000, 100);
}

/** Every value of the topic, read from each partition's leader (retried while leaders move). */
async function readAll(bootstrap: string): Promise<string[]> {
  return eventually(async () => {
    const out: string[] = [];
    const addresses = await leaders(bootstrap);
    for (let p = 0; p < PARTITIONS; p++) {
      const c = await RawClient.connect(addresses[p]!);
      try {
        out.push(...(await readPartition(c, TOPIC, p)).map((r) => r.value!.toString()));
      } finally {
        c.close();
      }
    }
    return out;
  }, 60_000, 200);
}

function expectOnceEach(read: string[], acked: string[]): void {
  expect(new Set(read).size).toBe(read.length);
  const present = new Set(read);
  expect(acked.filter((v) => !present.has(v))).toEqual([]);
}

async function restartAll(files: string[]): Promise<void> {
  await Promise.all(files.map((f, i) => nodes.start(f, i)));
}

it('loses and doubles nothing acknowledged across a graceful stop of every node, then a kill of every node', async () => {
  const { files, bootstrap } = await threeNodeConfigs(dir);
  await restartAll(files);
  const admin = client(bootstrap).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS, replicationFactor: 3 }] });
  await admin.disconnect();
  await leaders(bootstrap);

  const acked: string[] = [];
  for (const stop of ['SIGTERM', 'SIGKILL'] as const) {
    const producer = await backgroundProducer(client(bootstrap), TOPIC, PARTITIONS, { prefix: `${stop}-`, idempotent: true });
    await eventually(async () => (producer.acked.length >= 200 ? true : undefined), 60_000, 20);
    const stopping = nodes.running.map(async (b) => {
      b!.child.kill(stop);
      return b!.exited;
    });
    const codes = await Promise.all(stopping);
    if (stop === 'SIGTERM') expect(codes).toEqual([0, 0, 0]);
    // No new sends; the one in flight retries until the nodes are back, and counts if acknowledged.
    const producerStopped = producer.stop();
    await restartAll(files);
    await producerStopped;
    acked.push(...producer.acked);
    expectOnceEach(await readAll(bootstrap), acked);
  }

  const after = await backgroundProducer(client(bootstrap), TOPIC, PARTITIONS, { prefix: 'after-', idempotent: true });
  await eventually(async () => (after.acked.length >= 30 ? true : undefined), 60_000, 20);
  await after.stop();
  acked.push(...after.acked);
  expectOnceEach(await readAll(bootstrap), acked);
}, 180_000);
