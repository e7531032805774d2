// Every fault control of the embedded cluster, with its real consequence seen by kafkajs clients:
// isolation elects a new controller and fences the cut-off broker, injected errors reach the
// client and its retry succeeds, hooks answer or delay requests, latency slows answers, dropped
// connections are re-made.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { ErrorCode } from '../../protocol/errors.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';

const PRODUCE = 0;
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3 });
  const admin = kafkaClient(cluster).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'faults', numPartitions: 1, replicationFactor: 3 }] });
  await admin.disconnect();
  await cluster.waitFor.isr('faults', 0, 3);
});

afterEach(async () => {
  cluster.faults.clear();
  await cluster.waitFor.brokersUnfenced();
});

afterAll(async () => {
  await cluster?.stop();
});

/** A client of one node only, never retrying: what that node answers is what the call sees. */
function clientOf(id: number, retries = 0): Kafka {
  const address = cluster.node(id).brokerAddresses[0]!;
  return new Kafka({ brokers: [`${address.host}:${address.port}`], logLevel: logLevel.NOTHING, retry: { retries, initialRetryTime: 50 } });
}

/** The offline replicas of faults-0 as a client of node `id` sees them (kafkajs: Metadata v6),
 * asking for the topic by name and for all topics (an answer the broker encodes once per image):
 * both must agree. */
async function offlineReplicas(id: number): Promise<number[]> {
  const admin = clientOf(id, 5).admin();
  await admin.connect();
  try {
    const named = (await admin.fetchTopicMetadata({ topics: ['faults'] })).topics[0]!;
    const all = (await admin.fetchTopicMetadata()).topics.find((t) => t.name === 'faults')!;
    expect(all.partitions[0]!.offlineReplicas).toEqual(named.partitions[0]!.offlineReplicas);
    return named.partitions[0]!.offlineReplicas ?? [];
  } finally {
    await admin.disconnect();
  }
}

async function endOffset(topic: string): Promise<number> {
  const admin = kafkaClient(cluster).admin();
  await admin.connect();
  const [p] = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  return Number(p!.high);
}

describe('isolation', () => {
  it('isolating the controller\'s node elects a new controller and fences the isolated broker; heal brings it back', async () => {
    const controller = await cluster.waitFor.controller();
    cluster.faults.isolate(controller);
    // The waits consult the nodes that are not cut off: the isolated one's view is stale.
    const next = await cluster.waitFor.controller({ not: controller });
    expect(next).not.toBe(controller);
    await cluster.waitFor.condition(() => cluster.reachable().every((n) => n.metadataImage?.brokers.get(controller)?.fenced) || undefined,
      `broker ${controller} fenced in the others' images`);
    // Metadata through a node still reachable names the fenced broker's replica offline.
    expect(await offlineReplicas(next)).toEqual([controller]);
    cluster.faults.heal(controller);
    await cluster.waitFor.controller();
    await cluster.waitFor.brokersUnfenced();
    expect(await offlineReplicas(next)).toEqual([]);
  });

  it('one-way isolation (inbound) of the controller: the others stop hearing it and elect another', async () => {
    const controller = await cluster.waitFor.controller();
    cluster.faults.isolate(controller, { direction: 'inbound' });
    expect(await cluster.waitFor.controller({ not: controller })).not.toBe(controller);
  });

  it('isolating a partition leader\'s node moves the leadership; writes through the others go on', async () => {
    const leader = cluster.leaderOf('faults', 0)!;
    cluster.faults.isolate(leader);
    const next = await cluster.waitFor.leader('faults', 0, { not: leader });
    expect(next).not.toBe(leader);
    const producer = kafkaClient(cluster).producer();
    await producer.connect();
    await producer.send({ topic: 'faults', acks: -1, messages: [{ value: 'while-isolated' }] });
    await producer.disconnect();
    cluster.faults.heal(leader);
    await cluster.waitFor.isr('faults', 0, 3);
  });

  it('isolating the controller that also leads a partition: the others elect a controller, stay unfenced, and take the leadership', async () => {
    // Their heartbeats in flight to the vanished controller must give up in time (half a session,
    // as Kafka's KAFKA-14392), or its successor fences them too and the partition has no leader.
    const controller = await cluster.waitFor.controller();
    const others = [1, 2, 3].filter((id) => id !== controller);
    const admin = kafkaClient(cluster).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'led-by-controller', replicaAssignment: [{ partition: 0, replicas: [controller, ...others] }] }] });
    await admin.disconnect();
    await cluster.waitFor.isr('led-by-controller', 0, 3);
    expect(cluster.leaderOf('led-by-controller', 0)).toBe(controller);
    cluster.faults.isolate(controller);
    const leader = await cluster.waitFor.leader('led-by-controller', 0, { not: controller, timeoutMs: 15_000 });
    expect(others).toContain(leader);
    await cluster.waitFor.brokersUnfenced({ timeoutMs: 15_000 });
  });

  it('isolation with clients dropped: a client of that node alone cannot produce', async () => {
    const leader = cluster.leaderOf('faults', 0)!;
    cluster.faults.isolate(leader, { clients: 'drop' });
    const producer = clientOf(leader).producer({ retry: { retries: 0 } });
    await expect(producer.connect().then(() => producer.send({ topic: 'faults', messages: [{ value: 'x' }] }))).rejects.toThrow();
    await producer.disconnect().catch(() => undefined);
  });
});

