// A restarted broker acts on no partition leadership before it has caught up with the metadata
// log and been unfenced. The node here led a partition, was killed, and leadership moved while it
// was down (the real leader stays up); it restarts from a metadata snapshot that still says it
// leads, cut off from the other voters by a proxy so it cannot catch up. A producer sending to it
// right away must never be acknowledged: it gets NOT_LEADER_OR_FOLLOWER (at once, or once the node
// has caught up), and after the cut heals the record goes to the real leader only.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { ErrorCode } from '../../protocol/errors.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { silentLogger } from '../../src/logger.js';
import { KraftlingNode } from '../../src/node/node.js';
import { NodeFileSystem } from '../../storage/node-file-system.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { isolatedConfig } from '../helpers/isolated-node.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { retry } from '../helpers/retry.js';

/** How long the probe waits for an answer before lifting the cut (a held request is no ack either). */
const HELD_MS = 2_000;
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});


/** End offsets of the node's metadata snapshots (`<offset>-<epoch>.checkpoint`). */
function snapshotEndOffsets(node: KraftlingNode): number[] {
  const dir = `${node.config.metadataLogDir}/__cluster_metadata-0`;
  return fs.readdirSync(dir).filter((f) => f.endsWith('.checkpoint')).map((f) => Number(f.split('-')[0]));
}

describe('a restarted broker with a stale image', () => {
  it('answers a producer NOT_LEADER_OR_FOLLOWER, never success, and the record lands on the real leader only', async () => {
    const cluster: Cluster = await startCluster({
      nodes: 3,
      overrides: {
        // Every new image is snapshotted: the victim restarts from one that says it leads.
        'metadata.log.max.record.bytes.between.snapshots': '1',
        'controller.quorum.fetch.timeout.ms': '2000', 'controller.quorum.election.timeout.ms': '1000', 'broker.session.timeout.ms': '4000',
      },
    });
    cleanups.push(() => cluster.stop());
    const victim = cluster.nodes.find((n) => n.quorumStatus?.role !== 'leader')!;
    const others = cluster.nodes.filter((n) => n !== victim);
    const kafka = kafkaClient(cluster);
    const admin = kafka.admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    await admin.createTopics({ topics: [{ topic: 'moved', replicaAssignment: [{ partition: 0, replicas: [victim.nodeId, ...others.map((n) => n.nodeId)] }] }] });
    await retry(async () => {
      const p = (await admin.fetchTopicMetadata({ topics: ['moved'] })).topics[0]!.partitions[0]!;
      if (p.leader !== victim.nodeId || p.isr.length !== 3) throw new Error('not led by the victim with a full ISR yet');
    });
    // A snapshot on the victim that holds its leadership: more metadata until one covers it.
    const covered = victim.quorumStatus!.highWatermark;
    await retry(async () => {
      await admin.createTopics({ topics: [{ topic: `nudge-${Date.now()}` }] });
      if (!snapshotEndOffsets(victim).some((o) => o >= covered)) throw new Error('no snapshot covers the leadership yet');
    });

    victim.kill();
    const realLeader = await retry(async () => {
      const p = (await admin.fetchTopicMetadata({ topics: ['moved'] })).topics[0]!.partitions[0]!;
      if (p.leader === victim.nodeId || p.leader < 0) throw new Error('leadership has not moved yet');
      return cluster.nodes.find((n) => n.nodeId === p.leader)!;
    });

    // Cut off, it stays a follower of the leader its quorum-state names instead of calling
    // elections: the others keep their leader and take it back as soon as the proxies open.
    const { config, proxies } = await isolatedConfig(victim, others, {
      'controller.quorum.fetch.timeout.ms': '600000', 'controller.quorum.election.timeout.ms': '600000',
    });
    cleanups.push(() => Promise.all(proxies.map((p) => p.close())));
    const restarted = new KraftlingNode({ config, logger: silentLogger(), clusterId: cluster.clusterId, fs: new NodeFileSystem({ durable: false }) });
    const started = restarted.start();
    cleanups.push(() => restarted.stop());
    started.catch(() => undefined);
    await retry(async () => {
      if (restarted.brokerAddresses.length === 0) throw new Error('not listening yet');
    });
    const address = restarted.brokerAddresses[0]!;
    const raw = await RawClient.connect(`${address.host}:${address.port}`);
    cleanups.push(async () => raw.close());
    const probe = () => raw.request(ProduceApi, 9, {
      transactionalId: null, acks: 1, timeoutMs: 5000,
      topicData: [{ name: 'moved', partitionData: [{ index: 0, records: encodeRecordBatch({ records: [{ key: null, value: Buffer.from('stale-probe'), timestamp: Date.now() }] }) }] }],
    }).then((r) => r.responses[0]!.partitionResponses[0]!.errorCode);
    let errorCode: number;
    for (;;) {
      const answer = probe();
      const early = await Promise.race([answer, new Promise<'held'>((r) => setTimeout(() => r('held'), HELD_MS))]);
      if (early === 'held') {
        for (const p of proxies) p.lift();
        errorCode = await answer;
        break;
      }
      // Before its first image the node knows no topic at all: ask again.
      if (early !== ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) {
        errorCode = early;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER);

    for (const p of proxies) p.lift();
    await started;
    const producer = kafka.producer();
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    await retry(() => producer.send({ topic: 'moved', acks: -1, messages: [{ value: 'after-restart' }] }));
    const leaderAddress = realLeader.brokerAddresses[0]!;
    const reader = await RawClient.connect(`${leaderAddress.host}:${leaderAddress.port}`);
    cleanups.push(async () => reader.close());
    const values = (await readPartition(reader, 'moved', 0)).map((r) => r.value!.toString());
    expect(values).toEqual(['after-restart']);
  });
});
