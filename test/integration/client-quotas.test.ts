// Client quotas over TCP: AlterClientQuotas / DescribeClientQuotas with Kafka's entity rules and
// filters (the project's raw client: kafkajs has no quota admin API), and produce / fetch
// byte-rate quotas enforced as Kafka does: throttle_time_ms in the response, the connection muted
// for that long (KIP-219 versions) or the response held back (older versions). Timing checks are
// lower bounds only (a muted connection answers no sooner than the throttle), never upper ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlterClientQuotasApi, type AlterClientQuotasRequest } from '../../protocol/generated/api/49-alter-client-quotas.js';
import { DescribeClientQuotasApi, type ComponentData } from '../../protocol/generated/api/48-describe-client-quotas.js';
import { ApiVersionsApi, defaultApiVersionsRequest } from '../../protocol/generated/api/18-api-versions.js';
import { FetchApi, defaultFetchRequest } from '../../protocol/generated/api/01-fetch.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { ErrorCode } from '../../protocol/errors.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { writeRequestFrame } from '../../protocol/registry.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { startCluster, kafkaClient } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';

type Entity = { entityType: string; entityName: string | null }[];
const ZERO = 'AAAAAAAAAAAAAAAAAAAAAA';
/** Timers may fire a millisecond or two early against Date.now; the bound allows that, nothing more. */
const CLOCK_SLACK_MS = 5;

let cluster: Cluster;
let admin: RawClient;
const clients: RawClient[] = [];

async function connect(clientId: string, c: Cluster = cluster): Promise<RawClient> {
  const raw = await RawClient.connect(c.bootstrapServers);
  raw.clientId = clientId;
  clients.push(raw);
  return raw;
}

function alter(raw: RawClient, entries: AlterClientQuotasRequest['entries'], validateOnly = false) {
  return raw.request(AlterClientQuotasApi, 1, { entries, validateOnly });
}

function set(entity: Entity, values: Record<string, number>): AlterClientQuotasRequest['entries'][number] {
  return { entity, ops: Object.entries(values).map(([key, value]) => ({ key, value, remove: false })) };
}

function describeQuotas(raw: RawClient, components: ComponentData[], strict = false) {
  return raw.request(DescribeClientQuotasApi, 1, { components, strict });
}

function produceRequest(topic: string, valueBytes: number) {
  const records = encodeRecordBatch({ records: [{ key: null, value: Buffer.alloc(valueBytes, 1), timestamp: Date.now() }] });
  return { transactionalId: null, acks: 1, timeoutMs: 10_000, topicData: [{ name: topic, partitionData: [{ index: 0, records }] }] };
}

function fetchRequest(topic: string) {
  return {
    ...defaultFetchRequest(), replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, sessionEpoch: -1,
    topics: [{ topic, topicId: ZERO, partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: 0, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: 1 << 20, replicaDirectoryId: ZERO }] }],
  };
}

/** Time from now until a cheap request on the same connection is answered. */
async function nextAnswerMs(raw: RawClient): Promise<number> {
  const start = Date.now();
  await raw.request(ApiVersionsApi, 3, { ...defaultApiVersionsRequest(), clientSoftwareName: 'raw', clientSoftwareVersion: '1' });
  return Date.now() - start;
}

beforeAll(async () => {
  cluster = await startCluster();
  admin = await connect('quota-admin');
  const kafkaAdmin = kafkaClient(cluster).admin();
  await kafkaAdmin.connect();
  await kafkaAdmin.createTopics({ topics: [{ topic: 'quota-topic', numPartitions: 1 }, { topic: 'quota-kafkajs', numPartitions: 1 }] });
  await kafkaAdmin.disconnect();
});

afterAll(async () => {
  for (const c of clients) c.close();
  await cluster?.stop();
});

