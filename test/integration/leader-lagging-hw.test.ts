// A new partition leader whose high watermark lags behind the start of its epoch (it learned the
// watermark from its old leader's last fetch answer) must not tell clients a "latest" offset below
// what it will commit: Kafka answers OFFSET_NOT_AVAILABLE (LEADER_NOT_AVAILABLE before ListOffsets
// v5) until the ISR's fetches bring the watermark up, and clients ask again. Three nodes in one
// process; the old leader is cut off, and cut links hold the other follower's fetches so the lag
// lasts as long as the test looks at it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import { ListOffsetsApi } from '../../protocol/generated/api/02-list-offsets.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import type { Partition } from '../../src/replication/partition.js';
import { kafkaClient, startCluster, THREE_NODE_OVERRIDES } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { eventually, retry } from '../helpers/retry.js';

const TOPIC = 'lagging-hw';
// Loose session timeout for nodes sharing one event loop, but a lag bound far beyond the test, so no
// ISR shrink ends the lag it looks at.
const OVERRIDES = { ...THREE_NODE_OVERRIDES, 'broker.session.timeout.ms': '3000', 'replica.lag.time.max.ms': '60000' };
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3, overrides: OVERRIDES });
});

afterAll(async () => {
  await cluster?.stop();
});

/** Partition 0 as node `id` holds it. */
function partitionAt(id: number): Partition {
  const found = cluster.node(id).view.replicas!.lookup(TOPIC, 0);
  if (!('partition' in found)) throw new Error(`node ${id} does not host ${TOPIC}-0`);
  return found.partition;
}

async function listLatest(address: string, version: number): Promise<{ errorCode: number; offset: number }> {
  const client = await RawClient.connect(address);
  try {
    const res = await client.request(ListOffsetsApi, version, {
      replicaId: -1, isolationLevel: 0, timeoutMs: 0,
      topics: [{ name: TOPIC, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1, maxNumOffsets: 1 }] }],
    });
    const p = res.topics[0]!.partitions[0]!;
    return { errorCode: p.errorCode, offset: version === 0 ? p.oldStyleOffsets[0] ?? -1 : p.offset };
  } finally {
    client.close();
  }
}

function addressOf(id: number): string {
  const a = cluster.node(id).brokerAddresses[0]!;
  return `${a.host}:${a.port}`;
}

it('answers ListOffsets "latest" with a retriable error until the new leader\'s watermark reaches its epoch start', async () => {
  // The old leader (A) and its successor (B) are not the controller, so cutting A off moves only
  // the partition; C, the controller, is the other ISR member.
  const controller = await cluster.waitFor.controller();
  const [a, b] = [1, 2, 3].filter((id) => id !== controller) as [number, number];
  const c = controller;
  const admin = kafkaClient(cluster).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, replicaAssignment: [{ partition: 0, replicas: [a, b, c] }] }] });
  await cluster.waitFor.isr(TOPIC, 0, 3);
  const producer = kafkaClient(cluster).producer();
  await producer.connect();
  await producer.send({ topic: TOPIC, acks: -1, messages: Array.from({ length: 5 }, (_, i) => ({ value: `acked-${i}` })) });

  // C stops fetching from A: A's high watermark cannot pass 5, so B, which fetches offset 5, learns
  // no higher one. C's fetches to B, once B leads, are dropped too; C stays in the ISR meanwhile.
  cluster.faults.cutLink(c, a);
  try {
    await producer.send({ topic: TOPIC, acks: 1, messages: [{ value: 'acked-5' }] });
    await eventually(async () => partitionAt(b).log.logEndOffset === 6 || undefined, 10_000, 10);
    cluster.faults.cutLink(c, b);
    cluster.faults.isolate(a);
    await eventually(async () => partitionAt(b).isLeader || undefined, 30_000, 10);
    expect(partitionAt(b).leaderEpochStartOffset).toBe(6);
    expect(partitionAt(b).highWatermark).toBeLessThanOrEqual(5);
    expect(await listLatest(addressOf(b), 7)).toEqual({ errorCode: ErrorCode.OFFSET_NOT_AVAILABLE, offset: -1 });
    expect((await listLatest(addressOf(b), 1)).errorCode).toBe(ErrorCode.LEADER_NOT_AVAILABLE);
    expect((await listLatest(addressOf(b), 0)).errorCode).toBe(ErrorCode.LEADER_NOT_AVAILABLE);

    // kafkajs (ListOffsets v2) hands the retriable error to the application, as against Kafka (its
    // admin retries only unknown topics); asked again once C's fetches go through, it sees 6,
    // never the stale 5.
    await expect(admin.fetchTopicOffsets(TOPIC)).rejects.toMatchObject({ type: 'LEADER_NOT_AVAILABLE', retriable: true });
    cluster.faults.heal();
    const [high] = await retry(() => admin.fetchTopicOffsets(TOPIC), 30_000, 100);
    expect(Number(high!.high)).toBe(6);
    expect(await listLatest(addressOf(b), 7)).toEqual({ errorCode: ErrorCode.NONE, offset: 6 });
    const client = await RawClient.connect(addressOf(b));
    try {
      const values = (await readPartition(client, TOPIC, 0)).map((r) => r.value?.toString());
      expect(values).toEqual(Array.from({ length: 6 }, (_, i) => `acked-${i}`));
    } finally {
      client.close();
    }
  } finally {
    cluster.faults.clear();
    await producer.disconnect();
    await admin.disconnect();
  }
  await cluster.waitFor.isr(TOPIC, 0, 3);
});
