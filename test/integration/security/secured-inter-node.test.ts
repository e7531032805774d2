// Three nodes whose own traffic is secured: the controller listener (Raft, registration,
// forwarding) and the inter-broker listener (replica fetches) are SASL_SSL with PLAIN, as
// sasl.mechanism.controller.protocol and sasl.mechanism.inter.broker.protocol say. The quorum
// forms, a topic with three replicas gets all three in sync, and acks=all writes are readable.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../../helpers/cluster.js';
import { tlsFixture } from '../../helpers/security.js';

const JAAS = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="node" password="node-secret" user_node="node-secret";';

describe('secured traffic between nodes', () => {
  const tls = tlsFixture();
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({
      nodes: 3,
      extraListeners: ['INTERNAL'],
      overrides: {
        'controller.quorum.fetch.timeout.ms': '2000', 'controller.quorum.election.timeout.ms': '1000', 'broker.session.timeout.ms': '6000',
        'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:SASL_SSL,INTERNAL:SASL_SSL',
        'inter.broker.listener.name': 'INTERNAL',
        'sasl.enabled.mechanisms': 'PLAIN',
        'sasl.mechanism.controller.protocol': 'PLAIN',
        'sasl.mechanism.inter.broker.protocol': 'PLAIN',
        'listener.name.controller.plain.sasl.jaas.config': JAAS,
        'listener.name.internal.plain.sasl.jaas.config': JAAS,
        ...tls.keys('controller'),
        ...tls.keys('internal'),
      },
    });
  });
  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(tls.dir, { recursive: true, force: true });
  });

  it('forms the quorum and replicates over SASL_SSL', async () => {
    const kafka = kafkaClient(cluster);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'replicated', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'replicated', acks: -1, messages: [{ value: 'a' }, { value: 'b' }] });
    let isr: number[] = [];
    for (let i = 0; i < 100 && isr.length < 3; i++) {
      isr = (await admin.fetchTopicMetadata({ topics: ['replicated'] })).topics[0]!.partitions[0]!.isr;
      if (isr.length < 3) await new Promise((r) => setTimeout(r, 100));
    }
    expect(isr.sort()).toEqual([1, 2, 3]);
    expect((await admin.fetchTopicOffsets('replicated'))[0]!.high).toBe('2');
    await producer.disconnect();
    await admin.disconnect();
  }, 60_000);
});