describe('AlterClientQuotas and DescribeClientQuotas', () => {
  it('stores quotas per entity, with defaults, and describes them with exact, default and any-name filters', async () => {
    const res = await alter(admin, [
      set([{ entityType: 'user', entityName: null }], { producer_byte_rate: 1_000_000 }),
      set([{ entityType: 'client-id', entityName: 'app' }], { producer_byte_rate: 2048, consumer_byte_rate: 4096 }),
      set([{ entityType: 'user', entityName: 'alice' }, { entityType: 'client-id', entityName: null }], { request_percentage: 50.5 }),
      set([{ entityType: 'ip', entityName: '10.0.0.1' }], { connection_creation_rate: 10 }),
    ]);
    expect(res.entries.map((e) => e.errorCode)).toEqual([0, 0, 0, 0]);

    const all = await describeQuotas(admin, []);
    expect(all.errorCode).toBe(ErrorCode.NONE);
    expect(all.entries).toHaveLength(4);
    const app = await describeQuotas(admin, [{ entityType: 'client-id', matchType: 0, match: 'app' }]);
    expect(app.entries).toEqual([{
      entity: [{ entityType: 'client-id', entityName: 'app' }],
      values: [{ key: 'producer_byte_rate', value: 2048 }, { key: 'consumer_byte_rate', value: 4096 }],
    }]);
    const defaultUser = await describeQuotas(admin, [{ entityType: 'user', matchType: 1, match: null }], true);
    expect(defaultUser.entries!.map((e) => e.values[0]!.key)).toEqual(['producer_byte_rate']);
    // Non-strict: any entity with a user part; strict: only those with nothing else.
    const anyUser = await describeQuotas(admin, [{ entityType: 'user', matchType: 2, match: null }]);
    expect(anyUser.entries).toHaveLength(2);
    const anyUserStrict = await describeQuotas(admin, [{ entityType: 'user', matchType: 2, match: null }], true);
    expect(anyUserStrict.entries).toHaveLength(1);
  });

  it('answers bad entities, keys and filters with Kafka errors, and writes nothing for validate_only', async () => {
    const res = await alter(admin, [
      set([{ entityType: 'ip', entityName: null }], { producer_byte_rate: 10 }),
      set([{ entityType: 'ip', entityName: null }, { entityType: 'user', entityName: 'u' }], { connection_creation_rate: 1 }),
      set([{ entityType: 'client-id', entityName: '' }], { producer_byte_rate: 10 }),
      set([{ entityType: 'client-id', entityName: 'x' }], { producer_byte_rate: 10.5 }),
      set([{ entityType: 'group', entityName: 'x' }], { producer_byte_rate: 10 }),
      set([], { producer_byte_rate: 10 }),
    ]);
    expect(res.entries.map((e) => e.errorCode)).toEqual(Array(6).fill(ErrorCode.INVALID_REQUEST));
    expect(res.entries[0]!.errorMessage).toBe('Invalid configuration key producer_byte_rate');

    const dry = await alter(admin, [set([{ entityType: 'client-id', entityName: 'dry' }], { producer_byte_rate: 10 })], true);
    expect(dry.entries[0]!.errorCode).toBe(ErrorCode.NONE);
    expect((await describeQuotas(admin, [{ entityType: 'client-id', matchType: 0, match: 'dry' }])).entries).toEqual([]);

    const mixed = await describeQuotas(admin, [{ entityType: 'ip', matchType: 2, match: null }, { entityType: 'user', matchType: 2, match: null }]);
    expect(mixed.errorCode).toBe(ErrorCode.INVALID_REQUEST);
    expect(mixed.entries).toBeNull();
    const unknown = await describeQuotas(admin, [{ entityType: 'group', matchType: 2, match: null }]);
    expect(unknown.errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
    const badMatch = await describeQuotas(admin, [{ entityType: 'user', matchType: 9, match: null }]);
    expect([badMatch.errorCode, badMatch.errorMessage]).toEqual([ErrorCode.INVALID_REQUEST, 'Unknown match type 9']);
  });

  it('removes a key, and the entity with its last key', async () => {
    const entity = [{ entityType: 'client-id', entityName: 'gone' }];
    await alter(admin, [set(entity, { producer_byte_rate: 100 })]);
    const res = await alter(admin, [{ entity, ops: [{ key: 'producer_byte_rate', value: 0, remove: true }] }]);
    expect(res.entries[0]!.errorCode).toBe(ErrorCode.NONE);
    expect((await describeQuotas(admin, [{ entityType: 'client-id', matchType: 0, match: 'gone' }])).entries).toEqual([]);
  });
});

describe('byte-rate quotas', () => {
  it('throttles a producer over its client-id quota and mutes its connection for the throttle time', async () => {
    // A client-id quota alone would lose to the default-user quota set above (Kafka's order puts
    // <default user> before <client-id>); <default user, client-id> comes before both.
    await alter(admin, [set([{ entityType: 'user', entityName: null }, { entityType: 'client-id', entityName: 'slow-producer' }], { producer_byte_rate: 1000 })]);
    const slow = await connect('slow-producer');
    // 11 KB against 1000 B/s measured over the 10 s a fresh sensor counts: rate ~1.1 KB/s, ~1 s of throttle.
    const res = await slow.request(ProduceApi, 7, produceRequest('quota-topic', 11_000));
    expect(res.responses[0]!.partitionResponses[0]!.errorCode).toBe(ErrorCode.NONE);
    expect(res.throttleTimeMs).toBeGreaterThan(500);
    expect(await nextAnswerMs(slow)).toBeGreaterThanOrEqual(res.throttleTimeMs / 2);

    // Another client id falls under the default user's 1 MB/s: no throttle.
    const free = await connect('free-producer');
    expect((await free.request(ProduceApi, 7, produceRequest('quota-topic', 11_000))).throttleTimeMs).toBe(0);
  });

  it('holds the response back for clients older than KIP-219', async () => {
    await alter(admin, [set([{ entityType: 'user', entityName: null }, { entityType: 'client-id', entityName: 'old-producer' }], { producer_byte_rate: 1000 })]);
    const old = await connect('old-producer');
    const start = Date.now();
    const res = await old.request(ProduceApi, 3, produceRequest('quota-topic', 11_000));
    expect(res.throttleTimeMs).toBeGreaterThan(500);
    expect(Date.now() - start).toBeGreaterThanOrEqual(res.throttleTimeMs - CLOCK_SLACK_MS);
  });

  it('mutes an acks=0 producer over its quota though it gets no response', async () => {
    await alter(admin, [set([{ entityType: 'user', entityName: null }, { entityType: 'client-id', entityName: 'fire-and-forget' }], { producer_byte_rate: 1000 })]);
    const silent = await connect('fire-and-forget');
    // Written straight to the socket: acks=0 has no response for the client to wait for.
    silent.socket.write(Buffer.concat(writeRequestFrame(ProduceApi, 7, 99, 'fire-and-forget', { ...produceRequest('quota-topic', 11_000), acks: 0 })));
    // ~1.1 s of throttle (as for acks=1 above); unmuted, the answer would take milliseconds.
    expect(await nextAnswerMs(silent)).toBeGreaterThanOrEqual(400);
  });

  it('answers a consumer over its quota with an empty, throttled fetch', async () => {
    await alter(admin, [set([{ entityType: 'user', entityName: null }, { entityType: 'client-id', entityName: 'slow-consumer' }], { consumer_byte_rate: 1000 })]);
    const consumer = await connect('slow-consumer');
    const res = await consumer.request(FetchApi, 11, fetchRequest('quota-topic'));
    expect(res.throttleTimeMs).toBeGreaterThan(0);
    expect(res.responses).toEqual([]);
    const other = await connect('free-consumer');
    const free = await other.request(FetchApi, 11, fetchRequest('quota-topic'));
    expect(free.throttleTimeMs).toBe(0);
    expect(free.responses[0]!.partitions[0]!.records!.length).toBeGreaterThan(11_000);
  });
});

describe('a kafkajs producer under a quota', () => {
  it('keeps producing, throttled: the next send waits out the throttle, and nothing is lost', async () => {
    await alter(admin, [set([{ entityType: 'user', entityName: null }, { entityType: 'client-id', entityName: 'kafkajs-slow' }], { producer_byte_rate: 1000 })]);
    const kafka = kafkaClient(cluster, 'kafkajs-slow');
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic: 'quota-kafkajs', acks: 1, messages: [{ value: Buffer.alloc(11_000, 'a') }] });
      const start = Date.now();
      await producer.send({ topic: 'quota-kafkajs', acks: 1, messages: [{ value: Buffer.alloc(100, 'b') }] });
      // ~1.1 s of throttle from the first send; the second cannot go out before it ends.
      expect(Date.now() - start).toBeGreaterThanOrEqual(500);
    } finally {
      await producer.disconnect();
    }
    const raw = await connect('reader');
    const res = await raw.request(FetchApi, 11, fetchRequest('quota-kafkajs'));
    expect(res.responses[0]!.partitions[0]!.highWatermark).toBe(2);
  });
});
