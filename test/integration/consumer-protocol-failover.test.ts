// Fault: the node coordinating a consumer-protocol (KIP-848) group is killed in a three-node
// cluster. Two members (raw-protocol, so each step is the test's) have settled and committed; the
// node leading the group's __consumer_offsets partition dies; another node loads the group by
// replaying the partition. The members carry on at their epochs with their partitions (no
// rebalance, no fencing), every acknowledged commit is still there, and they commit again.
import { afterAll, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { coordinatorPartition } from '../../src/coordinator/coordinator-key.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawConsumerMember } from '../helpers/kip848-raw-member.js';
import { retry } from '../helpers/retry.js';

const TOPIC = 'kip-fail';
const GROUP = 'g-fail';
let cluster: Cluster | undefined;
const members: RawConsumerMember[] = [];
afterAll(async () => {
  for (const m of members) m.close();
  await cluster?.stop();
});

/** Heartbeats every member until each owns `perMember` partitions and all share one epoch. */
async function settle(perMember: number): Promise<void> {
  await retry(async () => {
    for (const m of members) expect(await m.heartbeat()).toBe(ErrorCode.NONE);
    for (const m of members) expect(m.ownedCount()).toBe(perMember);
    expect(new Set(members.map((m) => m.memberEpoch)).size).toBe(1);
  }, 60_000, 50);
}

it('keeps the group and its commits when the coordinator node dies', async () => {
  cluster = await startCluster({ nodes: 3, overrides: { 'group.consumer.session.timeout.ms': '60000' } });
  const kafka = kafkaClient(cluster);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 4, replicationFactor: 3 }], waitForLeaders: true });
  members.push(new RawConsumerMember(cluster.bootstrapServers, GROUP, 'member-a', [TOPIC]));
  members.push(new RawConsumerMember(cluster.bootstrapServers, GROUP, 'member-b', [TOPIC]));
  await settle(2);
  const epoch = members[0]!.memberEpoch;
  const ownedBefore = members.map((m) => JSON.stringify(m.owned));
  for (const m of members) {
    const offsets = m.owned[0]!.partitions.map((p): [number, number] => [p, 100 + p]);
    expect(await m.commit(TOPIC, offsets)).toEqual([ErrorCode.NONE, ErrorCode.NONE]);
  }

  const meta = await admin.fetchTopicMetadata({ topics: ['__consumer_offsets'] });
  const partitions = meta.topics[0]!.partitions;
  const coordinator = partitions.find((p) => p.partitionId === coordinatorPartition(GROUP, partitions.length))!.leader;
  await admin.disconnect();
  cluster.nodes.find((n) => n.nodeId === coordinator)!.kill();
  const survivors = cluster.nodes.filter((n) => n.nodeId !== coordinator)
    .map((n) => `${n.brokerAddresses[0]!.host}:${n.brokerAddresses[0]!.port}`).join(',');
  for (const m of members) m.useBootstrap(survivors);

  // The new coordinator knows both members at their epoch: heartbeats succeed, nothing moves.
  await settle(2);
  expect(members.map((m) => m.memberEpoch)).toEqual([epoch, epoch]);
  expect(members.map((m) => JSON.stringify(m.owned))).toEqual(ownedBefore);
  const admin2 = kafkaClient(survivors).admin();
  await admin2.connect();
  const fetched = await retry(() => admin2.fetchOffsets({ groupId: GROUP, topics: [TOPIC] }));
  expect(fetched[0]!.partitions.map((p) => [p.partition, Number(p.offset)]).sort()).toEqual([[0, 100], [1, 101], [2, 102], [3, 103]]);
  await admin2.disconnect();
  for (const m of members) {
    const offsets = m.owned[0]!.partitions.map((p): [number, number] => [p, 200 + p]);
    expect(await m.commit(TOPIC, offsets)).toEqual([ErrorCode.NONE, ErrorCode.NONE]);
  }
}, 120_000);
