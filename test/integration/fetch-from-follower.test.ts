// KIP-392 over real TCP: three in-process nodes in racks rack-1, rack-2 and rack-3, with Kafka's
// rack-aware replica selector. A leader answers a consumer whose Fetch (v11+) gives another
// replica's rack with that follower as its preferred read replica and no records; the follower
// serves the consumer up to its own high watermark. kafkajs (rackId) and kcat (client.rack) read
// everything from their rack's follower, and a consumer whose follower is killed goes back to the
// leader without losing or repeating a record.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompressionTypes, type Kafka } from 'kafkajs';
import { ErrorCode } from '../../protocol/errors.js';
import { FetchApi } from '../../protocol/generated/api/01-fetch.js';
import { FindCoordinatorApi } from '../../protocol/generated/api/10-find-coordinator.js';
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';
import { decodeRecordBatches } from '../../protocol/records/record-batch.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { RACK_AWARE_SELECTOR } from '../../src/config/broker-keys.js';
import { brokerAddress, kafkaClient, startCluster, THREE_NODE_OVERRIDES } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { retry } from '../helpers/retry.js';
import { which } from '../helpers/system.js';

const run = promisify(execFile);
const RACKS = ['rack-1', 'rack-2', 'rack-3'];
let cluster: Cluster;
let kafka: Kafka;

beforeAll(async () => {
  cluster = await startCluster({
    nodes: 3, racks: RACKS,
    // Consumers' long polls as asked (the dev profile caps them at 200 ms).
    overrides: { ...THREE_NODE_OVERRIDES, 'replica.selector.class': RACK_AWARE_SELECTOR, 'kraftling.consumer.fetch.max.wait.ms': '-1' },
  });
  kafka = kafkaClient(cluster);
});

afterAll(async () => {
  await cluster?.stop();
});

/** Bytes of `topic` this node has sent to consumers (its BytesOut counter). */
function bytesOut(nodeId: number, topic: string): number {
  return cluster.nodes.find((n) => n.nodeId === nodeId)!.metrics.topics.get(topic)?.bytesOut ?? 0;
}

/** A topic of one partition on all three nodes, led by node 1 (rack-1). */
async function topicLedByNode1(topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, replicaAssignment: [{ partition: 0, replicas: [1, 2, 3] }] }] });
    await retry(async () => {
      const [md] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
      expect(md!.partitions[0]!.leader).toBe(1);
      expect(md!.partitions[0]!.isr).toHaveLength(3);
    }, 30_000, 100);
  } finally {
    await admin.disconnect();
  }
}

async function produce(topic: string, values: string[]): Promise<void> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let i = 0; i < values.length; i += 25) {
      await producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages: values.slice(i, i + 25).map((value) => ({ value })) });
    }
  } finally {
    await producer.disconnect();
  }
}

/** One consumer Fetch of partition 0 (from offset 0, answered at once unless told otherwise). */
async function fetchFrom(nodeId: number, version: number, topic: string, rackId: string, fetchOffset = 0, maxWaitMs = 0) {
  const client = await RawClient.connect(brokerAddress(cluster, nodeId));
  try {
    const res = await client.request(FetchApi, version, {
      clusterId: null, replicaId: -1, replicaState: { replicaId: -1, replicaEpoch: -1 }, maxWaitMs, minBytes: 1, maxBytes: 1 << 20,
      isolationLevel: 0, sessionId: 0, sessionEpoch: -1, forgottenTopicsData: [], rackId,
      topics: [{ topic, topicId: ZERO_UUID, partitions: [{
        partition: 0, currentLeaderEpoch: -1, fetchOffset, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: 1 << 20, replicaDirectoryId: ZERO_UUID,
      }] }],
    });
    const p = res.responses[0]!.partitions[0]!;
    const values = decodeRecordBatches(p.records ?? Buffer.alloc(0)).flatMap((b) => b.records.map((r) => r.value!.toString()));
    return { errorCode: p.errorCode, preferredReadReplica: p.preferredReadReplica, highWatermark: p.highWatermark, values };
  } finally {
    client.close();
  }
}

