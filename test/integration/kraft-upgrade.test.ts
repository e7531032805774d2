// A static quorum (controller.quorum.voters, kraft.version 0) of three processes upgraded to a
// dynamic one on the run with `kraftling features upgrade --feature kraft.version=1`, as Kafka 4.1
// does, under a kafkajs acks=all producer: voter changes are refused before and work after (a new
// voter that does not answer ApiVersions is refused); the level survives the SIGKILL of the quorum leader; every acknowledged record is there at the end,
// and no epoch ever had two active controllers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ApiVersionsApi } from '../../protocol/generated/api/18-api-versions.js';
import { AddRaftVoterApi } from '../../protocol/generated/api/80-add-raft-voter.js';
import { ErrorCode } from '../../protocol/errors.js';
import { freePort } from '../../src/cluster/free-port.js';
import { runInProcess } from '../helpers/cli-in-process.js';
import { kafkaClient } from '../helpers/cluster.js';
import { backgroundProducer, describeQuorumAt, NodeProcesses } from '../helpers/quorum-processes.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { eventually } from '../helpers/retry.js';
import { threeNodeConfigs } from '../helpers/three-node.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-kraft-upgrade-'));
const nodes = new NodeProcesses();
afterAll(async () => {
  await nodes.killAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function withClient<T>(address: string, use: (client: RawClient) => Promise<T>): Promise<T> {
  const client = await RawClient.connect(address);
  try {
    return await use(client);
  } finally {
    client.close();
  }
}

const quorum = describeQuorumAt;

const finalizedKraftVersion = (address: string) => withClient(address, async (client) => {
  const res = await client.request(ApiVersionsApi, 3, { clientSoftwareName: 'test', clientSoftwareVersion: '1' });
  return res.finalizedFeatures.find((f) => f.name === 'kraft.version')?.maxVersionLevel ?? 0;
});

it('upgrades a running static quorum to kraft.version 1 without losing a record or electing two leaders', async () => {
  const { files, bootstrap } = await threeNodeConfigs(dir);
  const brokers = bootstrap.split(',');
  await Promise.all(files.map((f, i) => nodes.start(f, i)));
  const kafka = kafkaClient(bootstrap);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'ku', numPartitions: 3, replicationFactor: 3 }] });
  await admin.disconnect();
  const producing = await backgroundProducer(kafka, 'ku', 3);
  const { acked } = producing;

  const dirId = (n: number) => /directory\.id=(\S+)/.exec(fs.readFileSync(path.join(dir, `node-${n}`, 'meta.properties'), 'utf8'))![1]!;
  const features = (...args: string[]) => runInProcess(['features', '--bootstrap-server', bootstrap, ...args]);
  expect((await features('describe')).stdout).toMatch(/Feature: kraft\.version\tSupportedMinVersion: 0\tSupportedMaxVersion: 1\tFinalizedVersionLevel: -/);
  const before = await eventually(() => quorum(brokers[0]!));
  const notLeader = [1, 2, 3].find((n) => n !== before.leaderId)!;
  const refused = await runInProcess(['metadata-quorum', 'remove-controller', '--bootstrap-server', bootstrap,
    '--controller-id', String(notLeader), '--controller-directory-id', dirId(notLeader)]);
  expect(refused.code).not.toBe(0);

  // Voters announce themselves once per epoch just after they start: until all have, it is refused.
  let last = '';
  await eventually(async () => {
    const r = await features('upgrade', '--feature', 'kraft.version=1');
    last = r.stdout + r.stderr;
    return r.code === 0 ? true : undefined;
  }, 30_000).catch((err) => { throw new Error(`the upgrade never succeeded; last attempt: ${last}`, { cause: err }); });
  expect(last).toBe('kraft.version was upgraded to 1.\n');
  const upgraded = await eventually(() => quorum(brokers[1]!));
  expect(upgraded.currentVoters.map((v) => [v.replicaId, v.replicaDirectoryId])).toEqual([1, 2, 3].map((n) => [n, dirId(n)]));
  expect(upgraded.nodes.map((n) => n.nodeId)).toEqual([1, 2, 3]);
  for (const b of brokers) await eventually(async () => ((await finalizedKraftVersion(b)) === 1 ? true : undefined));

  // The quorum leader is SIGKILLed and comes back: kraft.version is in the log, not in memory.
  await eventually(async () => (acked.length >= 100 ? true : undefined));
  const victim = upgraded.leaderId;
  await nodes.kill(victim - 1);
  await nodes.start(files[victim - 1]!, victim - 1);
  for (const b of brokers) await eventually(async () => ((await finalizedKraftVersion(b)) === 1 ? true : undefined));

  // The leader asks a new voter for its ApiVersions first (as Kafka's AddVoterHandler): an
  // endpoint nobody answers on is refused before anything is appended.
  const deadPort = await freePort('127.0.0.1');
  const unreachable = await withClient(brokers[0]!, (client) => client.request(AddRaftVoterApi, 0, {
    clusterId: null, timeoutMs: 5000, voterId: 9, voterDirectoryId: 'CQkJCQkJCQkJCQkJCQkJCQ', listeners: [{ name: 'CONTROLLER', host: '127.0.0.1', port: deadPort }],
  }));
  expect(unreachable.errorCode).toBe(ErrorCode.REQUEST_TIMED_OUT);
  expect(unreachable.errorMessage).toContain('did not answer ApiVersions');

  // Now a voter can be removed and added back, as in any dynamic quorum.
  const q = await eventually(() => quorum(brokers[0]!));
  const target = [1, 2, 3].find((n) => n !== q.leaderId)!;
  const change = async (args: string[]) => {
    await eventually(async () => ((await runInProcess(['metadata-quorum', ...args])).code === 0 ? true : undefined), 60_000);
  };
  await change(['remove-controller', '--bootstrap-server', bootstrap, '--controller-id', String(target), '--controller-directory-id', dirId(target)]);
  await eventually(async () => ((await quorum(brokers[0]!))?.currentVoters.length === 2 ? true : undefined));
  await change(['add-controller', '--bootstrap-server', bootstrap, '--command-config', files[target - 1]!]);
  await eventually(async () => ((await quorum(brokers[0]!))?.currentVoters.length === 3 ? true : undefined));

  await producing.stop();
  expect(acked.length).toBeGreaterThan(0);
  // Read from each partition's leader up to its high watermark; a leader elected just now may
  // need its followers' next fetch to raise it, so the read is repeated for a while.
  const missing = async () => {
    const a2 = kafka.admin();
    await a2.connect();
    const partitions = (await a2.fetchTopicMetadata({ topics: ['ku'] })).topics[0]!.partitions;
    await a2.disconnect();
    const seen = new Set<string>();
    for (const p of partitions) {
      const records = await withClient(brokers[p.leader - 1]!, (client) => readPartition(client, 'ku', p.partitionId));
      for (const r of records) seen.add(r.value?.toString() ?? '');
    }
    return acked.filter((v) => !seen.has(v));
  };
  let lost: string[] = [];
  await eventually(async () => ((lost = await missing()).length === 0 ? true : undefined), 15_000).catch(() => undefined);
  expect(lost).toEqual([]);

  // Each epoch's active controller, from every incarnation's log: one node per epoch.
  const activeByEpoch = nodes.controllersByEpoch();
  expect(activeByEpoch.size).toBeGreaterThan(1);
  for (const [epoch, ids] of activeByEpoch) expect({ epoch, ids }).toEqual({ epoch, ids: ids.slice(0, 1) });
}, 150_000);
