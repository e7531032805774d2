// Three nodes with a SASL_SSL listener (SCRAM-SHA-512 over TLS): a node crashes (its listeners and
// connections cut at once) and comes back as a new incarnation; kafkajs reconnects and
// re-authenticates to the others, and every record acknowledged by its idempotent producer is read
// back exactly once.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import type { Cluster } from '../../../src/cluster/cluster.js';
import { KraftlingNode } from '../../../src/node/node.js';
import { silentLogger } from '../../../src/logger.js';
import { NodeFileSystem } from '../../../storage/node-file-system.js';
import { startCluster, THREE_NODE_OVERRIDES } from '../../helpers/cluster.js';
import { alterScramUser, listenerAddress, tlsFixture } from '../../helpers/security.js';

describe('SASL_SSL across a node crash and restart', () => {
  const tls = tlsFixture();
  let cluster: Cluster;
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    cluster = await startCluster({
      nodes: 3,
      extraListeners: ['SASL_SSL'],
      overrides: {
        ...THREE_NODE_OVERRIDES,
        'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
        ...tls.keys('sasl_ssl'),
      },
    });
    const reply = await alterScramUser(listenerAddress(cluster, 'PLAINTEXT'), 'app', 'app-secret', 'SCRAM-SHA-512');
    expect(reply.results[0]!.errorCode).toBe(0);
  });
  afterAll(async () => {
    for (const c of cleanups) await c();
    await cluster?.stop();
    fs.rmSync(tls.dir, { recursive: true, force: true });
  });

  it('loses no acknowledged record and duplicates none', async () => {
    const kafka = new Kafka({
      clientId: 'failover', logLevel: logLevel.NOTHING,
      brokers: [0, 1, 2].map((i) => listenerAddress(cluster, 'SASL_SSL', i)),
      ssl: { ca: [tls.ca], servername: 'localhost' }, sasl: { mechanism: 'scram-sha-512', username: 'app', password: 'app-secret' },
      retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 },
    });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'failover', numPartitions: 1, replicationFactor: 3, configEntries: [{ name: 'min.insync.replicas', value: '2' }] }], waitForLeaders: true });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const acked: string[] = [];
    const send = async (prefix: string, n: number) => {
      for (let i = 0; i < n; i++) {
        const value = `${prefix}-${i}`;
        await producer.send({ topic: 'failover', acks: -1, messages: [{ value }] });
        acked.push(value);
      }
    };
    await send('before', 20);
    const leaderId = (await admin.fetchTopicMetadata({ topics: ['failover'] })).topics[0]!.partitions[0]!.leader;
    const victim = cluster.nodes.find((n) => n.nodeId === leaderId)!;
    victim.kill();
    await send('during', 20);
    const restarted = new KraftlingNode({ config: victim.config, logger: silentLogger(), clusterId: cluster.clusterId, fs: new NodeFileSystem({ durable: false }) });
    cleanups.push(() => restarted.stop());
    await restarted.start();
    await send('after', 20);

    const consumer = kafka.consumer({ groupId: 'failover-reader' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'failover', fromBeginning: true });
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => {
        seen.push(message.value!.toString());
        if (seen.length >= acked.length) resolve();
      } });
    });
    await Promise.all([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
    expect(seen).toEqual(acked);
  }, 120_000);
});
