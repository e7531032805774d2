// Partition reassignment and leader elections on a three-node cluster, through kafkajs's admin and
// the raw client, while an idempotent acks=-1 producer writes: replicas move without losing or
// repeating an acknowledged record, a restarted broker gets its preferred leadership back by
// itself, a leader killed in the middle of a reassignment leaves it to complete on the others,
// and an unclean election keeps a partition writable once its last in-sync replica is gone.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin, Producer } from 'kafkajs';
import { ElectLeadersApi } from '../../protocol/generated/api/43-elect-leaders.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { KraftlingNode } from '../../src/node/node.js';
import { silentLogger } from '../../src/logger.js';
import { NodeFileSystem } from '../../storage/node-file-system.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { retry } from '../helpers/retry.js';
import { RECOVERED, RECOVERING } from '../../src/metadata/image.js';

let cluster: Cluster;
let admin: Admin;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


beforeAll(async () => {
  // Quorum timeouts looser than the dev profile's, as in kraft-cluster.test.ts: three nodes share
  // this process with other test files. Preferred leaders are checked every second.
  cluster = await startCluster({
    nodes: 3,
    overrides: {
      'controller.quorum.fetch.timeout.ms': '2000', 'controller.quorum.election.timeout.ms': '1000',
      'broker.session.timeout.ms': '4000', 'leader.imbalance.check.interval.seconds': '1',
    },
  });
  admin = kafkaClient(cluster).admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
  await cluster?.stop();
});

function node(id: number): KraftlingNode {
  return cluster.nodes.find((n) => n.nodeId === id)!;
}

function address(id: number): string {
  const a = node(id).brokerAddresses[0]!;
  return `${a.host}:${a.port}`;
}

function activeControllerId(): number {
  return cluster.nodes.find((n) => n.quorumStatus?.role === 'leader')!.nodeId;
}

/** A killed node comes back: a new process over the same directories and controller port. */
async function restart(id: number): Promise<void> {
  const i = cluster.nodes.findIndex((n) => n.nodeId === id);
  const fresh = new KraftlingNode({ config: cluster.nodes[i]!.config, logger: silentLogger(), clusterId: cluster.clusterId, fs: new NodeFileSystem({ durable: false }) });
  cluster.nodes[i] = fresh;
  await fresh.start();
}

async function partitionInfo(topic: string) {
  return (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]!.partitions[0]!;
}

async function createTopic(topic: string, replicas: number[]): Promise<void> {
  await admin.createTopics({ topics: [{ topic, replicaAssignment: [{ partition: 0, replicas }] }] });
  await retry(async () => {
    if ((await partitionInfo(topic)).isr.length !== replicas.length) throw new Error('not all replicas in sync yet');
  });
}

/** Sends numbered 10-record batches until stopped; keeps the values whose send was acknowledged. */
function produceInBackground(producer: Producer, topic: string) {
  const acked: string[] = [];
  let next = 0;
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      const values = Array.from({ length: 10 }, () => `r${next++}`);
      try {
        await producer.send({ topic, acks: -1, messages: values.map((value) => ({ value })) });
        acked.push(...values);
      } catch {
        // Not acknowledged: it may or may not be stored, and is not checked.
        await sleep(50);
      }
    }
  })();
  return { acked, stop: async () => { stopped = true; await done; } };
}

/** Every acknowledged value is in the leader's log exactly once, in the order it was sent. */
async function expectAllAcked(leaderId: number, topic: string, acked: string[]): Promise<void> {
  const raw = await RawClient.connect(address(leaderId));
  try {
    const values = (await readPartition(raw, topic, 0)).map((r) => r.value!.toString());
    expect(new Set(values).size).toBe(values.length);
    const ackedSet = new Set(acked);
    expect(values.filter((v) => ackedSet.has(v))).toEqual(acked);
  } finally {
    raw.close();
  }
}

async function idempotentProducer(): Promise<Producer> {
  const producer = kafkaClient(cluster).producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 20, initialRetryTime: 100 } });
  await producer.connect();
  return producer;
}

async function reassignmentDone(topic: string, replicas: number[]): Promise<void> {
  await retry(async () => {
    const listed = await admin.listPartitionReassignments({ topics: [{ topic, partitions: [0] }] });
    if (listed.topics.length > 0) throw new Error('reassignment still in progress');
    const p = await partitionInfo(topic);
    expect(p.replicas).toEqual(replicas);
    expect([...p.isr].sort()).toEqual([...replicas].sort());
  });
}

