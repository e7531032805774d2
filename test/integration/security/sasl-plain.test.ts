// SASL_PLAINTEXT with PLAIN users from the listener's JAAS entry, through kafkajs: a good user
// produces and reads back; a wrong password gets SASL_AUTHENTICATION_FAILED and a closed
// connection; a request before authenticating closes the connection; the PLAINTEXT listener
// next to it keeps working throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import type { Cluster } from '../../../src/cluster/cluster.js';
import { startCluster } from '../../helpers/cluster.js';
import { listenerAddress, metadataProbe, saslPlaintextOverrides } from '../../helpers/security.js';

const JAAS = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="admin-secret" user_admin="admin-secret" user_alice="alice-secret";';

describe('SASL PLAIN', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster({
      overrides: {
        ...saslPlaintextOverrides(JAAS),
        'ssl.key.password': 'never-shown',
        'listener.name.sasl_plaintext.connections.max.reauth.ms': '60000',
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

  it('never shows a password-type key through DescribeConfigs', async () => {
    const admin = client('alice-secret').admin();
    await admin.connect();
    const { resources } = await admin.describeConfigs({ includeSynonyms: true, resources: [{ type: 4, name: '1', configNames: ['ssl.key.password'] }] });
    expect(resources[0]!.configEntries).toEqual([expect.objectContaining({ configName: 'ssl.key.password', configValue: null, isSensitive: true })]);
    expect(JSON.stringify(resources)).not.toContain('never-shown');
    await admin.disconnect();
  });

  it('re-authenticates on the same connection (KIP-368) and keeps serving', async () => {
    // With the client's threshold equal to the session lifetime, kafkajs re-authenticates before
    // every request: each one exercises the server's re-authentication path, with no waiting.
    let authentications = 0;
    const kafka = new Kafka({
      clientId: 'reauth', brokers: [listenerAddress(cluster, 'SASL_PLAINTEXT')], logLevel: logLevel.DEBUG,
      sasl: { mechanism: 'plain', username: 'alice', password: 'alice-secret' }, reauthenticationThreshold: 60_000,
      logCreator: () => ({ log }) => {
        if (/SASL PLAIN authentication successful/.test(log.message)) authentications++;
      },
    } as ConstructorParameters<typeof Kafka>[0]);
    const producer = kafka.producer();
    await producer.connect();
    for (let i = 0; i < 5; i++) await producer.send({ topic: 'plain-t', messages: [{ value: `again-${i}` }] });
    await producer.disconnect();
    expect(authentications).toBeGreaterThanOrEqual(5);
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
