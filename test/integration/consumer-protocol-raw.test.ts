// KIP-848 steps a library does not let a test drive, over real TCP with raw-protocol members: a
// regex subscription picking up a topic created later, and a member that stops heartbeating being
// removed after group.consumer.session.timeout.ms so that its partitions go to the others.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawConsumerMember } from '../helpers/kip848-raw-member.js';
import { retry } from '../helpers/retry.js';

let cluster: Cluster;
const members: RawConsumerMember[] = [];
beforeAll(async () => {
  cluster = await startCluster({ overrides: { 'group.consumer.session.timeout.ms': '1500' } });
});
afterAll(async () => {
  for (const m of members) m.close();
  await cluster?.stop();
});

async function createTopic(topic: string, numPartitions: number): Promise<void> {
  const admin = kafkaClient(cluster).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
  await admin.disconnect();
}

function member(groupId: string, memberId: string, topics: string[], regex: string | null = null): RawConsumerMember {
  const m = new RawConsumerMember(cluster.bootstrapServers, groupId, memberId, topics, regex);
  members.push(m);
  return m;
}

it('assigns a topic created after the member subscribed by regex', async () => {
  await createTopic('events-1', 2);
  await createTopic('unrelated', 2);
  const m = member('g-regex', 'regex-member', [], 'events-.*');
  await retry(async () => {
    expect(await m.heartbeat()).toBe(ErrorCode.NONE);
    expect(m.ownedCount()).toBe(2);
  }, 30_000, 50);
  await createTopic('events-2', 3);
  await retry(async () => {
    expect(await m.heartbeat()).toBe(ErrorCode.NONE);
    expect(m.ownedCount()).toBe(5);
  }, 30_000, 50);
});

it('removes a member whose session expired and gives its partitions to the rest', async () => {
  await createTopic('timeouts', 4);
  const a = member('g-timeout', 'stays', ['timeouts']);
  const b = member('g-timeout', 'goes-silent', ['timeouts']);
  await retry(async () => {
    for (const m of [a, b]) expect(await m.heartbeat()).toBe(ErrorCode.NONE);
    expect([a.ownedCount(), b.ownedCount()]).toEqual([2, 2]);
  }, 30_000, 50);
  // b stops; a keeps heartbeating until the coordinator fences b and a owns everything.
  await retry(async () => {
    expect(await a.heartbeat()).toBe(ErrorCode.NONE);
    expect(a.ownedCount()).toBe(4);
  }, 30_000, 100);
  expect(await b.heartbeat()).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
});
