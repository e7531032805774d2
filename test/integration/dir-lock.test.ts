// Two broker processes on one data directory: the second refuses to start, as Kafka's `.lock`
// makes it, and the first goes on unharmed. A kill -9 leaves the file behind; the next start takes
// it over. Before the lock, both served and appended to the same segments.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, expect, it } from 'vitest';
import { brokerProcesses, startBrokerProcess } from '../helpers/broker-process.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-dir-lock-proc-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const startBroker = brokerProcesses();

function client(bootstrap: string): Kafka {
  return new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING });
}

async function produce(bootstrap: string, value: string): Promise<void> {
  const producer = client(bootstrap).producer();
  await producer.connect();
  await producer.send({ topic: 'locked', acks: -1, messages: [{ value }] });
  await producer.disconnect();
}

async function highWatermark(bootstrap: string): Promise<string> {
  const admin = client(bootstrap).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets('locked'))[0]!.high;
  } finally {
    await admin.disconnect();
  }
}

it('a second broker on a directory in use refuses to start; after a kill -9 the next one starts', async () => {
  const dataDir = path.join(root, 'data');
  const first = await startBroker(dataDir);
  await produce(first.bootstrap, 'one');

  await expect(startBrokerProcess(['--data-dir', dataDir, '--port', '0', '--log-level', 'warn']))
    .rejects.toThrow(new RegExp(`broker exited \\(1\\) before ready[\\s\\S]*node-1 is in use by another process \\(pid ${first.child.pid}\\)`));

  await produce(first.bootstrap, 'two');
  expect(await highWatermark(first.bootstrap)).toBe('2');
  first.child.kill('SIGKILL');
  await first.exited;
  expect(fs.existsSync(path.join(dataDir, 'node-1', '.lock'))).toBe(true);

  const next = await startBroker(dataDir);
  expect(await highWatermark(next.bootstrap)).toBe('2');
  next.child.kill('SIGTERM');
  expect(await next.exited).toBe(0);
  expect(fs.existsSync(path.join(dataDir, 'node-1', '.lock'))).toBe(false);
});
