// The embedded API against real kafkajs clients: a 3-node cluster ready to use the moment start()
// resolves, node control (kill, stop, restart), the controller and leaders as the cluster sees
// them, waits that resolve on the event, reset() between tests, and the dev profile's short
// consumer fetch hold that makes consumer.disconnect() quick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { Kafka, logLevel } from 'kafkajs';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3 });
});

afterAll(async () => {
  await cluster?.stop();
});

/** A client that never retries: an error the broker returns fails the call. */
function strictClient(): Kafka {
  return new Kafka({ brokers: cluster.bootstrapServers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 0 } });
}

async function readAll(kafka: Kafka, topic: string, count: number, groupId: string): Promise<string[]> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const values: string[] = [];
  await new Promise<void>((resolve) => {
    void consumer.run({ eachMessage: async ({ message }) => {
      values.push(message.value!.toString());
      if (values.length === count) resolve();
    } });
  });
  await consumer.disconnect();
  return values;
}

describe('Cluster.start({ nodes: 3 })', () => {
  it('resolves with a controller elected and every broker unfenced in every node\'s image', () => {
    const controller = cluster.controllerId();
    expect(controller).toBeDefined();
    for (const node of cluster.nodes) {
      expect(node.quorumStatus?.leaderId).toBe(controller);
      expect([...node.metadataImage!.brokers.values()].map((b) => b.fenced)).toEqual([false, false, false]);
    }
  });

  it('a topic created right after is produceable and consumable on every node without a retry', async () => {
    const admin = strictClient().admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'at-once', numPartitions: 3, replicationFactor: 3 }], waitForLeaders: false });
    await admin.disconnect();
    // Three partitions with leaders on the three nodes: every node takes a write at once.
    expect(new Set([0, 1, 2].map((p) => cluster.leaderOf('at-once', p))).size).toBe(3);
    const producer = strictClient().producer({ retry: { retries: 0 } });
    await producer.connect();
    await producer.send({ topic: 'at-once', acks: -1, messages: [0, 1, 2].map((p) => ({ partition: p, value: `v${p}` })) });
    await producer.disconnect();
    expect((await readAll(kafkaClient(cluster), 'at-once', 3, 'at-once-group')).sort()).toEqual(['v0', 'v1', 'v2']);
  });
});

describe('node control', () => {
  it('kill(leader): a new leader is elected, nothing acknowledged with acks=all is lost, restart rejoins the ISR', async () => {
    const kafka = kafkaClient(cluster);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'kill-leader', numPartitions: 1, replicationFactor: 3 }] });
    await admin.disconnect();
    await cluster.waitFor.isr('kill-leader', 0, 3);
    // Retries enough to outlast the failover on a loaded machine (a fenced broker takes 1.5 s or more).
    const producer = kafka.producer({ retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1_000 } });
    await producer.connect();
    const sent = Array.from({ length: 50 }, (_, i) => `before-${i}`);
    await producer.send({ topic: 'kill-leader', acks: -1, messages: sent.map((value) => ({ value })) });
    const leader = cluster.leaderOf('kill-leader', 0)!;
    cluster.kill(leader);
    const next = await cluster.waitFor.leader('kill-leader', 0, { not: leader });
    expect(next).not.toBe(leader);
    const after = Array.from({ length: 50 }, (_, i) => `after-${i}`);
    await producer.send({ topic: 'kill-leader', acks: -1, messages: after.map((value) => ({ value })) });
    await producer.disconnect();
    await cluster.restart(leader);
    await cluster.waitFor.isr('kill-leader', 0, 3);
    expect(await readAll(kafka, 'kill-leader', 100, 'kill-leader-group')).toEqual([...sent, ...after]);
  });

  it('stop(id) is a controlled shutdown: leadership moves away before the node goes', async () => {
    const admin = kafkaClient(cluster).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'controlled', numPartitions: 1, replicationFactor: 3 }] });
    await admin.disconnect();
    await cluster.waitFor.isr('controlled', 0, 3);
    const leader = cluster.leaderOf('controlled', 0)!;
    await cluster.stop(leader);
    // Moved by the controlled shutdown itself, not by a session time-out: the stopped node's own
    // last image already shows the new leader.
    const moved = cluster.node(leader).metadataImage!.topicsByName.get('controlled')!.partitions[0]!.leader;
    expect(moved).not.toBe(leader);
    expect(moved).toBeGreaterThan(0);
    expect(await cluster.waitFor.leader('controlled', 0, { not: leader })).toBe(moved);
    await cluster.restart(leader);
    await cluster.waitFor.isr('controlled', 0, 3);
  });

  it('kill(controller): controllerId() moves to another node and the killed broker is fenced', async () => {
    const controller = await cluster.waitFor.controller();
    cluster.kill(controller);
    const next = await cluster.waitFor.controller({ not: controller });
    expect(cluster.controllerId()).toBe(next);
    await cluster.waitFor.condition(() => cluster.running().every((n) => n.metadataImage?.brokers.get(controller)?.fenced) || undefined,
      `broker ${controller} fenced`);
    await cluster.restart(controller);
    await cluster.waitFor.brokersUnfenced();
  });
});

