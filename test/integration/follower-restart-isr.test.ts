// A follower killed and restarted (a new incarnation, so a new broker epoch, KIP-903) rejoins the
// ISR only once it holds everything acknowledged before it came back, and then holds the leader's
// bytes up to the high watermark: nothing acknowledged is lost or doubled, over real TCP, with an
// idempotent kafkajs producer sending acks=all the whole time.
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Cluster } from '../../src/cluster/cluster.js';
import { silentLogger } from '../../src/logger.js';
import { KraftlingNode } from '../../src/node/node.js';
import { NodeFileSystem } from '../../storage/node-file-system.js';
import { compareReplicas, storedBatches, storedEndOffset } from '../chaos/check-replicas.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { highWatermark, readPartition } from '../helpers/read-all.js';
import { retry } from '../helpers/retry.js';

const TOPIC = 'rejoin';
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

describe('a follower killed and restarted', () => {
  it('rejoins the ISR only holding every acknowledged record, and nothing acknowledged is lost', async () => {
    const cluster: Cluster = await startCluster({ nodes: 3, overrides: { 'min.insync.replicas': '2' } });
    cleanups.push(() => cluster.stop());
    // Neither the victim nor the partition leader is the active controller: the quorum stays put.
    const controller = cluster.nodes.find((n) => n.quorumStatus?.role === 'leader')!;
    const [leader, victim] = cluster.nodes.filter((n) => n !== controller) as [KraftlingNode, KraftlingNode];
    const kafka = kafkaClient(cluster);
    const admin = kafka.admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    await admin.createTopics({ topics: [{ topic: TOPIC, replicaAssignment: [{ partition: 0, replicas: [leader.nodeId, victim.nodeId, controller.nodeId] }] }] });
    const isr = async (): Promise<number[]> => (await admin.fetchTopicMetadata({ topics: [TOPIC] })).topics[0]!.partitions[0]!.isr;
    await retry(async () => {
      if ((await isr()).length !== 3) throw new Error('ISR not full yet');
    });

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    const acked: string[] = [];
    const send = async (label: string): Promise<void> => {
      const values = Array.from({ length: 5 }, (_, i) => `${label}-${i}`);
      await retry(() => producer.send({ topic: TOPIC, acks: -1, messages: values.map((value) => ({ value })) }));
      acked.push(...values);
    };
    for (let i = 0; i < 5; i++) await send(`before-${i}`);

    victim.kill();
    for (let i = 0; i < 5; i++) await send(`down-${i}`);
    await retry(async () => {
      if ((await isr()).includes(victim.nodeId)) throw new Error('the victim is still in the ISR');
    });
    await send('shrunk');
    const ackedBeforeRestart = acked.length;

    const restarted = new KraftlingNode({ config: victim.config, logger: silentLogger(), clusterId: cluster.clusterId, fs: new NodeFileSystem({ durable: false }) });
    cleanups.push(() => restarted.stop());
    await restarted.start();
    const victimDir = path.join(victim.config.logDir, `${TOPIC}-0`);
    let sent = 0;
    // Producing while it catches up; each time the ISR has it back, it must hold what was acknowledged.
    await retry(async () => {
      await send(`catch-up-${sent++}`);
      if (!(await isr()).includes(victim.nodeId)) throw new Error('not back in the ISR yet');
    }, 120_000);
    expect(storedEndOffset(storedBatches(victimDir))).toBeGreaterThanOrEqual(ackedBeforeRestart);

    await send('after');
    const address = leader.brokerAddresses[0]!;
    const reader = await RawClient.connect(`${address.host}:${address.port}`);
    cleanups.push(async () => reader.close());
    const hw = await highWatermark(reader, TOPIC, 0);
    const values = (await readPartition(reader, TOPIC, 0)).map((r) => r.value!.toString());
    expect(values).toEqual(acked);
    const dataDirs = new Map(cluster.nodes.map((n) => [n.nodeId, n.config.logDir]));
    await retry(async () => {
      const differences = compareReplicas(dataDirs, TOPIC, 0, hw);
      if (differences.length > 0) throw new Error(differences.join('\n'));
    });
  }, 180_000);
});
