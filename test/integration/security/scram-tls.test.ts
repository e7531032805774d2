// SASL_SSL with SCRAM-SHA-256, SCRAM-SHA-512 and PLAIN through kafkajs over TLS: users made with
// AlterUserScramCredentials (UserScramCredentialRecords) and described back; wrong passwords,
// a plaintext client on the TLS port, garbage and a TLS handshake that never finishes each end
// in a closed connection while the other clients keep working; a restart keeps the users.
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { Cluster } from '../../../src/cluster/cluster.js';
import { silentLogger } from '../../../src/logger.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { alterScramUser, describeScramUsers, listenerAddress, metadataProbe, tlsFixture } from '../../helpers/security.js';

const JAAS = 'org.apache.kafka.common.security.plain.PlainLoginModule required user_carol="carol-secret";';

describe('SASL_SSL with SCRAM', () => {
  const tls = tlsFixture();
  let cluster: Cluster;
  const start = () => Cluster.start({
    port: 0, logger: silentLogger(), dataDir: `${tls.dir}/data`, ephemeral: false,
    overrides: {
      listeners: 'PLAINTEXT://127.0.0.1:0,SASL_SSL://127.0.0.1:0',
      'sasl.enabled.mechanisms': 'SCRAM-SHA-256,SCRAM-SHA-512,PLAIN',
      'listener.name.sasl_ssl.plain.sasl.jaas.config': JAAS,
      ...tls.keys('sasl_ssl'),
    },
  });
  beforeAll(async () => {
    cluster = await start();
  });
  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(tls.dir, { recursive: true, force: true });
  });

  const client = (sasl: SASLOptions) => new Kafka({
    clientId: 'scram-tls', brokers: [listenerAddress(cluster, 'SASL_SSL')], logLevel: logLevel.NOTHING,
    ssl: { ca: [tls.ca], servername: 'localhost' }, sasl, retry: { retries: 2, initialRetryTime: 50 },
  });

  async function roundTrip(kafka: Kafka, topic: string): Promise<string[]> {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ value: `${topic}-1` }, { value: `${topic}-2` }] });
    const consumer = kafka.consumer({ groupId: `${topic}-g` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: string[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => {
        seen.push(message.value!.toString());
        if (seen.length === 2) resolve();
      } });
    });
    await Promise.all([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
    return seen;
  }

  it('stores SCRAM users as metadata and describes them', async () => {
    const plain = listenerAddress(cluster, 'PLAINTEXT');
    expect((await alterScramUser(plain, 'alice', 'alice-secret', 'SCRAM-SHA-256')).results).toEqual([{ user: 'alice', errorCode: 0, errorMessage: null }]);
    expect((await alterScramUser(plain, 'bob', 'bob-secret', 'SCRAM-SHA-512', 8192)).results[0]!.errorCode).toBe(0);
    expect((await alterScramUser(plain, 'eve', 'x', 'SCRAM-SHA-256', 100)).results[0]!.errorCode).toBe(ErrorCode.UNACCEPTABLE_CREDENTIAL);
    const described = await describeScramUsers(plain, ['alice', 'bob', 'nobody']);
    expect(described.results).toEqual([
      { user: 'alice', errorCode: 0, errorMessage: null, credentialInfos: [{ mechanism: 1, iterations: 4096 }] },
      { user: 'bob', errorCode: 0, errorMessage: null, credentialInfos: [{ mechanism: 2, iterations: 8192 }] },
      expect.objectContaining({ user: 'nobody', errorCode: ErrorCode.RESOURCE_NOT_FOUND }),
    ]);
  });

  it('serves SCRAM-SHA-256, SCRAM-SHA-512 and PLAIN clients over TLS', async () => {
    expect(await roundTrip(client({ mechanism: 'scram-sha-256', username: 'alice', password: 'alice-secret' }), 'scram256')).toEqual(['scram256-1', 'scram256-2']);
    expect(await roundTrip(client({ mechanism: 'scram-sha-512', username: 'bob', password: 'bob-secret' }), 'scram512')).toEqual(['scram512-1', 'scram512-2']);
    expect(await roundTrip(client({ mechanism: 'plain', username: 'carol', password: 'carol-secret' }), 'plain-tls')).toEqual(['plain-tls-1', 'plain-tls-2']);
  });

  it('refuses a wrong password, a wrong mechanism and an unknown user', async () => {
    for (const sasl of [
      { mechanism: 'scram-sha-256', username: 'alice', password: 'wrong' },
      { mechanism: 'scram-sha-512', username: 'alice', password: 'alice-secret' },
      { mechanism: 'scram-sha-256', username: 'mallory', password: 'x' },
    ] as SASLOptions[]) {
      const admin = client(sasl).admin();
      await expect(admin.connect()).rejects.toThrow(/SASL|authentication/i);
      await admin.disconnect();
    }
  });

  it('closes plaintext, garbage and stalled TLS connections; others keep working', async () => {
    const address = listenerAddress(cluster, 'SASL_SSL');
    const [host, port] = address.split(':') as [string, string];
    // A handshake that never finishes: connect and send nothing, held open during the rest.
    const stalled = net.connect({ host, port: Number(port) });
    await new Promise((r) => stalled.once('connect', r));
    expect(await metadataProbe(address)).toBe('closed');
    const garbage = net.connect({ host, port: Number(port) }, () => garbage.write(Buffer.alloc(64, 0x42)));
    await new Promise((r) => garbage.once('close', r));
    const admin = client({ mechanism: 'scram-sha-256', username: 'alice', password: 'alice-secret' }).admin();
    await admin.connect();
    expect(await admin.listTopics()).toContain('scram256');
    await admin.disconnect();
    stalled.destroy();
  });

  it('keeps SCRAM users across a restart (they are metadata records)', async () => {
    await cluster.stop();
    cluster = await start();
    const admin = client({ mechanism: 'scram-sha-512', username: 'bob', password: 'bob-secret' }).admin();
    await admin.connect();
    expect(await admin.listTopics()).toContain('scram512');
    await admin.disconnect();
  });
});
