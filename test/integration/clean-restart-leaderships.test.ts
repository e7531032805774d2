// A broker that shut down cleanly registers again naming the broker epoch it closed its logs under
// (KIP-966's previous broker epoch, from the clean shutdown marker): its controller lets it keep
// its leaderships and their epochs, with no partition change to write, replay and apply. One
// killed with SIGKILL names none, loses its leaderships at registration and takes them back in a
// new leader epoch, since its logs may have lost what they held. Either way every acknowledged
// record is read back once, at its offset. Each start logs the replay of the metadata log it
// started with. A real process on a real data directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { MetadataApi } from '../../protocol/generated/api/03-metadata.js';
import { startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';
import { metadataRecordsOnDisk } from '../helpers/metadata-on-disk.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';

const TOPIC = 'kept';
const PARTITIONS = 3;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-clean-restart-'));
let broker: BrokerProcess | undefined;

afterAll(async () => {
  broker?.child.kill('SIGKILL');
  await broker?.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function start(): Promise<BrokerProcess> {
  return startBrokerProcess(['--data-dir', dataDir, '--port', '0', '--log-level', 'info']);
}

/** The records of the metadata log on disk, read while no node runs: what the next start replays. */
function metadataRecords(): number {
  return metadataRecordsOnDisk(path.join(dataDir, 'node-1', '__cluster_metadata-0')).records;
}

/** The start's log line on its replay of the metadata log. */
function loggedReplay(b: BrokerProcess): { records: number; ms: number } {
  const line = b.stderr().split('\n').find((l) => l.includes('replayed the metadata log it started with'));
  if (line === undefined) throw new Error(`no replay logged:\n${b.stderr()}`);
  return JSON.parse(line) as { records: number; ms: number };
}

function kafka(b: BrokerProcess): Kafka {
  return new Kafka({ brokers: [b.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1000 } });
}

/** Each partition's leader and leader epoch, as Metadata v12 tells a client. */
async function leaders(b: BrokerProcess): Promise<[number, number][]> {
  const client = await RawClient.connect(b.bootstrap);
  try {
    const res = await client.request(MetadataApi, 12, {
      topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name: TOPIC }], allowAutoTopicCreation: false,
      includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false,
    });
    return [...res.topics[0]!.partitions].sort((x, y) => x.partitionIndex - y.partitionIndex).map((p) => [p.leaderId, p.leaderEpoch]);
  } finally {
    client.close();
  }
}

async function produce(b: BrokerProcess, prefix: string, count: number): Promise<void> {
  const producer = kafka(b).producer();
  await producer.connect();
  for (let i = 0; i < count; i++) {
    await producer.send({ topic: TOPIC, acks: -1, messages: [{ key: `${prefix}-${i}`, value: `${prefix}-${i}`, partition: i % PARTITIONS }] });
  }
  await producer.disconnect();
}

/** Every partition's values in offset order. */
async function contents(b: BrokerProcess): Promise<string[][]> {
  const client = await RawClient.connect(b.bootstrap);
  try {
    const out: string[][] = [];
    for (let p = 0; p < PARTITIONS; p++) out.push((await readPartition(client, TOPIC, p)).map((r) => r.value!.toString()));
    return out;
  } finally {
    client.close();
  }
}

function expected(prefixes: [string, number][]): string[][] {
  const out: string[][] = Array.from({ length: PARTITIONS }, () => []);
  for (const [prefix, count] of prefixes) for (let i = 0; i < count; i++) out[i % PARTITIONS]!.push(`${prefix}-${i}`);
  return out;
}

it('keeps leaderships and epochs across a clean restart, and bumps the epochs after a kill -9, losing nothing acknowledged', async () => {
  broker = await start();
  const admin = kafka(broker).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS }] });
  await admin.disconnect();
  await produce(broker, 'first', 30);
  const before = await leaders(broker);
  expect(before.map(([leader]) => leader)).toEqual([1, 1, 1]);

  // SIGTERM: a clean shutdown under the broker's epoch.
  broker.child.kill('SIGTERM');
  expect(await broker.exited).toBe(0);
  const records = metadataRecords();
  broker = await start();
  const replay = loggedReplay(broker);
  expect(replay.records).toBe(records);
  expect(replay.ms).toBeGreaterThanOrEqual(0);
  expect(await leaders(broker)).toEqual(before);
  expect(await contents(broker)).toEqual(expected([['first', 30]]));
  await produce(broker, 'second', 12);

  // SIGKILL: no marker, so no previous epoch; the leaderships come back in a new epoch.
  broker.child.kill('SIGKILL');
  await broker.exited;
  broker = await start();
  const afterKill = await leaders(broker);
  expect(afterKill.map(([leader]) => leader)).toEqual([1, 1, 1]);
  for (let p = 0; p < PARTITIONS; p++) expect(afterKill[p]![1]).toBeGreaterThan(before[p]![1]);
  expect(await contents(broker)).toEqual(expected([['first', 30], ['second', 12]]));

  // And a clean restart after that keeps the new epochs.
  broker.child.kill('SIGTERM');
  expect(await broker.exited).toBe(0);
  broker = await start();
  expect(await leaders(broker)).toEqual(afterKill);
  await produce(broker, 'third', 3);
  expect(await contents(broker)).toEqual(expected([['first', 30], ['second', 12], ['third', 3]]));
});
