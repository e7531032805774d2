// A three-node cluster as three processes, started from examples/three-node's server.properties
// (ports and directories moved to free ones). kill -9 of the active controller: a new one is
// elected, admin calls and produce requests keep working, and the killed node rejoins and catches
// up, from the log, or from a snapshot when the others have trimmed their log past it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Kafka } from 'kafkajs';
import { DescribeQuorumApi } from '../../protocol/generated/api/55-describe-quorum.js';
import { startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';
import { kafkaClient } from '../helpers/cluster.js';
import { threeNodeConfigs } from '../helpers/three-node.js';
import { RawClient } from '../helpers/raw-client.js';
import { eventually } from '../helpers/retry.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-kraft-'));
const brokers: (BrokerProcess | undefined)[] = [];
afterAll(async () => {
  for (const b of brokers) b?.child.kill('SIGKILL');
  await Promise.all(brokers.map((b) => b?.exited));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The example files with free ports, a temp data dir, and snapshot settings small enough to matter. */
function writeConfigs(): Promise<{ files: string[]; bootstrap: string }> {
  return threeNodeConfigs(dir, [
    'metadata.log.segment.bytes=16384',
    'metadata.log.max.record.bytes.between.snapshots=8192',
    'metadata.max.retention.bytes=16384',
  ]);
}

async function quorum(address: string) {
  const client = await RawClient.connect(address);
  try {
    const res = await client.request(DescribeQuorumApi, 1, { topics: [{ topicName: '__cluster_metadata', partitions: [{ partitionIndex: 0 }] }] });
    return res.topics[0]!.partitions[0]!;
  } finally {
    client.close();
  }
}


describe('three processes from server.properties', () => {
  let files: string[];
  let kafka: Kafka;

  it('elects a controller and serves', async () => {
    const cfg = await writeConfigs();
    files = cfg.files;
    const started = await Promise.all(files.map((f) => startBrokerProcess(['--config', f, '--log-level', 'warn'])));
    brokers.push(...started);
    kafka = kafkaClient(cfg.bootstrap);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'replicated', numPartitions: 3 }] });
    const meta = await admin.fetchTopicMetadata({ topics: ['replicated'] });
    expect(meta.topics[0]!.partitions.every((p) => p.replicas.length === 3)).toBe(true);
    await admin.disconnect();
    const q = await quorum(brokers[0]!.bootstrap);
    expect(q.currentVoters.map((v) => v.replicaId).sort()).toEqual([1, 2, 3]);
  });

  it('survives kill -9 of the active controller and takes the node back', async () => {
    // The partitions the victim led stay with it until the new controller fences it, a session
    // timeout (1.5 s in the dev profile) after taking over, as in Kafka. The producer's retries must
    // outlast that, as an application's do (kafkajs's defaults retry for about 9 s): the client-wide
    // budget of the tests (about 2.6 s) ran out first now and then on a loaded machine.
    const producer = kafka.producer({ retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1_000 } });
    await producer.connect();
    await producer.send({ topic: 'replicated', acks: -1, messages: Array.from({ length: 50 }, (_, i) => ({ value: `before-${i}` })) });
    const { leaderId, leaderEpoch } = await quorum(brokers[0]!.bootstrap);
    const victim = leaderId - 1;
    brokers[victim]!.child.kill('SIGKILL');
    await brokers[victim]!.exited;
    const survivor = brokers[(victim + 1) % 3]!.bootstrap;
    const next = await eventually(async () => {
      const q = await quorum(survivor);
      return q.leaderId !== leaderId && q.leaderId >= 0 && q.leaderEpoch > leaderEpoch ? q : undefined;
    });
    expect(next.leaderId).not.toBe(leaderId);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'after-failover', numPartitions: 2 }] });
    await producer.send({ topic: 'replicated', acks: -1, messages: Array.from({ length: 50 }, (_, i) => ({ value: `after-${i}` })) });
    const offsets = await admin.fetchTopicOffsets('replicated');
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(100);
    // Enough metadata for the others to snapshot and trim their log past what the victim has. Two
    // replicas: once the dead broker is fenced, only two are left to place them on.
    for (let batch = 0; batch < 8; batch++) {
      await admin.createTopics({ topics: Array.from({ length: 10 }, (_, i) => ({ topic: `while-down-${batch * 10 + i}`, numPartitions: 1, replicationFactor: 2 })) });
    }
    await producer.disconnect();

    brokers[victim] = await startBrokerProcess(['--config', files[victim]!, '--log-level', 'info']);
    const back = await eventually(async () => {
      const q = await quorum(survivor);
      const lagging = q.currentVoters.find((v) => v.replicaId === leaderId)!;
      return lagging.logEndOffset >= q.highWatermark ? q : undefined;
    });
    expect(back.currentVoters).toHaveLength(3);
    const victimAdmin = kafkaClient(brokers[victim]!.bootstrap).admin();
    await victimAdmin.connect();
    const topics = await eventually(async () => {
      const t = await victimAdmin.listTopics();
      return t.length >= 82 ? t : undefined;
    });
    expect(topics).toEqual(expect.arrayContaining(['replicated', 'after-failover', 'while-down-79']));
    // Its fetches carry its new broker epoch, which the leaders send in AlterPartition (KIP-903):
    // the controller takes it back into every ISR it left.
    await eventually(async () => {
      const meta = await victimAdmin.fetchTopicMetadata({ topics: ['replicated'] });
      return meta.topics[0]!.partitions.every((p) => p.isr.includes(leaderId)) ? true : undefined;
    }, 60_000);
    await victimAdmin.disconnect();
    await admin.disconnect();
    // The restarted node was behind the others' log start, so it caught up from the leader's snapshot.
    expect(brokers[victim]!.stderr()).toMatch(/installing the leader's metadata snapshot/);
    const snapshots = fs.readdirSync(path.join(dir, `node-${leaderId}`, '__cluster_metadata-0')).filter((f) => f.endsWith('.checkpoint'));
    expect(snapshots.length).toBeGreaterThan(0);
  });

  it('hands the quorum over on SIGTERM of the active controller, before the process exits', async () => {
    // Every node logs at info, to say where the quorum went: those started at warn come back so,
    // one at a time, each caught up before the next.
    for (let i = 0; i < brokers.length; i++) {
      if (/"level":30/.test(brokers[i]!.stderr())) continue;
      brokers[i]!.child.kill('SIGKILL');
      await brokers[i]!.exited;
      brokers[i] = await startBrokerProcess(['--config', files[i]!, '--log-level', 'info']);
      await eventually(async () => {
        const q = await quorum(brokers[i]!.bootstrap);
        return q.leaderId >= 0 && q.currentVoters.every((v) => v.logEndOffset >= q.highWatermark) ? true : undefined;
      });
    }
    const { leaderId, leaderEpoch } = await quorum(brokers[0]!.bootstrap);
    const leader = brokers[leaderId - 1]!;
    leader.child.kill('SIGTERM');
    expect(await leader.exited).toBe(0);
    // Asked once, at once: the successor was elected while the old leader waited for it. Without
    // that wait, the others noticed only at their fetch timeout, 300-500 ms after the exit.
    const survivors = brokers.filter((b) => b !== leader).map((b) => b!.bootstrap);
    const views = await Promise.all(survivors.map((address) => quorum(address)));
    const successor = views.find((q) => q.leaderId >= 0 && q.leaderId !== leaderId && q.leaderEpoch > leaderEpoch);
    expect(successor).toBeDefined();
    expect(leader.stderr()).toMatch(new RegExp(`"leaderId":${successor!.leaderId}.*handed the metadata quorum over`));
  });
});
