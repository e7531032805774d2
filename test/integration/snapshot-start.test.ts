// A node killed with SIGKILL after writing metadata snapshots starts again from the newest one and
// the log after it, as a long-lived node does: every topic is back with its leader, every
// acknowledged record is there once, and the replay it logs counts the records it applied (the
// snapshot's and the log's after it), not the offsets the snapshot stands for.
import path from 'node:path';
import { expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { brokerProcesses, type BrokerProcess } from '../helpers/broker-process.js';
import { RawClient } from '../helpers/raw-client.js';
import { metadataRecordsOnDisk } from '../helpers/metadata-on-disk.js';
import { readPartition } from '../helpers/read-all.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const TOPICS = 300;
const dataDir = tempDirs('kraftling-snapshot-start-')();
const metadataDir = path.join(dataDir, 'node-1', '__cluster_metadata-0');
const startBroker = brokerProcesses();

function start(): Promise<BrokerProcess> {
  return startBroker(dataDir, ['--log-level', 'info', '--override', 'metadata.log.max.record.bytes.between.snapshots=8192']);
}

function loggedReplay(b: BrokerProcess): { records: number } {
  const line = b.stderr().split('\n').find((l) => l.includes('replayed the metadata log it started with'));
  if (line === undefined) throw new Error(`no replay logged:\n${b.stderr()}`);
  return JSON.parse(line) as { records: number };
}

function kafka(b: BrokerProcess): Kafka {
  return new Kafka({ brokers: [b.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1000 } });
}

it('starts from its newest metadata snapshot and the log after it, after a SIGKILL, with every topic and acknowledged record', async () => {
  let broker = await start();
  const admin = kafka(broker).admin();
  await admin.connect();
  const names = Array.from({ length: TOPICS }, (_, i) => `t${i}`);
  for (let i = 0; i < TOPICS; i += 50) {
    await admin.createTopics({ topics: names.slice(i, i + 50).map((topic) => ({ topic, numPartitions: 1 })) });
  }
  await admin.disconnect();
  const producer = kafka(broker).producer();
  await producer.connect();
  const sent = names.filter((_, i) => i % 30 === 0);
  for (const topic of sent) await producer.send({ topic, acks: -1, messages: [{ value: `v-${topic}` }] });
  await producer.disconnect();

  broker.child.kill('SIGKILL');
  await broker.exited;
  const disk = metadataRecordsOnDisk(metadataDir);
  expect(disk.snapshotEnd).toBeGreaterThan(0);

  broker = await start();
  expect(loggedReplay(broker).records).toBe(disk.records);
  const again = kafka(broker).admin();
  await again.connect();
  try {
    const listed = (await again.listTopics()).filter((t) => !t.startsWith('__')).sort();
    expect(listed).toEqual([...names].sort());
    const { topics } = await again.fetchTopicMetadata({ topics: names });
    for (const t of topics) expect(t.partitions.map((p) => p.leader)).toEqual([1]);
  } finally {
    await again.disconnect();
  }
  const client = await RawClient.connect(broker.bootstrap);
  try {
    for (const topic of sent) {
      expect((await readPartition(client, topic, 0)).map((r) => r.value!.toString())).toEqual([`v-${topic}`]);
    }
  } finally {
    client.close();
  }
});
