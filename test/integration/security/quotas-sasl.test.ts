// Client quotas of authenticated users: the user a quota names is the connection's principal, as
// in Kafka. SASL PLAIN users alice and bob on one listener, ANONYMOUS on the PLAINTEXT one; a
// produce and a fetch quota set on alice alone throttle alice (over the raw client, which shows
// throttle_time_ms), not bob nor ANONYMOUS, also after the node is killed and restarts; kafkajs
// authenticated as alice still delivers.
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlterClientQuotasApi } from '../../../protocol/generated/api/49-alter-client-quotas.js';
import { FetchApi, defaultFetchRequest } from '../../../protocol/generated/api/01-fetch.js';
import { ProduceApi } from '../../../protocol/generated/api/00-produce.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { encodeRecordBatch } from '../../../protocol/records/record-batch.js';
import type { Cluster } from '../../../src/cluster/cluster.js';
import { startCluster } from '../../helpers/cluster.js';
import { RawClient } from '../../helpers/raw-client.js';
import { plainClient } from '../../helpers/sasl-client.js';
import { listenerAddress, saslPlaintextOverrides } from '../../helpers/security.js';

const JAAS = 'org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="alice-secret" user_bob="bob-secret";';
const ZERO = 'AAAAAAAAAAAAAAAAAAAAAA';
const TOPIC = 'metered';
let cluster: Cluster;
const clients: RawClient[] = [];

async function as(user: string): Promise<RawClient> {
  const client = user === 'ANONYMOUS'
    ? await RawClient.connect(listenerAddress(cluster, 'PLAINTEXT'))
    : await plainClient(listenerAddress(cluster, 'SASL_PLAINTEXT'), user, `${user}-secret`);
  clients.push(client);
  return client;
}

/** Produce v9 of 20 KB: the partition's error code and the response's throttle time. */
async function produce(client: RawClient): Promise<{ errorCode: number; throttleTimeMs: number }> {
  const records = encodeRecordBatch({ records: [{ key: null, value: Buffer.alloc(20_000, 1), timestamp: Date.now() }] });
  const res = await client.request(ProduceApi, 9, { transactionalId: null, acks: 1, timeoutMs: 10_000, topicData: [{ name: TOPIC, partitionData: [{ index: 0, records }] }] });
  return { errorCode: res.responses[0]!.partitionResponses[0]!.errorCode, throttleTimeMs: res.throttleTimeMs };
}

/** Fetch v11 from offset 0: the bytes of records answered and the throttle time. */
async function fetch(client: RawClient): Promise<{ bytes: number; throttleTimeMs: number }> {
  const res = await client.request(FetchApi, 11, {
    ...defaultFetchRequest(), replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, sessionEpoch: -1,
    topics: [{ topic: TOPIC, topicId: ZERO, partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: 0, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: 1 << 20, replicaDirectoryId: ZERO }] }],
  });
  // A throttled fetch is answered with no partitions at all.
  return { bytes: res.responses[0]?.partitions[0]?.records?.length ?? 0, throttleTimeMs: res.throttleTimeMs };
}

beforeAll(async () => {
  cluster = await startCluster({ overrides: saslPlaintextOverrides(JAAS) });
  const admin = await as('ANONYMOUS');
  const kafka = new Kafka({ brokers: [listenerAddress(cluster, 'PLAINTEXT')], logLevel: logLevel.NOTHING });
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  await kafkaAdmin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1 }] });
  await kafkaAdmin.disconnect();
  const res = await admin.request(AlterClientQuotasApi, 1, {
    validateOnly: false,
    entries: [{ entity: [{ entityType: 'user', entityName: 'alice' }], ops: [
      { key: 'producer_byte_rate', value: 1000, remove: false }, { key: 'consumer_byte_rate', value: 1000, remove: false },
    ] }],
  });
  expect(res.entries.map((e) => e.errorCode)).toEqual([ErrorCode.NONE]);
});

afterAll(async () => {
  for (const c of clients) c.close();
  await cluster?.stop();
});

describe('client quotas of SASL users', () => {
  it("a produce quota on a user throttles that user's connections only", async () => {
    for (const user of ['bob', 'ANONYMOUS']) {
      const client = await as(user);
      expect(await produce(client)).toEqual({ errorCode: ErrorCode.NONE, throttleTimeMs: 0 });
      expect(await produce(client)).toEqual({ errorCode: ErrorCode.NONE, throttleTimeMs: 0 });
    }
    const alice = await as('alice');
    const first = await produce(alice);
    expect(first.errorCode).toBe(ErrorCode.NONE);
    expect(first.throttleTimeMs).toBeGreaterThan(0);
  });

  it("a fetch quota on a user empties and throttles that user's fetches once over it, not another's", async () => {
    const bob = await as('bob');
    for (let i = 0; i < 3; i++) expect(await fetch(bob)).toMatchObject({ throttleTimeMs: 0, bytes: expect.any(Number) });
    expect((await fetch(bob)).bytes).toBeGreaterThan(20_000);
    // Alice's first answer would go over her quota: it is answered empty, with the time to wait
    // (her connection is then muted that long).
    const alice = await fetch(await as('alice'));
    expect(alice.bytes).toBe(0);
    expect(alice.throttleTimeMs).toBeGreaterThan(0);
  });

  it("after the node is killed and restarts, the user's quota still applies to that user alone", async () => {
    const id = cluster.nodes[0]!.nodeId;
    cluster.kill(id);
    await cluster.restart(id);
    expect(await produce(await as('bob'))).toEqual({ errorCode: ErrorCode.NONE, throttleTimeMs: 0 });
    const alice = await produce(await as('alice'));
    expect(alice.errorCode).toBe(ErrorCode.NONE);
    expect(alice.throttleTimeMs).toBeGreaterThan(0);
  });

  it('kafkajs authenticated as the throttled user still gets its records written', async () => {
    const kafka = new Kafka({
      clientId: 'quota-alice', brokers: [listenerAddress(cluster, 'SASL_PLAINTEXT')], logLevel: logLevel.NOTHING,
      sasl: { mechanism: 'plain', username: 'alice', password: 'alice-secret' },
    });
    const producer = kafka.producer();
    await producer.connect();
    const [sent] = await producer.send({ topic: TOPIC, acks: 1, messages: [{ value: Buffer.alloc(20_000, 2) }] });
    expect(sent!.errorCode).toBe(0);
    await producer.disconnect();
  });
});
