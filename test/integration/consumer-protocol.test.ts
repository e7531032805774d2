// The consumer group protocol (KIP-848) through a client that speaks it: @platformatic/kafka with
// groupProtocol 'consumer' over real TCP. Members split partitions with server-side assignment,
// partitions move only after the old owner revoked them, a member leaving gives its partitions
// back, a static member's return moves nothing, committed offsets resume the group, OffsetFetch v9
// checks the fetching member's epoch, and the group APIs report it as a consumer group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Admin, Producer, stringSerializers } from '@platformatic/kafka';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { kip848Member, type Kip848Member } from '../helpers/consumer-protocol-member.js';
import { RawClient } from '../helpers/raw-client.js';
import { retry } from '../helpers/retry.js';
import { ErrorCode } from '../../protocol/errors.js';
import {
  ConsumerGroupHeartbeatApi, type ConsumerGroupHeartbeatRequest,
} from '../../protocol/generated/api/68-consumer-group-heartbeat.js';
import { ConsumerGroupDescribeApi } from '../../protocol/generated/api/69-consumer-group-describe.js';
import { OffsetFetchApi } from '../../protocol/generated/api/09-offset-fetch.js';

const eventually = (check: () => void | Promise<void>): Promise<void> => retry(async () => check(), 30_000, 100);

let cluster: Cluster;
const open: Kip848Member[] = [];

beforeAll(async () => {
  cluster = await startCluster({ overrides: { 'group.consumer.heartbeat.interval.ms': '200', 'group.consumer.session.timeout.ms': '3000' } });
});
afterAll(async () => {
  await Promise.all(open.map((m) => m.close()));
  await cluster?.stop();
});

async function createTopic(topic: string, partitions: number): Promise<void> {
  const admin = new Admin({ clientId: 'kip848-admin', bootstrapBrokers: cluster.bootstrapServers.split(',') });
  await admin.createTopics({ topics: [topic], partitions, replicas: 1 });
  await admin.close();
}

async function produce(topic: string, partitions: number, count: number, from = 0): Promise<string[]> {
  const producer = new Producer({ clientId: 'kip848-producer', bootstrapBrokers: cluster.bootstrapServers.split(','), serializers: stringSerializers, acks: -1 });
  const values = Array.from({ length: count }, (_, i) => `m${from + i}`);
  await producer.send({ messages: values.map((value, i) => ({ topic, partition: (from + i) % partitions, key: value, value })) });
  await producer.close();
  return values;
}

async function member(groupId: string, topics: string[], extra: Record<string, unknown> = {}): Promise<Kip848Member> {
  const m = await kip848Member(cluster.bootstrapServers, groupId, topics, extra);
  open.push(m);
  return m;
}

