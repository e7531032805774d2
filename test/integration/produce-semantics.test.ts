// Produce, Fetch and ListOffsets details clients depend on: long polling, offsets by time, log
// append time, size limits, old message formats, auto-created topics, DeleteRecords and
// idempotent retries.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin } from 'kafkajs';
import { FetchApi, defaultFetchRequest } from '../../protocol/generated/api/01-fetch.js';
import { ListOffsetsApi } from '../../protocol/generated/api/02-list-offsets.js';
import { DeleteRecordsApi } from '../../protocol/generated/api/21-delete-records.js';
import { MetadataApi } from '../../protocol/generated/api/03-metadata.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { encodeMessageSet, decodeMessageSet } from '../../protocol/records/message-set.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../protocol/records/record-batch.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';

const ZERO = 'AAAAAAAAAAAAAAAAAAAAAA';
let cluster: Cluster;
let admin: Admin;
let raw: RawClient;

beforeAll(async () => {
  cluster = await startCluster();
  admin = kafkaClient(cluster).admin();
  await admin.connect();
  await admin.createTopics({ topics: [
    { topic: 'events' }, { topic: 'small', configEntries: [{ name: 'max.message.bytes', value: '1000' }] },
    { topic: 'appended', configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }] },
  ] });
  raw = await RawClient.connect(cluster.bootstrapServers);
});

afterAll(async () => {
  raw?.close();
  await admin?.disconnect();
  await cluster?.stop();
});

function produce(topic: string, records: Buffer, version = 9, extra: { acks?: number; transactionalId?: string | null } = {}) {
  return raw.request(ProduceApi, version, {
    transactionalId: extra.transactionalId ?? null, acks: extra.acks ?? 1, timeoutMs: 5000,
    topicData: [{ name: topic, partitionData: [{ index: 0, records }] }],
  }).then((r) => r.responses[0]!.partitionResponses[0]!);
}

function batch(values: string[], timestamp = Date.now(), producer?: { id: number; epoch: number; seq: number }): Buffer {
  return encodeRecordBatch({
    producerId: producer?.id, producerEpoch: producer?.epoch, baseSequence: producer?.seq,
    records: values.map((v, i) => ({ key: null, value: Buffer.from(v), timestamp: timestamp + i })),
  });
}

function fetchRequest(topic: string, offset: number, maxWaitMs: number, minBytes: number) {
  return {
    ...defaultFetchRequest(), replicaId: -1, maxWaitMs, minBytes, maxBytes: 1 << 20, sessionEpoch: -1,
    topics: [{ topic, topicId: ZERO, partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: offset, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: 1 << 20, replicaDirectoryId: ZERO }] }],
  };
}

describe('fetch long poll', () => {
  it('waits for data up to max_wait_ms and answers as soon as it arrives', async () => {
    const other = await RawClient.connect(cluster.bootstrapServers);
    const end = (await readPartition(raw, 'events', 0)).length;
    const waiting = other.request(FetchApi, 11, fetchRequest('events', end, 10_000, 1));
    await new Promise((r) => setTimeout(r, 100));
    await produce('events', batch(['late']));
    const res = await waiting;
    const records = decodeRecordBatches(res.responses[0]!.partitions[0]!.records!).flatMap((b) => b.records);
    expect(records.map((r) => r.value!.toString())).toEqual(['late']);
    other.close();
  });

  it('answers empty after max_wait_ms when nothing arrives', async () => {
    const end = (await readPartition(raw, 'events', 0)).length;
    const res = await raw.request(FetchApi, 11, fetchRequest('events', end, 200, 1));
    expect(res.responses[0]!.partitions[0]!.records!.length).toBe(0);
  });
});

describe('offsets', () => {
  it('finds offsets by timestamp, earliest, latest and max timestamp', async () => {
    await admin.createTopics({ topics: [{ topic: 'timed' }] });
    for (const t of [1000, 2000, 3000]) await produce('timed', batch([`at-${t}`, `at-${t + 1}`], t));
    const list = async (timestamp: number) => (await raw.request(ListOffsetsApi, 7, {
      replicaId: -1, isolationLevel: 0, timeoutMs: 0,
      topics: [{ name: 'timed', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp, maxNumOffsets: 1 }] }],
    })).topics[0]!.partitions[0]!;
    expect((await list(2001)).offset).toBe(3);
    expect((await list(1500)).offset).toBe(2);
    expect((await list(-2)).offset).toBe(0);
    expect((await list(-1)).offset).toBe(6);
    expect(await list(-3)).toMatchObject({ offset: 5, timestamp: 3001 });
    expect((await list(9999)).offset).toBe(-1);
  });

  it('deletes records up to an offset through kafkajs admin', async () => {
    // kafkajs looks the leader up in its metadata cache, which createTopics does not fill.
    await admin.fetchTopicMetadata({ topics: ['timed'] });
    await admin.deleteTopicRecords({ topic: 'timed', partitions: [{ partition: 0, offset: '4' }] });
    const offsets = await admin.fetchTopicOffsets('timed');
    expect(offsets[0]).toMatchObject({ low: '4', high: '6' });
  });
});

