// The native CRC-32C module costs an idle broker about 5 MB of resident memory, so it is loaded only
// once a batch of NATIVE_MIN_BYTES or more is checksummed: a broker that has started and served
// small batches has not mapped it; one that has taken a large batch has. Batches checksummed by
// either side survive a kill -9: the restart's recovery checks their CRCs again, and every
// acknowledged record is read back once.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { NATIVE_MIN_BYTES } from '../../protocol/records/crc32c.js';
import { brokerProcesses, type BrokerProcess } from '../helpers/broker-process.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { retry } from '../helpers/retry.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const require = createRequire(import.meta.url);
const nativeInstalled = ((): boolean => {
  try {
    require.resolve('@node-rs/crc32');
    return true;
  } catch {
    return false;
  }
})();
const onLinux = process.platform === 'linux';
if (!onLinux) console.log('native-crc-idle: skipped, reads /proc/PID/maps (Linux only)');

const dataDir = tempDirs('kraftling-native-crc-')();
const startBroker = brokerProcesses();

const nativeMapped = (b: BrokerProcess): boolean => /crc32[^/\n]*\.node$/m.test(fs.readFileSync(`/proc/${b.child.pid}/maps`, 'utf8'));

async function send(b: BrokerProcess, values: string[]): Promise<void> {
  const kafka = new Kafka({ brokers: [b.bootstrap], logLevel: logLevel.NOTHING });
  const producer: Producer = kafka.producer();
  await producer.connect();
  try {
    for (const value of values) await producer.send({ topic: 'crc', acks: -1, messages: [{ value }] });
  } finally {
    await producer.disconnect();
  }
}

it.skipIf(!onLinux)('loads the native CRC module only for large batches, and both kinds of checksum survive a kill -9', async () => {
  let broker = await startBroker(dataDir, ['-o', 'num.partitions=1']);
  const small = ['a', 'b', 'c'];
  await send(broker, small);
  expect(nativeMapped(broker)).toBe(false);

  const large = ['x'.repeat(4 * NATIVE_MIN_BYTES), 'y'.repeat(8 * NATIVE_MIN_BYTES)];
  await send(broker, large);
  expect(nativeMapped(broker)).toBe(nativeInstalled);

  broker.child.kill('SIGKILL');
  await broker.exited;
  broker = await startBroker(dataDir);
  const client = await RawClient.connect(broker.bootstrap);
  // Until the restarted broker leads the partition again (the controller fences it, then unfences).
  const records = await retry(() => readPartition(client, 'crc', 0)).finally(() => client.close());
  expect(records.map((r) => r.value?.toString())).toEqual([...small, ...large]);
});