describe('consumer group protocol (KIP-848) with @platformatic/kafka', () => {
  it('splits partitions between members, moves them on join and leave, and resumes from commits', async () => {
    await createTopic('kip-a', 4);
    const first = await produce('kip-a', 4, 40);
    const m1 = await member('g-a', ['kip-a']);
    await eventually(() => expect(m1.assigned()).toEqual(['kip-a:0', 'kip-a:1', 'kip-a:2', 'kip-a:3']));
    await eventually(() => expect(m1.committed.size).toBe(40));
    const m2 = await member('g-a', ['kip-a']);
    await eventually(() => {
      expect(m1.assigned()).toHaveLength(2);
      expect(m2.assigned()).toHaveLength(2);
    });
    expect([...m1.assigned(), ...m2.assigned()].sort()).toEqual(['kip-a:0', 'kip-a:1', 'kip-a:2', 'kip-a:3']);
    // m1's fetch in flight when it gave up two partitions still asks for them, and the client
    // delivers what it returns: records produced before it comes back would be read twice (a CI
    // run under load saw it). Its next fetches ask for m1's two partitions only.
    await Promise.all([m1.fetches(2), m2.fetches(2)]);
    const second = await produce('kip-a', 4, 40, 40);
    await eventually(() => expect(new Set([...m1.seen, ...m2.seen]).size).toBe(80));
    // Each record read once: the new member started from m1's commits, not from the beginning.
    expect([...m1.seen, ...m2.seen].sort()).toEqual([...first, ...second].sort());
    await eventually(() => expect(m1.committed.size + m2.committed.size).toBe(80));
    await m2.close();
    await eventually(() => expect(m1.assigned()).toEqual(['kip-a:0', 'kip-a:1', 'kip-a:2', 'kip-a:3']));

    const admin = kafkaClient(cluster).admin();
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId: 'g-a', topics: ['kip-a'] });
    expect(offsets[0]!.partitions.map((p) => Number(p.offset))).toEqual([20, 20, 20, 20]);
    await admin.disconnect();
  });

  it('reports consumer groups in ListGroups (types filter) and ConsumerGroupDescribe', async () => {
    await createTopic('kip-b', 2);
    const m = await member('g-b', ['kip-b']);
    await eventually(() => expect(m.assigned()).toHaveLength(2));
    const admin = new Admin({ clientId: 'kip848-admin', bootstrapBrokers: cluster.bootstrapServers.split(',') });
    const listed = await admin.listGroups({ types: ['consumer'] });
    expect(listed.get('g-b')).toMatchObject({ id: 'g-b', state: 'STABLE', groupType: 'consumer' });
    const classicOnly = await admin.listGroups({ types: ['classic'] });
    expect(classicOnly.has('g-b')).toBe(false);
    await admin.close();
  });

  it('keeps a static member\'s place while it restarts (epoch -2) and refuses a second holder', async () => {
    await createTopic('kip-c', 2);
    const b = await member('g-c', ['kip-c'], { groupInstanceId: 'static-2' });
    await eventually(() => expect(b.assigned()).toHaveLength(2));
    const raw = await RawClient.connect(cluster.bootstrapServers);
    const hb = (req: Partial<ConsumerGroupHeartbeatRequest> & { memberId: string; memberEpoch: number }) =>
      raw.request(ConsumerGroupHeartbeatApi, 1, {
        groupId: 'g-c', instanceId: 'static-1', rackId: null, rebalanceTimeoutMs: -1, subscribedTopicNames: null,
        subscribedTopicRegex: null, serverAssignor: null, topicPartitions: null, ...req,
      });
    // A static member joins and heartbeats (reporting what it owns) until it holds one partition.
    let res = await hb({ memberId: 'static-a', memberEpoch: 0, rebalanceTimeoutMs: 10_000, subscribedTopicNames: ['kip-c'], topicPartitions: [] });
    let owned = res.assignment?.topicPartitions ?? [];
    await eventually(async () => {
      res = await hb({ memberId: 'static-a', memberEpoch: res.memberEpoch, topicPartitions: owned });
      owned = res.assignment?.topicPartitions ?? owned;
      expect(owned.flatMap((t) => t.partitions)).toHaveLength(1);
      expect(b.assigned()).toHaveLength(1);
    });
    const bBefore = b.assigned();
    expect((await hb({ memberId: 'static-a', memberEpoch: -2 })).memberEpoch).toBe(-2);
    // Its restart, with a new member id: the same epoch and partitions at once; nothing moved.
    const back = await hb({ memberId: 'static-a2', memberEpoch: 0, rebalanceTimeoutMs: 10_000, subscribedTopicNames: ['kip-c'], topicPartitions: [] });
    expect(back.errorCode).toBe(ErrorCode.NONE);
    expect(back.memberEpoch).toBe(res.memberEpoch);
    expect(back.assignment!.topicPartitions).toEqual(owned);
    expect(b.assigned()).toEqual(bBefore);
    // OffsetFetch v9 checks the fetching member and its epoch, as Kafka's consumer group does.
    const fetchAs = async (memberId: string | null, memberEpoch: number) => (await raw.request(OffsetFetchApi, 9, {
      groupId: '', topics: [], requireStable: true, groups: [{ groupId: 'g-c', memberId, memberEpoch, topics: [{ name: 'kip-c', partitionIndexes: [0] }] }],
    })).groups[0]!.errorCode;
    expect(await fetchAs('static-a2', back.memberEpoch)).toBe(ErrorCode.NONE);
    expect(await fetchAs(null, -1)).toBe(ErrorCode.NONE);
    expect(await fetchAs('static-a2', back.memberEpoch - 1)).toBe(ErrorCode.STALE_MEMBER_EPOCH);
    expect(await fetchAs('static-a', back.memberEpoch)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const dup = await hb({ memberId: 'static-a3', memberEpoch: 0, rebalanceTimeoutMs: 10_000, subscribedTopicNames: ['kip-c'], topicPartitions: [] });
    expect(dup.errorCode).toBe(ErrorCode.UNRELEASED_INSTANCE_ID);
    const described = await raw.request(ConsumerGroupDescribeApi, 0, { groupIds: ['g-c'], includeAuthorizedOperations: false });
    expect(described.groups[0]!.members.map((m) => m.instanceId).sort()).toEqual(['static-1', 'static-2']);
    expect(described.groups[0]!.members.find((m) => m.instanceId === 'static-1')!.assignment.topicPartitions[0]!.topicName).toBe('kip-c');
    await hb({ memberId: 'static-a2', memberEpoch: -1 });
    raw.close();
  });
});