describe('produce rules', () => {
  it('stamps LogAppendTime when the topic asks for it', async () => {
    const before = Date.now();
    const r = await produce('appended', batch(['x'], 42));
    expect(r.logAppendTimeMs).toBeGreaterThanOrEqual(before);
    const [stored] = await readPartition(raw, 'appended', 0);
    expect(stored!.timestamp).toBe(r.logAppendTimeMs);
  });

  it('refuses a batch larger than max.message.bytes with MESSAGE_TOO_LARGE', async () => {
    const r = await produce('small', batch(['y'.repeat(2000)]));
    expect(r.errorCode).toBe(10);
  });

  it('refuses a batch with a bad CRC with CORRUPT_MESSAGE and appends nothing', async () => {
    const b = batch(['z']);
    b[b.length - 1]! ^= 1;
    expect((await produce('events', b)).errorCode).toBe(2);
  });

  it('refuses invalid acks', async () => {
    expect((await produce('events', batch(['a']), 9, { acks: 2 })).errorCode).toBe(21);
  });

  it('refuses client writes to internal topics with INVALID_TOPIC_EXCEPTION, while groups still commit', async () => {
    // A group's commit makes the coordinator write __consumer_offsets itself, not through Produce.
    await admin.setOffsets({ groupId: 'internal-writes', topic: 'events', partitions: [{ partition: 0, offset: '1' }] });
    const written = async (): Promise<number> => (await admin.fetchTopicOffsets('__consumer_offsets')).reduce((n, p) => n + Number(p.high), 0);
    const before = await written();
    expect(before).toBeGreaterThan(0);
    for (const topic of ['__consumer_offsets', '__transaction_state', '__cluster_metadata']) {
      const out = await produce(topic, batch(['forged']), 9, { acks: -1 });
      expect(out.errorCode, topic).toBe(17);
      expect(out.errorMessage).toBe(`Cannot append to internal topic ${topic}`);
    }
    expect(await written()).toBe(before);
  });

  it('refuses DeleteRecords on internal topics with INVALID_TOPIC_EXCEPTION, keeping committed offsets', async () => {
    await admin.setOffsets({ groupId: 'internal-trim', topic: 'events', partitions: [{ partition: 0, offset: '1' }] });
    const offsets = await admin.fetchTopicOffsets('__consumer_offsets');
    const res = await raw.request(DeleteRecordsApi, 2, { timeoutMs: 5000, topics: [
      { name: '__consumer_offsets', partitions: offsets.map((o) => ({ partitionIndex: o.partition, offset: -1 })) },
      { name: '__transaction_state', partitions: [{ partitionIndex: 0, offset: -1 }] },
      { name: '__cluster_metadata', partitions: [{ partitionIndex: 0, offset: -1 }] },
    ] });
    for (const t of res.topics) for (const p of t.partitions) expect({ topic: t.name, errorCode: p.errorCode }).toEqual({ topic: t.name, errorCode: 17 });
    expect(await admin.fetchTopicOffsets('__consumer_offsets')).toEqual(offsets);
    const [fetched] = await admin.fetchOffsets({ groupId: 'internal-trim', topics: ['events'] });
    expect(fetched!.partitions).toEqual([{ partition: 0, offset: '1', metadata: null }]);
  });

  it('accepts legacy message sets (magic 0 and 1) from old clients and serves them to old fetchers', async () => {
    await admin.createTopics({ topics: [{ topic: 'legacy' }] });
    const v0 = encodeMessageSet([{ offset: 0, key: null, value: Buffer.from('m0'), timestamp: -1 }], { magic: 0 });
    const v1 = encodeMessageSet([{ offset: 0, key: Buffer.from('k'), value: Buffer.from('m1'), timestamp: 1234 }], { magic: 1 });
    expect((await produce('legacy', v0, 2)).baseOffset).toBe(0);
    expect((await produce('legacy', v1, 2)).baseOffset).toBe(1);
    expect((await readPartition(raw, 'legacy', 0)).map((r) => r.value!.toString())).toEqual(['m0', 'm1']);
    const res = await raw.request(FetchApi, 2, fetchRequest('legacy', 0, 0, 1));
    const messages = decodeMessageSet(res.responses[0]!.partitions[0]!.records!);
    expect(messages.map((m) => [m.offset, m.value!.toString()])).toEqual([[0, 'm0'], [1, 'm1']]);
  });

  it('answers a retried idempotent batch with its first offset instead of writing it twice', async () => {
    await admin.createTopics({ topics: [{ topic: 'idempotent' }] });
    const producer = { id: 4242, epoch: 0, seq: 0 };
    const first = await produce('idempotent', batch(['a', 'b'], Date.now(), producer));
    const retry = await produce('idempotent', batch(['a', 'b'], Date.now(), producer));
    expect(retry).toMatchObject({ errorCode: 0, baseOffset: first.baseOffset });
    const gap = await produce('idempotent', batch(['c'], Date.now(), { ...producer, seq: 5 }));
    expect(gap.errorCode).toBe(45);
    expect((await readPartition(raw, 'idempotent', 0)).map((r) => r.value!.toString())).toEqual(['a', 'b']);
  });

  it('serves a kafkajs idempotent producer: a producer id from InitProducerId, every record once', async () => {
    await admin.createTopics({ topics: [{ topic: 'kafkajs-idempotent', numPartitions: 2 }] });
    const producer = kafkaClient(cluster).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (let i = 0; i < 20; i++) {
      await producer.send({ topic: 'kafkajs-idempotent', acks: -1, messages: Array.from({ length: 50 }, (_, j) => ({ key: `k${j % 7}`, value: `v${i * 50 + j}` })) });
    }
    await producer.disconnect();
    const stored = await raw.request(FetchApi, 11, fetchRequest('kafkajs-idempotent', 0, 0, 1));
    const batches = decodeRecordBatches(stored.responses[0]!.partitions[0]!.records!);
    expect(batches.length).toBeGreaterThan(0);
    for (const b of batches) expect(b.producerId).toBeGreaterThanOrEqual(0);
    const records = [...await readPartition(raw, 'kafkajs-idempotent', 0), ...await readPartition(raw, 'kafkajs-idempotent', 1)];
    expect(records.map((r) => r.value!.toString()).sort()).toEqual(Array.from({ length: 1000 }, (_, i) => `v${i}`).sort());
  });

  it('still recognises a retried idempotent batch after a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-idempotent-'));
    const producer = { id: 777, epoch: 0, seq: 0 };
    const sendTo = async (c: Cluster, values: string[], seq: number) => {
      const client = await RawClient.connect(c.bootstrapServers);
      const res = await client.request(ProduceApi, 9, {
        transactionalId: null, acks: -1, timeoutMs: 5000,
        topicData: [{ name: 'kept', partitionData: [{ index: 0, records: batch(values, Date.now(), { ...producer, seq }) }] }],
      });
      client.close();
      return res.responses[0]!.partitionResponses[0]!;
    };
    try {
      const before = await startCluster({ dataDir });
      const setup = kafkaClient(before).admin();
      await setup.createTopics({ topics: [{ topic: 'kept' }] });
      await setup.disconnect();
      expect(await sendTo(before, ['x', 'y'], 0)).toMatchObject({ errorCode: 0, baseOffset: 0 });
      expect(await sendTo(before, ['z'], 2)).toMatchObject({ errorCode: 0, baseOffset: 2 });
      await before.stop();
      const after = await startCluster({ dataDir });
      expect(await sendTo(after, ['z'], 2)).toMatchObject({ errorCode: 0, baseOffset: 2 });
      expect(await sendTo(after, ['w'], 3)).toMatchObject({ errorCode: 0, baseOffset: 3 });
      await after.stop();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('metadata', () => {
  it('creates a topic on first mention when auto.create.topics.enable is on', async () => {
    const res = await raw.request(MetadataApi, 9, { topics: [{ topicId: ZERO, name: 'brand-new' }], allowAutoTopicCreation: true, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
    expect(res.topics[0]).toMatchObject({ name: 'brand-new', errorCode: 0 });
    expect(res.topics[0]!.partitions).toHaveLength(1);
  });

  it('answers UNKNOWN_TOPIC_OR_PARTITION when the request does not allow creation', async () => {
    const res = await raw.request(MetadataApi, 9, { topics: [{ topicId: ZERO, name: 'never-made' }], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
    expect(res.topics[0]!.errorCode).toBe(3);
  });
});
