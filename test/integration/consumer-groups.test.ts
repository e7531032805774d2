// kafkajs consumer groups against a real broker: reading from the beginning, splitting
// partitions, rebalancing when a member leaves, resuming from committed offsets (also after a
// broker restart), and the admin calls on groups and offsets.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-groups-'));
let cluster: Cluster;
let kafka: Kafka;
let admin: Admin;
const open: Consumer[] = [];

async function produce(topic: string, count: number, from = 0, partitions = 6): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: count }, (_, i) => ({ value: `m${from + i}`, partition: (from + i) % partitions })) });
  await producer.disconnect();
}

/** A consumer that records what it reads; `until` resolves once `n` messages arrived in total. */
async function consumer(groupId: string, topic: string, opts: { autoCommit?: boolean } = {}) {
  // A member notices a rebalance only between fetches, so fetches wait at most 500 ms.
  const c = kafka.consumer({ groupId, sessionTimeout: 6000, heartbeatInterval: 300, rebalanceTimeout: 10_000, maxWaitTimeInMs: 500, retry: { retries: 10, initialRetryTime: 50 } });
  open.push(c);
  const seen: string[] = [];
  const assigned = new Set<number>();
  let waiters: { n: number; resolve: () => void }[] = [];
  await c.connect();
  c.on(c.events.GROUP_JOIN, (e) => {
    assigned.clear();
    for (const p of e.payload.memberAssignment[topic] ?? []) assigned.add(p);
  });
  await c.subscribe({ topic, fromBeginning: true });
  await c.run({
    autoCommit: opts.autoCommit ?? true,
    eachMessage: async ({ message, partition, topic: t }: EachMessagePayload) => {
      seen.push(message.value!.toString());
      if (opts.autoCommit === false) {
        await c.commitOffsets([{ topic: t, partition, offset: String(Number(message.offset) + 1) }]);
      }
      waiters = waiters.filter((w) => (seen.length >= w.n ? (w.resolve(), false) : true));
    },
  });
  const until = (n: number) => (seen.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve })));
  return { c, seen, assigned, until };
}

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopConsumers(): Promise<void> {
  await Promise.all(open.splice(0).map((c) => c.disconnect()));
}

beforeAll(async () => {
  cluster = await startCluster({ dataDir, ephemeral: false });
  kafka = kafkaClient(cluster);
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'six', numPartitions: 6 }, { topic: 'resume', numPartitions: 2 }] });
});

afterAll(async () => {
  await stopConsumers();
  await admin?.disconnect();
  await cluster?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('kafkajs consumer groups', () => {
  it('reads everything from the beginning with one consumer', async () => {
    await produce('six', 60);
    const one = await consumer('solo', 'six');
    await one.until(60);
    expect(new Set(one.seen).size).toBe(60);
    await stopConsumers();
  });

  it('splits six partitions over three members, and moves a leaving member\'s partitions', async () => {
    const members = [await consumer('trio', 'six'), await consumer('trio', 'six'), await consumer('trio', 'six')];
    await eventually(async () => {
      const g = (await admin.describeGroups(['trio'])).groups[0]!;
      return g.state === 'Stable' && g.members.length === 3 && members.every((m) => m.assigned.size === 2);
    });
    const all = members.flatMap((m) => [...m.assigned]).sort();
    expect(all).toEqual([0, 1, 2, 3, 4, 5]);
    await members[2]!.c.disconnect();
    await eventually(async () => {
      const g = (await admin.describeGroups(['trio'])).groups[0]!;
      return g.state === 'Stable' && g.members.length === 2 && members[0]!.assigned.size + members[1]!.assigned.size === 6;
    });
    expect([...members[0]!.assigned, ...members[1]!.assigned].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    await stopConsumers();
  });

  it('resumes from the committed offset after a consumer restart, losing and repeating nothing', async () => {
    await produce('resume', 40, 0, 2);
    const first = await consumer('resumer', 'resume', { autoCommit: false });
    await first.until(40);
    await stopConsumers();
    await produce('resume', 20, 40, 2);
    const second = await consumer('resumer', 'resume', { autoCommit: false });
    await second.until(20);
    await new Promise((r) => setTimeout(r, 300));
    expect(second.seen.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `m${40 + i}`).sort());
    expect(new Set([...first.seen, ...second.seen]).size).toBe(60);
    await stopConsumers();
  });

  it('keeps committed offsets and groups across a broker restart', async () => {
    const before = await admin.fetchOffsets({ groupId: 'resumer', topics: ['resume'] });
    await admin.disconnect();
    await cluster.stop();
    cluster = await startCluster({ dataDir, ephemeral: false });
    kafka = kafkaClient(cluster);
    admin = kafka.admin();
    await admin.connect();
    const after = await admin.fetchOffsets({ groupId: 'resumer', topics: ['resume'] });
    expect(after).toEqual(before);
    expect(after[0]!.partitions.map((p) => p.offset).sort()).toEqual(['30', '30']);
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).sort();
    expect(groups).toEqual(expect.arrayContaining(['resumer', 'solo', 'trio']));
  });

  it('resets, sets, describes and deletes groups through kafkajs admin', async () => {
    // kafkajs runs a paused consumer for reset/setOffsets; each returns after its 5 s fetch backoff.
    await admin.resetOffsets({ groupId: 'resumer', topic: 'resume', earliest: true });
    let offsets = await admin.fetchOffsets({ groupId: 'resumer', topics: ['resume'] });
    // kafkajs commits Kafka's "earliest" marker, -2, which the broker stores as it is.
    expect(offsets[0]!.partitions.map((p) => p.offset)).toEqual(['-2', '-2']);
    await admin.setOffsets({ groupId: 'resumer', topic: 'resume', partitions: [{ partition: 0, offset: '7' }, { partition: 1, offset: '9' }] });
    offsets = await admin.fetchOffsets({ groupId: 'resumer', topics: ['resume'] });
    expect(offsets[0]!.partitions.sort((a, b) => a.partition - b.partition).map((p) => p.offset)).toEqual(['7', '9']);
    const described = await admin.describeGroups(['resumer']);
    expect(described.groups[0]).toMatchObject({ groupId: 'resumer', state: 'Empty', protocolType: 'consumer' });
    await admin.deleteGroups(['resumer']);
    expect((await admin.listGroups()).groups.map((g) => g.groupId)).not.toContain('resumer');
    offsets = await admin.fetchOffsets({ groupId: 'resumer', topics: ['resume'] });
    expect(offsets[0]!.partitions.map((p) => p.offset)).toEqual(['-1', '-1']);
  });

  it('refuses to delete a group with members', async () => {
    const member = await consumer('busy', 'six');
    await eventually(async () => (await admin.describeGroups(['busy'])).groups[0]!.state === 'Stable');
    await expect(admin.deleteGroups(['busy'])).rejects.toThrow();
    await member.c.disconnect();
  });
});
