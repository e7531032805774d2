// Clients other than kafkajs: librdkafka (Python confluent-kafka, idempotent producer and group
// consumer; kcat in balanced-consumer mode) and kafka-python, from Debian's packages, which CI
// installs. Each produces or joins a group and reads what was written.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Admin } from 'kafkajs';
import { clusterWithAdmin, kafkaClient } from '../helpers/cluster.js';
import { pythonHas, which } from '../helpers/system.js';

const run = promisify(execFile);
const CLIENTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../helpers/clients');
const confluent = pythonHas('confluent_kafka');
const kafkaPython = pythonHas('kafka');

const ctx = clusterWithAdmin();

function python(script: string, ...args: (string | number)[]): Promise<{ stdout: string }> {
  return run('/usr/bin/python3', [path.join(CLIENTS, script), ...args.map(String)], { timeout: 60_000 });
}

async function topicWith(topic: string, values: string[]): Promise<void> {
  await ctx.admin.createTopics({ topics: [{ topic, numPartitions: 3 }] });
  const producer = kafkaClient(ctx.cluster).producer();
  await producer.connect();
  await producer.send({ topic, messages: values.map((value) => ({ value })) });
  await producer.disconnect();
}

const values = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe.skipIf(!confluent)('librdkafka through Python confluent-kafka', () => {
  it('produces idempotently and reads back in a consumer group, committing offsets', async () => {
    await ctx.admin.createTopics({ topics: [{ topic: 'rdk', numPartitions: 3 }] });
    await python('confluent_produce.py', ctx.cluster.bootstrapServers, 'rdk', 300);
    const { stdout } = await python('confluent_consume.py', ctx.cluster.bootstrapServers, 'rdk-group', 'rdk', 300);
    expect(stdout.trim().split('\n').sort()).toEqual(values('librdkafka', 300).sort());
    const offsets = await ctx.admin.fetchOffsets({ groupId: 'rdk-group', topics: ['rdk'] });
    // A partition the producer's hashing left empty has no commit (-1).
    const committed = offsets[0]!.partitions.reduce((sum, p) => sum + Math.max(Number(p.offset), 0), 0);
    expect(committed).toBe(300);
  });
});

describe.skipIf(!kafkaPython)('kafka-python', () => {
  it('produces with gzip and consumes in a group', async () => {
    await ctx.admin.createTopics({ topics: [{ topic: 'kp', numPartitions: 2 }] });
    await python('kafka_python_produce.py', ctx.cluster.bootstrapServers, 'kp', 50);
    const { stdout } = await python('kafka_python_consume.py', ctx.cluster.bootstrapServers, 'kp-group', 'kp', 50);
    expect(stdout.trim().split('\n').sort()).toEqual(values('kafka-python', 50).sort());
  });
});

describe.skipIf(!which('kcat'))('kcat balanced consumer', () => {
  it('joins a group and reads every message', async () => {
    await topicWith('kc', values('kcat', 40));
    const { stdout } = await run('kcat', ['-b', ctx.cluster.bootstrapServers, '-G', 'kc-group', '-o', 'beginning', '-c', '40', '-q', '-f', '%s\\n', 'kc'], { timeout: 60_000 });
    expect(stdout.trim().split('\n').sort()).toEqual(values('kcat', 40).sort());
  });
});