describe('waits and reset', () => {
  it('waitFor.groupStable and waitFor.offsetCommitted resolve on the group\'s events', async () => {
    const kafka = kafkaClient(cluster);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'waits', acks: -1, messages: [{ value: 'a' }, { value: 'b' }] });
    await producer.disconnect();
    const consumer = kafka.consumer({ groupId: 'waits-group', maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'waits', fromBeginning: true });
    void consumer.run({ autoCommitInterval: 10, eachMessage: async () => undefined });
    const members = await cluster.waitFor.groupStable('waits-group');
    expect(members).toHaveLength(1);
    expect(await cluster.waitFor.offsetCommitted('waits-group', 'waits', 0, 2)).toBe(2);
    await consumer.disconnect();
  });

  it('reset() aborts open transactions, deletes every user topic and group; the cluster serves a new topic of the same name at once', async () => {
    const producer = kafkaClient(cluster).producer({ transactionalId: 'left-open', idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const txn = await producer.transaction();
    await txn.send({ topic: 'waits', messages: [{ value: 'never committed' }] });
    const ongoing = () => cluster.running().flatMap((n) => n.transactionCoordinator?.list(['Ongoing'], [], -1).transactionStates ?? []);
    expect(ongoing().map((t) => t.transactionalId)).toEqual(['left-open']);
    await cluster.reset();
    expect(ongoing()).toEqual([]);
    await producer.disconnect();
    const admin = kafkaClient(cluster).admin();
    await admin.connect();
    expect((await admin.listTopics()).filter((t) => !t.startsWith('__'))).toEqual([]);
    expect((await admin.listGroups()).groups).toEqual([]);
    await admin.createTopics({ topics: [{ topic: 'waits', numPartitions: 1, replicationFactor: 3 }] });
    expect((await admin.fetchTopicOffsets('waits'))[0]!.high).toBe('0');
    await admin.disconnect();
  });

  it('a consumer waiting on an idle topic disconnects long before its max wait (kraftling.consumer.fetch.max.wait.ms)', async () => {
    // Partitions led by every node: each of kafkajs's per-broker fetchers long-polls on a broker.
    // (A fetcher for a broker that leads none of its partitions sleeps maxWaitTimeInMs in the
    // client, which no broker can shorten.)
    const admin = kafkaClient(cluster).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'idle-topic', numPartitions: 3, replicationFactor: 3 }] });
    await admin.disconnect();
    await cluster.waitFor.leader('idle-topic', 2);
    expect(new Set([0, 1, 2].map((p) => cluster.leaderOf('idle-topic', p))).size).toBe(3);
    const consumer = kafkaClient(cluster).consumer({ groupId: 'quick-exit', maxWaitTimeInMs: 30_000 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'idle-topic' });
    await new Promise<void>((resolve) => {
      consumer.on(consumer.events.FETCH_START, () => resolve());
      void consumer.run({ eachMessage: async () => undefined });
    });
    const startedMs = Date.now();
    await consumer.disconnect();
    // Without the cap the disconnect waits out the 30 s fetch; with it, a fraction of a second
    // (the bound here is loose on purpose: a loaded machine must not fail it).
    expect(Date.now() - startedMs).toBeLessThan(15_000);
  });
});
