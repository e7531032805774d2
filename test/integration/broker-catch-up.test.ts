// A restarted broker must not act on the partition leadership its stale metadata remembers. Here
// node 3 leads a partition, dies, leadership moves to node 1 and more records are acknowledged
// there; then the quorum is gone (nodes 1 and 2 down) and node 3 comes back alone, with a snapshot
// that still names it leader. It can never catch up, so it must answer NOT_LEADER_OR_FOLLOWER to
// a producer, never acknowledge a write that the real leader will not have.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { ErrorCode } from '../../protocol/errors.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { silentLogger } from '../../src/logger.js';
import { KraftlingNode } from '../../src/node/node.js';
import { NodeFileSystem } from '../../storage/node-file-system.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-catch-up-'));
const running: KraftlingNode[] = [];
let cluster: Cluster | undefined;

afterAll(async () => {
  for (const n of running) n.kill();
  for (const n of cluster?.nodes ?? []) n.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve(probe()).catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The newest metadata snapshot's end offset in a node's data directory (-1 when none). */
function latestSnapshotEnd(node: number): number {
  const dir = path.join(dataDir, `node-${node}`, '__cluster_metadata-0');
  const ends = fs.readdirSync(dir).filter((f) => f.endsWith('.checkpoint')).map((f) => Number(f.split('-')[0]));
  return Math.max(-1, ...ends);
}

function restart(config: KraftlingNode['config']): KraftlingNode {
  const node = new KraftlingNode({ config, clusterId: cluster!.clusterId, logger: silentLogger(), fs: new NodeFileSystem({ durable: false }) });
  running.push(node);
  return node;
}

it('answers NOT_LEADER_OR_FOLLOWER, never an ack, until it has caught up with the quorum', async () => {
  cluster = await startCluster({
    nodes: 3, dataDir, ephemeral: false,
    overrides: {
      // A snapshot after every change: the restarted node's snapshot names it leader.
      'metadata.log.max.record.bytes.between.snapshots': '1',
      'controller.quorum.fetch.timeout.ms': '2000', 'controller.quorum.election.timeout.ms': '1000',
    },
  });
  const [n1, n2, n3] = cluster.nodes as [KraftlingNode, KraftlingNode, KraftlingNode];
  const kafka = kafkaClient(cluster);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'stale', replicaAssignment: [{ partition: 0, replicas: [3, 1] }] }] });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: 'stale', acks: -1, messages: [{ value: 'a0' }, { value: 'a1' }] });
  const committed = n3.quorumStatus!.highWatermark;
  await until('a snapshot on node 3 with the topic', () => (latestSnapshotEnd(3) >= committed ? true : undefined));

  n3.kill();
  await until('node 1 to lead', async () => {
    const p = (await admin.fetchTopicMetadata({ topics: ['stale'] })).topics[0]!.partitions[0]!;
    return p.leader === 1 ? true : undefined;
  });
  await producer.send({ topic: 'stale', acks: -1, messages: [{ value: 'b0' }] });
  await producer.disconnect();
  await admin.disconnect();
  n1.kill();
  n2.kill();

  // Node 3 alone: no quorum to catch up with. Its start never completes; its listener is open.
  const lone = restart(n3.config);
  lone.start().catch(() => undefined);
  const address = await until('node 3 to listen', () => lone.brokerAddresses[0]);
  const raw = await until('a connection', () => RawClient.connect(`${address.host}:${address.port}`));
  const res = await raw.request(ProduceApi, 9, {
    transactionalId: null, acks: 1, timeoutMs: 2000,
    topicData: [{ name: 'stale', partitionData: [{ index: 0, records: encodeRecordBatch({ records: [{ key: null, value: Buffer.from('stale write'), timestamp: Date.now() }] }) }] }],
  });
  raw.close();
  expect(res.responses[0]!.partitionResponses[0]!.errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER);
  lone.kill();

  // The whole cluster back: node 1's records are the partition's, and nothing else.
  const again = [restart(n1.config), restart(n2.config), restart(n3.config)];
  await Promise.all(again.map((n) => n.start()));
  const records = await until('the partition read from its leader', async () => {
    for (const n of again) {
      const a = n.brokerAddresses[0]!;
      const client = await RawClient.connect(`${a.host}:${a.port}`);
      try {
        return await readPartition(client, 'stale', 0);
      } catch {
        // not the leader
      } finally {
        client.close();
      }
    }
    return undefined;
  });
  expect(records.map((r) => r.value!.toString())).toEqual(['a0', 'a1', 'b0']);
});
