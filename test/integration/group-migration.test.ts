// Online migration between classic and consumer groups over real TCP: two kafkajs consumers
// (classic protocol) form a group; a consumer-protocol (KIP-848) member joins, the group becomes a
// consumer group and the kafkajs members keep consuming through JoinGroup/SyncGroup/Heartbeat with
// a share of the partitions; the KIP-848 member leaves, the group turns classic again and the
// kafkajs members take its partitions from the committed offsets: every message read once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Consumer, Kafka } from 'kafkajs';
import { ErrorCode } from '../../protocol/errors.js';
import { ConsumerGroupDescribeApi } from '../../protocol/generated/api/69-consumer-group-describe.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawConsumerMember } from '../helpers/kip848-raw-member.js';
import { RawClient } from '../helpers/raw-client.js';
import { retry } from '../helpers/retry.js';

const TOPIC = 'migrating';
const GROUP = 'g-migration';
const PARTITIONS = 4;
let cluster: Cluster;
let kafka: Kafka;
const consumers: Consumer[] = [];
let raw: RawConsumerMember | undefined;

beforeAll(async () => {
  cluster = await startCluster({ overrides: { 'group.consumer.heartbeat.interval.ms': '200', 'group.initial.rebalance.delay.ms': '0' } });
  kafka = kafkaClient(cluster);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS }], waitForLeaders: true });
  await admin.disconnect();
});
afterAll(async () => {
  raw?.close();
  await Promise.all(consumers.map((c) => c.disconnect()));
  await cluster?.stop();
});

async function produce(from: number, count: number): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: TOPIC, messages: Array.from({ length: count }, (_, i) => ({ value: `m${from + i}`, partition: (from + i) % PARTITIONS })) });
  await producer.disconnect();
}

/** A kafkajs member that records what it reads and its latest assignment. */
async function classicConsumer(seen: string[]): Promise<{ assigned: Set<number> }> {
  const c = kafka.consumer({ groupId: GROUP, sessionTimeout: 10_000, heartbeatInterval: 200, rebalanceTimeout: 10_000, maxWaitTimeInMs: 200 });
  consumers.push(c);
  const assigned = new Set<number>();
  c.on(c.events.GROUP_JOIN, (e) => {
    assigned.clear();
    for (const p of e.payload.memberAssignment[TOPIC] ?? []) assigned.add(p);
  });
  await c.connect();
  await c.subscribe({ topic: TOPIC, fromBeginning: true });
  await c.run({ autoCommitThreshold: 1, eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
  return { assigned };
}

async function describeMembers(): Promise<{ errorCode: number; members: string[] }> {
  const client = await RawClient.connect(cluster.bootstrapServers.split(',')[0]!);
  try {
    const res = await client.request(ConsumerGroupDescribeApi, 0, { groupIds: [GROUP], includeAuthorizedOperations: false });
    const g = res.groups[0]!;
    return { errorCode: g.errorCode, members: g.members.map((m) => m.memberId) };
  } finally {
    client.close();
  }
}

const partitionOf = (value: string): number => Number(value.slice(1)) % PARTITIONS;

it('upgrades a kafkajs group when a KIP-848 member joins and downgrades it when that member leaves', async () => {
  const seen: string[] = [];
  await produce(0, 40);
  const c1 = await classicConsumer(seen);
  const c2 = await classicConsumer(seen);
  await retry(async () => {
    expect(seen.length).toBe(40);
    expect(c1.assigned.size + c2.assigned.size).toBe(PARTITIONS);
  }, 30_000, 50);

  // The KIP-848 member joins: the classic members rejoin and give it a share.
  raw = new RawConsumerMember(cluster.bootstrapServers, GROUP, 'kip848-member', [TOPIC]);
  await retry(async () => {
    expect(await raw!.heartbeat()).toBe(ErrorCode.NONE);
    const rawOwned = raw!.owned.flatMap((t) => t.partitions);
    expect(rawOwned.length).toBeGreaterThan(0);
    const all = [...c1.assigned, ...c2.assigned, ...rawOwned].sort();
    expect(all).toEqual([0, 1, 2, 3]);
  }, 30_000, 50);
  expect((await describeMembers()).members).toHaveLength(3);
  const rawPartitions = new Set(raw.owned.flatMap((t) => t.partitions));

  // New messages: the classic members read theirs, nothing of the KIP-848 member's partitions.
  await produce(40, 40);
  const theirs = 40 + Array.from({ length: 40 }, (_, i) => 40 + i).filter((i) => !rawPartitions.has(i % PARTITIONS)).length;
  await retry(async () => {
    expect(await raw!.heartbeat()).toBe(ErrorCode.NONE);
    expect(seen.length).toBe(theirs);
  }, 30_000, 50);
  expect(seen.slice(40).filter((v) => rawPartitions.has(partitionOf(v)))).toEqual([]);

  // It leaves: the group is classic again and the kafkajs members read the rest from the commits.
  raw.memberEpoch = -1;
  expect(await raw.heartbeat()).toBe(ErrorCode.NONE);
  await retry(async () => {
    expect(seen.length).toBe(80);
    expect(c1.assigned.size + c2.assigned.size).toBe(PARTITIONS);
  }, 30_000, 50);
  expect(new Set(seen).size).toBe(80);
  expect((await describeMembers()).errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
  const admin = kafka.admin();
  await admin.connect();
  const [described] = (await admin.describeGroups([GROUP])).groups;
  await admin.disconnect();
  expect(described!.members).toHaveLength(2);
});