function segmentBytes(id: number, topic: string): Buffer {
  const dir = path.join(node(id).config.logDir, `${topic}-0`);
  return Buffer.concat(fs.readdirSync(dir).filter((f) => f.endsWith('.log')).sort().map((f) => fs.readFileSync(path.join(dir, f))));
}

describe('partition reassignment', () => {
  it('moves a partition from [1,2] to [2,3] under acks=-1 load, losing and repeating nothing', async () => {
    await createTopic('moving', [1, 2]);
    const producer = await idempotentProducer();
    const load = produceInBackground(producer, 'moving');
    await retry(async () => expect(load.acked.length).toBeGreaterThan(200));
    await admin.alterPartitionReassignments({ topics: [{ topic: 'moving', partitionAssignment: [{ partition: 0, replicas: [2, 3] }] }] });
    await reassignmentDone('moving', [2, 3]);
    const ackedDuring = load.acked.length;
    await retry(async () => expect(load.acked.length).toBeGreaterThan(ackedDuring + 100));
    await load.stop();
    await producer.disconnect();
    // Broker 1 left the replica set: its copy is deleted.
    await retry(async () => expect(fs.existsSync(path.join(node(1).config.logDir, 'moving-0'))).toBe(false));

    // Swap the order so that 3 is preferred, and elect it through ElectLeaders: the new replica
    // then serves every acknowledged record.
    await admin.alterPartitionReassignments({ topics: [{ topic: 'moving', partitionAssignment: [{ partition: 0, replicas: [3, 2] }] }] });
    await reassignmentDone('moving', [3, 2]);
    const raw = await RawClient.connect(cluster.bootstrapServers);
    const elected = await raw.request(ElectLeadersApi, 2, { electionType: 0, timeoutMs: 10_000, topicPartitions: [{ topic: 'moving', partitions: [0] }] });
    raw.close();
    // The periodic rebalance may have got there first.
    expect([0, 84]).toContain(elected.replicaElectionResults[0]!.partitionResult[0]!.errorCode);
    await retry(async () => expect((await partitionInfo('moving')).leader).toBe(3));
    await expectAllAcked(3, 'moving', load.acked);
    // The old and the new replica hold the same bytes once the follower has caught up.
    await retry(async () => expect(segmentBytes(2, 'moving').equals(segmentBytes(3, 'moving'))).toBe(true));
  });

  it('answers Kafka errors: cancel without a reassignment, unknown brokers, unknown partitions', async () => {
    await createTopic('errors', [1, 2]);
    const raw = await RawClient.connect(cluster.bootstrapServers);
    const { AlterPartitionReassignmentsApi } = await import('../../protocol/generated/api/45-alter-partition-reassignments.js');
    const res = await raw.request(AlterPartitionReassignmentsApi, 0, {
      timeoutMs: 10_000,
      topics: [
        { name: 'errors', partitions: [{ partitionIndex: 0, replicas: null }, { partitionIndex: 0, replicas: [1, 42] }, { partitionIndex: 9, replicas: [1, 2] }] },
        { name: 'missing', partitions: [{ partitionIndex: 0, replicas: [1, 2] }] },
      ],
    });
    raw.close();
    expect(res.responses.flatMap((t) => t.partitions.map((p) => p.errorCode))).toEqual([85, 39, 3, 3]);
  });
});

describe('preferred leaders', () => {
  it('gives a restarted broker its preferred leadership back (auto.leader.rebalance.enable)', async () => {
    const preferred = [1, 2, 3].find((id) => id !== activeControllerId())!;
    const others = [1, 2, 3].filter((id) => id !== preferred);
    await createTopic('comeback', [preferred, ...others]);
    const producer = await idempotentProducer();
    const load = produceInBackground(producer, 'comeback');
    await retry(async () => expect(load.acked.length).toBeGreaterThan(100));
    node(preferred).kill();
    await retry(async () => expect(others).toContain((await partitionInfo('comeback')).leader));
    const ackedWhileDown = load.acked.length;
    await retry(async () => expect(load.acked.length).toBeGreaterThan(ackedWhileDown + 100));
    // A reassignment onto the dead broker stays in progress, as kafkajs lists it, until it is back.
    await createTopic('waiting', others);
    await admin.alterPartitionReassignments({ topics: [{ topic: 'waiting', partitionAssignment: [{ partition: 0, replicas: [...others, preferred] }] }] });
    const listed = await admin.listPartitionReassignments({ topics: [{ topic: 'waiting', partitions: [0] }] });
    expect(listed.topics).toEqual([{ name: 'waiting', partitions: [{ partition: 0, replicas: [...others, preferred], addingReplicas: [preferred], removingReplicas: [] }] }]);
    await restart(preferred);
    await reassignmentDone('waiting', [...others, preferred]);
    await retry(async () => {
      const p = await partitionInfo('comeback');
      expect(p.leader).toBe(preferred);
      expect(p.isr).toContain(preferred);
    });
    const ackedAfter = load.acked.length;
    await retry(async () => expect(load.acked.length).toBeGreaterThan(ackedAfter + 100));
    await load.stop();
    await producer.disconnect();
    await expectAllAcked(preferred, 'comeback', load.acked);
  });
});

