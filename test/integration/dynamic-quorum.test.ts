// A dynamic quorum (KIP-853) as three processes: node 1 formatted --standalone, nodes 2 and 3 join
// as observers through controller.quorum.bootstrap.servers and become voters with
// `metadata-quorum add-controller`; then the quorum shrinks back to one voter with
// `remove-controller`, and the leader is SIGKILLed in the middle of a change. A kafkajs producer
// with acks=all runs throughout: every acknowledged record is there at the end, and no epoch ever
// had two active controllers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli-in-process.js';
import { kafkaClient } from '../helpers/cluster.js';
import { backgroundProducer, describeQuorumAt, dynamicQuorumConfigs, NodeProcesses } from '../helpers/quorum-processes.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { eventually } from '../helpers/retry.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-dynamic-quorum-'));
const nodes = new NodeProcesses();
afterAll(async () => {
  await nodes.killAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

const start = (file: string, index: number) => nodes.start(file, index);
const quorum = describeQuorumAt;

/** Runs a metadata-quorum change until it succeeds (the leader may be busy or just elected). */
async function change(args: string[]): Promise<string> {
  let last = '';
  try {
    return await eventually(async () => {
      const r = await runInProcess(['metadata-quorum', ...args]);
      last = `exit ${r.code}: ${r.stdout}${r.stderr}`;
      return r.code === 0 ? r.stdout : undefined;
    }, 60_000);
  } catch (err) {
    // What the last attempt said is what a failure needs explained.
    throw new Error(`metadata-quorum ${args.join(' ')} never succeeded; last attempt: ${last}`, { cause: err });
  }
}

describe('a dynamic quorum grows from one controller to three and back to one', () => {
  it('keeps every acknowledged record and never has two leaders in one epoch', async () => {
    const { files, brokers, controllers } = await dynamicQuorumConfigs(dir, ['default.replication.factor=3', 'min.insync.replicas=2', 'offsets.topic.replication.factor=3']);
    const clusterId = 'ZHluYW1pYy1xdW9ydW0tdA';
    expect((await runInProcess(['format', '-c', files[0]!, '--cluster-id', clusterId, '--standalone'])).code).toBe(0);
    for (const f of files.slice(1)) expect((await runInProcess(['format', '-c', f, '--cluster-id', clusterId])).code).toBe(0);
    await start(files[0]!, 0);
    await Promise.all([start(files[1]!, 1), start(files[2]!, 2)]);
    const one = await eventually(() => quorum(brokers[0]!));
    expect(one.currentVoters.map((v) => v.replicaId)).toEqual([1]);

    const kafka = kafkaClient(brokers.join(','));
    const admin = kafka.admin();
    await admin.connect();
    // Node 1, which leads the quorum until it removes itself, leads no partition of the topic, so
    // that the kill below tests the quorum, not partition failover (kill tests of their own cover that).
    const replicaAssignment = [[2, 3, 1], [3, 2, 1], [2, 1, 3]].map((replicas, partition) => ({ partition, replicas }));
    await admin.createTopics({ topics: [{ topic: 'dq', replicaAssignment }] });
    await admin.disconnect();
    const producing = await backgroundProducer(kafka, 'dq', 3);
    const { acked } = producing;

    const dirId = (n: number) => /directory\.id=(\S+)/.exec(fs.readFileSync(path.join(dir, `node-${n}`, 'meta.properties'), 'utf8'))![1]!;
    await change(['add-controller', '--bootstrap-controller', controllers[0]!, '--command-config', files[1]!]);
    await change(['add-controller', '--bootstrap-server', brokers[2]!, '--command-config', files[2]!]);
    const three = await eventually(async () => {
      const q = await quorum(brokers[1]!);
      return q?.currentVoters.length === 3 ? q : undefined;
    });
    expect(three.currentVoters.map((v) => [v.replicaId, v.replicaDirectoryId])).toEqual([1, 2, 3].map((n) => [n, dirId(n)]));

    // The leader removes itself and is SIGKILLed on the way: the removal commits or it does not,
    // and either way a majority of the voters is alive to elect the next leader.
    await eventually(async () => (acked.length >= 200 ? true : undefined));
    const victim = three.leaderId;
    expect(victim).toBe(1);
    const removal = runInProcess(['metadata-quorum', 'remove-controller', '--bootstrap-controller', controllers[victim - 1]!,
      '--controller-id', String(victim), '--controller-directory-id', dirId(victim)]);
    await new Promise((r) => setTimeout(r, 20));
    await nodes.kill(victim - 1);
    await removal;
    const survivor = brokers[[1, 2, 3].find((n) => n !== victim)! - 1]!;
    const after = await eventually(async () => {
      const q = await quorum(survivor);
      return q && q.leaderId !== victim ? q : undefined;
    });
    expect([2, 3]).toContain(after.currentVoters.length);
    await start(files[victim - 1]!, victim - 1);

    // Shrink to one voter, removing whoever leads first (the leader removing itself hands over).
    for (;;) {
      const q = await eventually(() => quorum(survivor));
      if (q.currentVoters.length === 1) break;
      const target = q.leaderId;
      await change(['remove-controller', '--bootstrap-server', survivor, '--controller-id', String(target), '--controller-directory-id', dirId(target)]);
    }
    const last = await eventually(async () => {
      const q = await quorum(brokers[0]!);
      return q?.currentVoters.length === 1 && q.observers.length === 2 ? q : undefined;
    });
    expect(last.leaderId).toBe(last.currentVoters[0]!.replicaId);

    await producing.stop();
    expect(acked.length).toBeGreaterThan(0);
    // Every partition read from its leader with raw fetches, up to its high watermark.
    const a2 = kafka.admin();
    await a2.connect();
    const partitions = (await a2.fetchTopicMetadata({ topics: ['dq'] })).topics[0]!.partitions;
    await a2.disconnect();
    const seen: string[] = [];
    for (const p of partitions) {
      const client = await RawClient.connect(brokers[p.leader - 1]!);
      try {
        seen.push(...(await readPartition(client, 'dq', p.partitionId)).map((r) => r.value?.toString() ?? ''));
      } finally {
        client.close();
      }
    }
    const present = new Set(seen);
    expect(acked.filter((v) => !present.has(v))).toEqual([]);

    // Each epoch's active controller, from every incarnation's log: one node per epoch.
    const activeByEpoch = nodes.controllersByEpoch();
    expect(activeByEpoch.size).toBeGreaterThan(1);
    for (const [epoch, ids] of activeByEpoch) expect({ epoch, ids }).toEqual({ epoch, ids: ids.slice(0, 1) });
  }, 150_000);
});
