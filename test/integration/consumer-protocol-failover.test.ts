// Fault: the node coordinating a consumer-protocol (KIP-848) group is killed in a three-node
// cluster. Two members (raw-protocol, so each step is the test's) have settled and committed; the
// node leading the group's __consumer_offsets partition dies; another node loads the group by
// replaying the partition. The members carry on at their epochs with their partitions (no
// rebalance, no fencing), every acknowledged commit is still there, and they commit again.
// `kraftling consumer-groups --describe` shows the group, its members and its offsets from the old
// coordinator and from the new one, and refuses to reset the offsets of the live group.
import { afterAll, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { coordinatorPartition } from '../../src/coordinator/coordinator-key.js';
import { runInProcess as cli } from '../helpers/cli-in-process.js';
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
  const groups = (bootstrap: string, ...args: string[]): ReturnType<typeof cli> =>
    cli(['consumer-groups', '--bootstrap-server', bootstrap, '--describe', '--group', GROUP, ...args]);
  const ownedText = (m: RawConsumerMember): string => `${TOPIC}(${m.owned[0]!.partitions.join(',')})`;
  const membersOut = await groups(cluster.bootstrapServers, '--members', '--verbose');
  expect(membersOut.code).toBe(0);
  for (const m of members) expect(membersOut.stdout).toMatch(new RegExp(`^${GROUP}\\s+${m.memberId}\\s+\\S+\\s+\\S+\\s+2\\s+${escape(ownedText(m))}$`, 'm'));
  const listed = await cli(['consumer-groups', '--bootstrap-server', cluster.bootstrapServers, '--list', '--type', '--state']);
  expect(listed.stdout).toMatch(new RegExp(`^${GROUP}\\s+Consumer\\s+Stable$`, 'm'));
  const stateOut = await groups(cluster.bootstrapServers, '--state');
  expect(stateOut.stdout).toMatch(new RegExp(`^${GROUP}\\s+\\S+:\\d+  \\(${coordinator}\\)\\s+uniform\\s+Stable\\s+2$`, 'm'));
  const refused = await cli(['consumer-groups', '--bootstrap-server', cluster.bootstrapServers, '--reset-offsets', '--group', GROUP, '--topic', TOPIC, '--to-earliest', '--execute']);
  expect([refused.code, refused.stderr]).toEqual([1, `kraftling consumer-groups: Assignments can only be reset if the group '${GROUP}' is inactive, but the current state is Stable.\n`]);
  await admin.disconnect();
  cluster.nodes.find((n) => n.nodeId === coordinator)!.kill();
  const survivors = cluster.nodes.filter((n) => n.nodeId !== coordinator)
    .map((n) => `${n.brokerAddresses[0]!.host}:${n.brokerAddresses[0]!.port}`).join(',');
  for (const m of members) m.useBootstrap(survivors);

  // The new coordinator knows both members at their epoch: heartbeats succeed, nothing moves.
  await settle(2);
  expect(members.map((m) => m.memberEpoch)).toEqual([epoch, epoch]);
  expect(members.map((m) => JSON.stringify(m.owned))).toEqual(ownedBefore);
  // The tool, through the survivors, finds the new coordinator with the members and the offsets.
  const offsetsOut = await retry(async () => {
    const out = await groups(survivors);
    expect(out.code).toBe(0);
    return out.stdout;
  });
  for (const m of members) {
    for (const p of m.owned[0]!.partitions) expect(offsetsOut).toMatch(new RegExp(`^${GROUP}\\s+${TOPIC}\\s+${p}\\s+${100 + p}\\s+0\\s+0\\s+${m.memberId}\\s`, 'm'));
  }
  const moved = await groups(survivors, '--state');
  expect(moved.stdout).toMatch(/\s+\((\d+)\)\s+uniform\s+Stable\s+2$/m);
  expect(Number(/\((\d+)\)/.exec(moved.stdout)![1])).not.toBe(coordinator);
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

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