describe('faults during a reassignment', () => {
  it('completes a reassignment whose leader is killed before the new replica caught up, keeping every acknowledged record', async () => {
    // The leader (x) is being removed, y stays, z is added; the controller is y or z, so killing x
    // keeps the quorum.
    const controller = activeControllerId();
    const x = [1, 2, 3].find((id) => id !== controller && node(id).quorumStatus !== undefined)!;
    const [y, z] = [1, 2, 3].filter((id) => id !== x) as [number, number];
    await createTopic('fault', [x, y]);
    const producer = await idempotentProducer();
    const load = produceInBackground(producer, 'fault');
    await retry(async () => expect(load.acked.length).toBeGreaterThan(2000));
    await admin.alterPartitionReassignments({ topics: [{ topic: 'fault', partitionAssignment: [{ partition: 0, replicas: [y, z] }] }] });
    node(x).kill();
    await reassignmentDone('fault', [y, z]);
    const ackedAfter = load.acked.length;
    await retry(async () => expect(load.acked.length).toBeGreaterThan(ackedAfter + 100));
    await load.stop();
    await producer.disconnect();
    const leader = (await partitionInfo('fault')).leader;
    expect([y, z]).toContain(leader);
    await expectAllAcked(leader, 'fault', load.acked);
    await restart(x);
  });
});

describe('unclean leader election', () => {
  it('lets a live out-of-sync replica lead when the last in-sync one dies, where the topic allows it', async () => {
    const z = activeControllerId();
    const [x, y] = [1, 2, 3].filter((id) => id !== z) as [number, number];
    await admin.createTopics({ topics: [{ topic: 'unclean', replicaAssignment: [{ partition: 0, replicas: [x, y] }],
      configEntries: [{ name: 'unclean.leader.election.enable', value: 'true' }] }] });
    await retry(async () => expect((await partitionInfo('unclean')).isr).toHaveLength(2));
    const producer = kafkaClient(cluster).producer({ retry: { retries: 3, initialRetryTime: 100 } });
    await producer.connect();
    const send = (values: string[]) => retry(() => producer.send({ topic: 'unclean', acks: -1, messages: values.map((value) => ({ value })) }));
    await send(['a0', 'a1']);
    // y dies and leaves the ISR; x alone acknowledges b0.
    node(y).kill();
    await retry(async () => expect((await partitionInfo('unclean')).isr).toEqual([x]));
    await send(['b0']);
    // x dies too (the quorum waits for y), then y comes back without b0.
    node(x).kill();
    await restart(y);
    await retry(async () => expect(await partitionInfo('unclean')).toMatchObject({ leader: y, isr: [y] }));
    // KIP-704: the unclean leader is RECOVERING in every live node's image until its ISR grows.
    const recovery = (): (number | undefined)[] => cluster.nodes.filter((n) => n.view.state === 'running')
      .map((n) => n.metadataImage?.topicsByName.get('unclean')?.partitions[0]?.leaderRecoveryState);
    await retry(async () => expect(new Set(recovery())).toEqual(new Set([RECOVERING])));
    await send(['c0']);
    await producer.disconnect();
    const raw = await RawClient.connect(address(y));
    const values = (await readPartition(raw, 'unclean', 0)).map((r) => r.value!.toString());
    raw.close();
    // What y had is kept; what only x had is lost, as Kafka warns.
    expect(values).toEqual(['a0', 'a1', 'c0']);
    // x comes back, drops b0 (it diverged) and rejoins the ISR with y's first change, RECOVERED.
    await restart(x);
    await retry(async () => expect((await partitionInfo('unclean')).isr.sort()).toEqual([x, y].sort()));
    await retry(async () => expect(new Set(recovery())).toEqual(new Set([RECOVERED])));
    await retry(async () => {
      const fromX = await RawClient.connect(address(x));
      try {
        expect((await readPartition(fromX, 'unclean', 0)).map((r) => r.value!.toString())).toEqual(['a0', 'a1', 'c0']);
      } finally {
        fromX.close();
      }
    });
  });
});
