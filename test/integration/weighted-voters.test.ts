// Weighted voters and force-voters (kraftling's own) with three processes: node 1 is given weight 3
// of 5 in steps with `metadata-quorum set-weight`, then nodes 2 and 3 are SIGKILLed and node 1 alone
// still commits metadata. Then node 1's "data center" is lost (SIGKILL): the survivors are recovered
// offline with `force-voters`, elect and serve without what node 1 committed alone; node 1, restarted
// with its old log, follows them as an observer. No epoch ever had two active controllers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli-in-process.js';
import { kafkaClient } from '../helpers/cluster.js';
import { describeQuorumAt, dynamicQuorumConfigs, NodeProcesses } from '../helpers/quorum-processes.js';
import { eventually } from '../helpers/retry.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-weights-'));
const nodes = new NodeProcesses();
afterAll(async () => {
  await nodes.killAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

const dirIds = [1, 2, 3].map((n) => Buffer.alloc(16, n).toString('base64url'));
const start = (file: string, index: number) => nodes.start(file, index);
const kill = (index: number) => nodes.kill(index);
const quorum = describeQuorumAt;

async function createTopic(broker: string, topic: string): Promise<void> {
  const admin = kafkaClient(broker).admin();
  await admin.connect();
  try {
    await eventually(async () => ((await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }] })) ? true : undefined), 30_000);
  } finally {
    await admin.disconnect();
  }
}

it('a heavy voter decides alone, and force-voters recovers the light side when the heavy one is lost', async () => {
  const { files, brokers, controllers } = await dynamicQuorumConfigs(dir, ['offsets.topic.replication.factor=1']);
  const initial = [0, 1, 2].map((i) => `${i + 1}@${controllers[i]}:${dirIds[i]}`).join(',');
  for (const [i, f] of files.entries()) {
    const meta = path.join(dir, `node-${i + 1}`);
    fs.mkdirSync(meta, { recursive: true });
    expect((await runInProcess(['format', '-c', f, '--cluster-id', 'd2VpZ2h0ZWQtdm90ZXJzLQ', '--initial-controllers', initial])).code).toBe(0);
    // The directory id --initial-controllers names for this node.
    const props = path.join(meta, 'meta.properties');
    fs.writeFileSync(props, fs.readFileSync(props, 'utf8').replace(/directory\.id=\S+/, `directory.id=${dirIds[i]}`));
  }
  await Promise.all(files.map((f, i) => start(f, i)));
  await eventually(() => quorum(brokers[0]!));

  // Weight 1 -> 2 -> 3 in steps; 1 -> 3 at once is refused (an old and a new quorum could decide apart).
  const setWeight = (weight: number) => runInProcess(['metadata-quorum', 'set-weight', '--bootstrap-controller', controllers[1]!,
    '--controller-id', '1', '--controller-directory-id', dirIds[0]!, '--weight', String(weight)]);
  const tooBig = await setWeight(3);
  expect(tooBig.code).toBe(1);
  expect(tooBig.stderr).toContain('smaller steps');
  for (const weight of [2, 3]) await eventually(async () => ((await setWeight(weight)).code === 0 ? true : undefined), 30_000);
  const described = await runInProcess(['metadata-quorum', 'describe', '--bootstrap-server', brokers[0]!]);
  expect(described.stdout).toContain('"weight": 3');

  // Nodes 2 and 3 die: node 1 (3 of 5) still commits metadata on its own.
  await Promise.all([kill(1), kill(2)]);
  await createTopic(brokers[0]!, 'alone');
  const alone = await eventually(() => quorum(brokers[0]!));
  expect(alone.leaderId).toBe(1);

  // Now node 1's data center is lost. Nodes 2 and 3 (2 of 5) could never elect on their own: the
  // operator recovers them offline, and they elect and serve without node 1.
  await kill(0);
  for (const i of [1, 2]) {
    const forced = await runInProcess(['metadata-quorum', 'force-voters', '--config', files[i]!, '--voters', '2,3']);
    expect(forced.code, forced.stderr).toBe(0);
  }
  await Promise.all([start(files[1]!, 1), start(files[2]!, 2)]);
  const recovered = await eventually(async () => {
    const q = await quorum(brokers[1]!);
    return q && q.currentVoters.length === 2 ? q : undefined;
  }, 30_000);
  expect(recovered.currentVoters.map((v) => v.replicaId)).toEqual([2, 3]);
  await createTopic(brokers[1]!, 'recovered');
  await eventually(async () => (fs.existsSync(path.join(dir, 'node-2', '__cluster_metadata-0', 'forced-voters')) ? undefined : true));

  // What node 1 committed alone after 2 and 3 were gone is not in the recovered quorum: the price
  // of force-voters, paid knowingly.
  const admin = kafkaClient(brokers[1]!).admin();
  await admin.connect();
  const topics = await admin.listTopics();
  await admin.disconnect();
  expect(topics).toContain('recovered');
  expect(topics).not.toContain('alone');

  // Node 1 comes back with its old log. Restarted, it does not know what it had committed, so it
  // normally hears of the recovered leader first, takes its log (dropping its own suffix) and
  // follows as an observer. Should it elect itself alone first (it is a quorum of its old set), it
  // can only do so in an epoch far below theirs, steps down when it hears of them, and stops. Either
  // way the recovered leader and epoch stay as they were.
  const back = await start(files[0]!, 0);
  const joined = await eventually(async () => {
    const q = await quorum(brokers[1]!);
    const settled = q?.observers.some((o) => o.replicaId === 1) || back.stderr().includes('the metadata quorum stopped on this node');
    return settled ? q : undefined;
  }, 30_000);
  expect(joined!.leaderId).toBe(recovered.leaderId);
  expect(joined!.leaderEpoch).toBe(recovered.leaderEpoch);
  await createTopic(brokers[2]!, 'still-serving');

  // Each epoch's active controller, from every incarnation's log: one node per epoch.
  for (const [epoch, ids] of nodes.controllersByEpoch()) expect({ epoch, ids }).toEqual({ epoch, ids: ids.slice(0, 1) });
}, 180_000);