describe('client faults', () => {
  it('failRequests: the errors reach a client that does not retry, and a retrying client gets its record in once', async () => {
    const leader = cluster.leaderOf('faults', 0)!;
    const before = await endOffset('faults');
    cluster.faults.failRequests(leader, PRODUCE, [ErrorCode.NOT_LEADER_OR_FOLLOWER]);
    const strict = kafkaClient(cluster).producer({ retry: { retries: 0 } });
    await strict.connect();
    await expect(strict.send({ topic: 'faults', acks: -1, messages: [{ value: 'refused' }] })).rejects.toThrow(/leader/i);
    await strict.disconnect();
    cluster.faults.failRequests(leader, PRODUCE, [ErrorCode.NOT_LEADER_OR_FOLLOWER, ErrorCode.REQUEST_TIMED_OUT]);
    const retrying = kafkaClient(cluster).producer();
    await retrying.connect();
    await retrying.send({ topic: 'faults', acks: -1, messages: [{ value: 'kept' }] });
    await retrying.disconnect();
    expect(cluster.node(leader).faults.pendingErrors(PRODUCE)).toBe(0);
    expect(await endOffset('faults')).toBe(before + 1);
  });

  it('intercept: a hook sees the decoded request and may answer it with an error, then pass the retry', async () => {
    const leader = cluster.leaderOf('faults', 0)!;
    const seen: string[] = [];
    cluster.faults.intercept(leader, PRODUCE, (request) => {
      const body = request.body as { topicData: { name: string }[] };
      seen.push(body.topicData[0]!.name);
      return seen.length === 1 ? { errorCode: ErrorCode.NOT_ENOUGH_REPLICAS } : undefined;
    });
    const producer = kafkaClient(cluster).producer();
    await producer.connect();
    await producer.send({ topic: 'faults', acks: -1, messages: [{ value: 'hooked' }] });
    await producer.disconnect();
    expect(seen).toEqual(['faults', 'faults']);
  });

  it('setLatency and a delaying hook hold the answers at least that long', async () => {
    const leader = cluster.leaderOf('faults', 0)!;
    const producer = clientOf(leader).producer();
    await producer.connect();
    cluster.faults.setLatency(leader, 300);
    let startedMs = Date.now();
    await producer.send({ topic: 'faults', acks: -1, messages: [{ value: 'slow' }] });
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(290);
    cluster.faults.setLatency(leader, 0);
    cluster.faults.intercept(leader, PRODUCE, () => ({ delayMs: 300 }));
    startedMs = Date.now();
    await producer.send({ topic: 'faults', acks: -1, messages: [{ value: 'slow' }] });
    expect(Date.now() - startedMs).toBeGreaterThanOrEqual(290);
    await producer.disconnect();
  });

  it('dropConnections: clients of the node reconnect and carry on', async () => {
    const leader = cluster.leaderOf('faults', 0)!;
    const connections: number[] = [];
    cluster.faults.intercept(leader, PRODUCE, (request) => {
      connections.push(request.connectionId);
    });
    const producer = clientOf(leader, 5).producer();
    await producer.connect();
    await producer.send({ topic: 'faults', acks: -1, messages: [{ value: 'one' }] });
    cluster.faults.dropConnections(leader);
    await producer.send({ topic: 'faults', acks: -1, messages: [{ value: 'two' }] });
    expect(connections).toHaveLength(2);
    expect(connections[1]).not.toBe(connections[0]);
    await producer.disconnect();
  });
});
