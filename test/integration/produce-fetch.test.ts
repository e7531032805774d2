// A kafkajs producer writes 10,000 keyed records with headers across partitions, with and without
// gzip, acks 1 and -1; raw Fetch requests through the project's codecs and kcat (librdkafka) read
// them back complete and in order per partition; a fetch's partition limit holds (whole batches up
// to it, at least one).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompressionTypes, type Producer } from 'kafkajs';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { fetchOnce } from '../helpers/txn-requests.js';
import { decodeRecordBatches } from '../../protocol/records/record-batch.js';
import { which } from '../helpers/system.js';

const run = promisify(execFile);
const RECORDS = 10_000;
const PARTITIONS = 4;

let cluster: Cluster;
let producer: Producer;
let raw: RawClient;

beforeAll(async () => {
  cluster = await startCluster();
  const kafka = kafkaClient(cluster);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: ['plain', 'gzip'].map((topic) => ({ topic, numPartitions: PARTITIONS })) });
  await admin.disconnect();
  producer = kafka.producer();
  await producer.connect();
  raw = await RawClient.connect(cluster.bootstrapServers);
});

afterAll(async () => {
  raw?.close();
  await producer?.disconnect();
  await cluster?.stop();
});

/** Sends records key-0..key-N in batches of 500, alternating acks, and returns them by partition. */
async function produce(topic: string, compression: CompressionTypes): Promise<Map<number, string[]>> {
  const sent = new Map<number, string[]>();
  for (let start = 0; start < RECORDS; start += 500) {
    const messages = Array.from({ length: 500 }, (_, j) => {
      const i = start + j;
      return { key: `key-${i % 97}`, value: `value-${i}`, partition: i % PARTITIONS, headers: { seq: String(i), origin: 'test' } };
    });
    const acks = (start / 500) % 2 === 0 ? 1 : -1;
    const result = await producer.send({ topic, messages, acks, compression });
    expect(result.every((r) => r.errorCode === 0)).toBe(true);
    for (const m of messages) sent.set(m.partition, [...(sent.get(m.partition) ?? []), m.value]);
  }
  return sent;
}

describe.each([
  ['plain', CompressionTypes.None],
  ['gzip', CompressionTypes.GZIP],
])('%s topic', (topic, compression) => {
  let sent: Map<number, string[]>;

  beforeAll(async () => {
    sent = await produce(topic, compression);
  });

  it('reads every record back in order with raw fetches', async () => {
    for (let p = 0; p < PARTITIONS; p++) {
      const records = await readPartition(raw, topic, p);
      expect(records.map((r) => r.value!.toString())).toEqual(sent.get(p));
      expect(records.map((r) => r.offset)).toEqual(records.map((_, i) => i));
      const first = records[0]!;
      expect(first.headers.map((h) => [h.key, h.value!.toString()])).toEqual([['seq', String(p)], ['origin', 'test']]);
      expect(first.key!.toString()).toBe(`key-${p % 97}`);
    }
  });

  it('answers a fetch with whole batches up to its partition max bytes, and at least one', async () => {
    const batches = (data: { records: Buffer | null }) => decodeRecordBatches(data.records ?? Buffer.alloc(0));
    const one = batches(await fetchOnce(raw, topic, 0, 0, 0, 1));
    expect(one).toHaveLength(1);
    const limit = 3 * one[0]!.sizeBytes + 10;
    const some = await fetchOnce(raw, topic, 0, 0, 0, limit);
    expect(some.records!.length).toBeLessThanOrEqual(limit);
    expect(batches(some).length).toBeGreaterThanOrEqual(2);
    expect(batches(await fetchOnce(raw, topic, 0, 0, 0)).length).toBeGreaterThan(batches(some).length);
  });

  it.skipIf(!which('kcat'))('reads every record back with kcat (librdkafka)', async () => {
    const { stdout } = await run('kcat', ['-C', '-b', cluster.bootstrapServers, '-t', topic, '-e', '-q', '-f', '%p %o %k %s\\n'], { maxBuffer: 64 << 20 });
    const byPartition = new Map<number, string[]>();
    for (const line of stdout.trim().split('\n')) {
      const [p, , , value] = line.split(' ');
      byPartition.set(Number(p), [...(byPartition.get(Number(p)) ?? []), value!]);
    }
    for (let p = 0; p < PARTITIONS; p++) expect(byPartition.get(p)).toEqual(sent.get(p));
  });
});
