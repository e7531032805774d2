// SASL_PLAINTEXT with PLAIN users from the listener's JAAS entry, through kafkajs: a good user
// produces and reads back; a wrong password gets SASL_AUTHENTICATION_FAILED and a closed
// connection; a request before authenticating closes the connection; the PLAINTEXT listener
// next to it keeps working throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import type { Cluster } from '../../../src/cluster/cluster.js';
import { startCluster } from '../../helpers/cluster.js';
import { listenerAddress, metadataProbe } from '../../helpers/security.js';

const JAAS = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="admin-secret" user_admin="admin-secret" user_alice="alice-secret";';

describe('SASL PLAIN', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({
      overrides: {
        listeners: 'PLAINTEXT://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0',
        'sasl.enabled.mechanisms': 'PLAIN',
        'listener.name.sasl_plaintext.plain.sasl.jaas.config': JAAS,
      },
    });
  });
  afterAll(async () => cluster?.stop());

  const client = (password: string) => new Kafka({
    clientId: 'sasl-plain', brokers: [listenerAddress(cluster, 'SASL_PLAINTEXT')], logLevel: logLevel.NOTHING,
    sasl: { mechanism: 'plain', username: 'alice', password }, retry: { retries: 2, initialRetryTime: 50 },
  });

  it('lets a known user produce and consume', async () => {
    const kafka = client('alice-secret');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'plain-t', numPartitions: 1 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'plain-t', messages: [{ value: 'hello' }] });
    const offsets = await admin.fetchTopicOffsets('plain-t');
    expect(offsets[0]!.high).toBe('1');
    await producer.disconnect();
    await admin.disconnect();
  });

  it('refuses a wrong password with SASL_AUTHENTICATION_FAILED', async () => {
    const admin = client('wrong').admin();
    await expect(admin.connect()).rejects.toThrow(/SASL|authentication/i);
    await admin.disconnect();
  });

  it('closes a connection that sends Metadata before authenticating; others keep working', async () => {
    expect(await metadataProbe(listenerAddress(cluster, 'SASL_PLAINTEXT'))).toBe('closed');
    expect(await metadataProbe(listenerAddress(cluster, 'PLAINTEXT'))).toBe('answered');
  });
});
