// After a SIGKILL, a broker recovers the logs it lists at the start in the background, a slice
// of each at a time (so a log with much to scan does not hold the event loop for all of it),
// while it serves: a topic created and written right after the restart is acknowledged and read
// back, a produce to a log still recovering is refused as retriable until that log is ready (and
// kafkajs's retry gets it acknowledged), and once every log is open each holds exactly the records
// acknowledged, once. Killed again in the middle of that recovery, it recovers them again.
import { expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { brokerProcesses, type BrokerProcess } from '../helpers/broker-process.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { eventually } from '../helpers/retry.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const TOPIC = 'recovering';
const PARTITIONS = 3;
/** Per partition: several of the background opening's 4 MiB recovery slices. */
const RECORDS = 1200;
const VALUE_BYTES = 8 * 1024;
const dataDir = tempDirs('kraftling-background-recovery-')();
const startBroker = brokerProcesses();

function start(): Promise<BrokerProcess> {
  return startBroker(dataDir, ['--log-level', 'info']);
}

function kafka(b: BrokerProcess): Kafka {
  return new Kafka({ brokers: [b.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1000 } });
}

const valueOf = (partition: number, i: number): string => `${partition}-${i}-`.padEnd(VALUE_BYTES, 'x');

async function kill(b: BrokerProcess): Promise<void> {
  b.child.kill('SIGKILL');
  await b.exited;
}

async function expectContents(b: BrokerProcess): Promise<void> {
  const client = await RawClient.connect(b.bootstrap);
  try {
    for (let p = 0; p < PARTITIONS; p++) {
      const values = (await readPartition(client, TOPIC, p)).map((r) => r.value!.toString());
      expect(values.length, `partition ${p}`).toBe(RECORDS + 1);
      values.slice(0, RECORDS).forEach((v, i) => expect(v === valueOf(p, i), `partition ${p} offset ${i}`).toBe(true));
      expect(values[RECORDS]).toBe(`after the restart ${p}`);
    }
  } finally {
    client.close();
  }
}

it('recovers its logs in the background after a SIGKILL while it serves, and again after a SIGKILL during that recovery', async () => {
  let broker = await start();
  const admin = kafka(broker).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS }] });
  await admin.disconnect();
  const producer = kafka(broker).producer();
  await producer.connect();
  for (let i = 0; i < RECORDS; i += 100) {
    await producer.send({
      topic: TOPIC, acks: -1,
      messages: Array.from({ length: PARTITIONS * 100 }, (_, j) => ({ partition: j % PARTITIONS, value: valueOf(j % PARTITIONS, i + Math.floor(j / PARTITIONS)) })),
    });
  }
  await producer.disconnect();
  // Nothing was flushed: every log is recovered from its start.
  await kill(broker);

  // Killed again at once: the recovery may be anywhere, even not begun.
  broker = await start();
  await kill(broker);

  broker = await start();
  const fresh = kafka(broker);
  // At once, to the logs being recovered: the broker answers retriable until each is ready.
  const toRecovering = fresh.producer({ idempotent: true });
  await toRecovering.connect();
  await toRecovering.send({ topic: TOPIC, acks: -1, messages: Array.from({ length: PARTITIONS }, (_, p) => ({ partition: p, value: `after the restart ${p}` })) });
  await toRecovering.disconnect();
  const admin2 = fresh.admin();
  await admin2.connect();
  await admin2.createTopics({ topics: [{ topic: 'fresh', numPartitions: 1 }] });
  await admin2.disconnect();
  const p2 = fresh.producer();
  await p2.connect();
  await p2.send({ topic: 'fresh', acks: -1, messages: [{ value: 'served while recovering' }] });
  await p2.disconnect();
  const b = broker;
  const opened = await eventually(async () => b.stderr().split('\n').find((l) => l.includes('opened the logs of the hosted partitions listed at the start')));
  const line = JSON.parse(opened) as { listed: number; unopened: number };
  expect(line.listed).toBeGreaterThanOrEqual(PARTITIONS);
  expect(line.unopened).toBe(0);
  await expectContents(broker);
  const client = await RawClient.connect(broker.bootstrap);
  try {
    expect((await readPartition(client, 'fresh', 0)).map((r) => r.value!.toString())).toEqual(['served while recovering']);
  } finally {
    client.close();
  }
});