/** A kafkajs group consumer in `rackId` reading `topic` from its start until it has `count` records
 * (then half a second more, so extra ones would show). */
async function consumeInRack(topic: string, groupId: string, rackId: string, count: number, readUncommitted = true): Promise<string[]> {
  const consumer = kafka.consumer({ groupId, rackId, readUncommitted, maxWaitTimeInMs: 100 });
  const seen: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
    await retry(async () => expect(seen.length).toBeGreaterThanOrEqual(count), 30_000, 100);
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

const valuesFor = (prefix: string, from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `${prefix}-${from + i}`);

describe('fetch from follower (KIP-392)', () => {
  it('the leader names the follower of the consumer\'s rack; a follower serves Fetch v11+ up to its high watermark', async () => {
    const topic = 'ff-raw';
    await topicLedByNode1(topic);
    const values = valuesFor('r', 0, 20);
    await produce(topic, values);
    // Each follower serves what its high watermark, learned from the leader, covers.
    for (const follower of [2, 3]) {
      await retry(async () => {
        const served = await fetchFrom(follower, 11, topic, '');
        expect(served).toEqual({ errorCode: ErrorCode.NONE, preferredReadReplica: -1, highWatermark: 20, values });
      }, 30_000, 100);
    }
    expect(await fetchFrom(1, 11, topic, 'rack-2')).toEqual({ errorCode: ErrorCode.NONE, preferredReadReplica: 2, highWatermark: 20, values: [] });
    expect(await fetchFrom(1, 12, topic, 'rack-3')).toMatchObject({ preferredReadReplica: 3, values: [] });
    // The leader's own rack, no rack, or a rack without a replica: the leader serves.
    for (const rack of ['rack-1', '', 'rack-9']) {
      expect(await fetchFrom(1, 11, topic, rack)).toEqual({ errorCode: ErrorCode.NONE, preferredReadReplica: -1, highWatermark: 20, values });
    }
    // Before v11 a consumer sends no client metadata: leaders only, as in Kafka.
    expect((await fetchFrom(2, 10, topic, '')).errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    expect((await fetchFrom(1, 10, topic, '')).values).toEqual(values);

    // In an incremental fetch session (KIP-227) the partition is answered each time too, though
    // nothing else about it changed: the client must hear where to go.
    const client = await RawClient.connect(brokerAddress(cluster, 1));
    try {
      const session = (sessionId: number, sessionEpoch: number, partitions: number[]) => client.request(FetchApi, 12, {
        clusterId: null, replicaId: -1, replicaState: { replicaId: -1, replicaEpoch: -1 }, maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20,
        isolationLevel: 0, sessionId, sessionEpoch, forgottenTopicsData: [], rackId: 'rack-2',
        topics: partitions.length === 0 ? [] : [{ topic, topicId: ZERO_UUID, partitions: partitions.map((partition) => ({
          partition, currentLeaderEpoch: -1, fetchOffset: 0, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: 1 << 20, replicaDirectoryId: ZERO_UUID,
        })) }],
      });
      const opened = await session(0, 0, [0]);
      expect(opened.sessionId).toBeGreaterThan(0);
      expect(opened.responses[0]!.partitions[0]!.preferredReadReplica).toBe(2);
      for (const epoch of [1, 2]) {
        const next = await session(opened.sessionId, epoch, []);
        expect(next.errorCode).toBe(ErrorCode.NONE);
        expect(next.responses.map((t) => t.partitions.map((p) => p.preferredReadReplica))).toEqual([[2]]);
      }
    } finally {
      client.close();
    }

    // A consumer long-polling a follower at its end is answered when the follower's high watermark
    // moves: its wait (ten minutes) outlasts this test, so an answer only at the wait's end fails it.
    const polled = fetchFrom(2, 11, topic, 'rack-2', 20, 600_000);
    await new Promise((r) => setTimeout(r, 200));
    await produce(topic, ['r-20']);
    expect(await polled).toMatchObject({ errorCode: ErrorCode.NONE, highWatermark: 21, values: ['r-20'] });
  }, 90_000);

  it('kafkajs (rackId) and kcat (client.rack) read every record from their rack\'s follower', async () => {
    const topic = 'ff-clients';
    await topicLedByNode1(topic);
    const values = valuesFor('c', 0, 60);
    await produce(topic, values);

    expect(await consumeInRack(topic, 'ff-clients-rack-3', 'rack-3', values.length)).toEqual(values);
    expect(bytesOut(3, topic)).toBeGreaterThan(0);
    expect(bytesOut(2, topic)).toBe(0);
    expect(bytesOut(1, topic)).toBe(0);

    if (!which('kcat')) return;
    const { stdout } = await run('kcat', ['-C', '-b', cluster.bootstrapServers, '-X', 'client.rack=rack-2', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%s\\n']);
    expect(stdout.trim().split('\n')).toEqual(values);
    expect(bytesOut(2, topic)).toBeGreaterThan(0);
    expect(bytesOut(1, topic)).toBe(0);
  }, 60_000);

  it('read_committed from a follower: committed transactions only, as on the leader', async () => {
    const topic = 'ff-txn';
    await topicLedByNode1(topic);
    const producer = kafka.producer({ transactionalId: 'ff-txn', idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      for (const [name, commit] of [['a', true], ['b', false], ['c', true]] as const) {
        const txn = await producer.transaction();
        await txn.send({ topic, acks: -1, messages: valuesFor(name, 0, 10).map((value) => ({ value })) });
        if (commit) await txn.commit();
        else await txn.abort();
      }
    } finally {
      await producer.disconnect();
    }
    expect(await consumeInRack(topic, 'ff-txn-rack-2', 'rack-2', 20, false)).toEqual([...valuesFor('a', 0, 10), ...valuesFor('c', 0, 10)]);
    expect(bytesOut(2, topic)).toBeGreaterThan(0);
    expect(bytesOut(1, topic)).toBe(0);
  }, 60_000);

  it('a consumer whose follower is killed goes back to the leader: every acknowledged record, once', async () => {
    const topic = 'ff-kill';
    await topicLedByNode1(topic);
    // A group coordinated elsewhere than node 3, so the kill leaves the group alone: the consumer
    // is not rebalanced, and redelivery from the last commit cannot blur what the fetches did.
    const groupId = await retry(async () => {
      for (let i = 0; i < 50; i++) {
        const client = await RawClient.connect(brokerAddress(cluster, 1));
        try {
          const c = (await client.request(FindCoordinatorApi, 4, { key: '', keyType: 0, coordinatorKeys: [`ff-kill-${i}`] })).coordinators[0]!;
          if (c.errorCode === ErrorCode.NONE && c.nodeId !== 3) return `ff-kill-${i}`;
        } finally {
          client.close();
        }
      }
      throw new Error('no group id coordinated off node 3');
    }, 30_000, 200);

    const before = valuesFor('k', 0, 100);
    const after = valuesFor('k', 100, 200);
    // metadataMaxAge bounds how long kafkajs keeps a preferred read replica it cannot reach.
    const consumer = kafka.consumer({ groupId, rackId: 'rack-3', maxWaitTimeInMs: 100, metadataMaxAge: 1_000 });
    const seen: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
      await produce(topic, before);
      await retry(async () => expect(seen).toHaveLength(before.length), 30_000, 100);
      expect(bytesOut(3, topic)).toBeGreaterThan(0);
      const fromLeaderBefore = bytesOut(1, topic);

      cluster.kill(3);
      await produce(topic, after);
      await retry(async () => expect(new Set(seen).size).toBe(before.length + after.length), 60_000, 200);
      await new Promise((r) => setTimeout(r, 500));
      expect(seen).toEqual([...before, ...after]);
      // The rest came from the leader: rack-3 has no other replica.
      expect(bytesOut(1, topic)).toBeGreaterThan(fromLeaderBefore);
    } finally {
      await consumer.disconnect();
    }
    // The log holds each acknowledged record once, in order.
    const client = await RawClient.connect(brokerAddress(cluster, 1));
    try {
      expect((await readPartition(client, topic, 0)).map((r) => r.value!.toString())).toEqual([...before, ...after]);
    } finally {
      client.close();
    }
  }, 120_000);
});
