// Configs as admin clients see them, over TCP through kafkajs's admin and librdkafka's AdminClient
// (python confluent_kafka): legacy topic keys Kafka 3.x still accepts, dynamic broker configs for
// one broker and cluster-wide (persisted as metadata, so a restart keeps them) and their sources.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigResourceTypes, type Admin, type Kafka } from 'kafkajs';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { pythonHas } from '../helpers/system.js';

const run = promisify(execFile);
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'programs', 'confluent_configs.py');
const hasConfluent = pythonHas('confluent_kafka');
if (!hasConfluent) console.log('python3 confluent_kafka not found: its config tests are skipped');

// DescribeConfigs ConfigSource codes.
const DYNAMIC_TOPIC = 1;
const DYNAMIC_BROKER = 2;
const DYNAMIC_DEFAULT_BROKER = 3;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-configs-'));
let cluster: Cluster;
let kafka: Kafka;
let admin: Admin;

async function start(): Promise<void> {
  cluster = await startCluster({ dataDir, ephemeral: false });
  kafka = kafkaClient(cluster);
  admin = kafka.admin();
  await admin.connect();
}

async function stop(): Promise<void> {
  await admin?.disconnect();
  await cluster?.stop();
}

beforeAll(start);
afterAll(async () => {
  await stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function python(...args: string[]): Promise<string> {
  const { stdout } = await run('/usr/bin/python3', [SCRIPT, cluster.bootstrapServers, ...args], { timeout: 60_000 });
  return stdout.trim();
}

async function topicEntries(topic: string, names: string[]) {
  const described = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: names }], includeSynonyms: true });
  return new Map(described.resources[0]!.configEntries.map((e) => [e.configName, e]));
}

describe('legacy topic configs', () => {
  it('accepts message.format.version and file.delete.delay.ms through kafkajs alterConfigs and reports them', async () => {
    await admin.createTopics({ topics: [{ topic: 'legacy', numPartitions: 1 }] });
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'legacy', configEntries: [
        { name: 'message.format.version', value: '2.8-IV1' },
        { name: 'file.delete.delay.ms', value: '1000' },
        { name: 'retention.ms', value: '3600000' },
      ] }],
    });
    const entries = await topicEntries('legacy', ['message.format.version', 'file.delete.delay.ms', 'retention.ms']);
    expect(entries.get('message.format.version')).toMatchObject({ configValue: '2.8-IV1', configSource: DYNAMIC_TOPIC });
    expect(entries.get('file.delete.delay.ms')).toMatchObject({ configValue: '1000', configSource: DYNAMIC_TOPIC });
    expect(entries.get('retention.ms')).toMatchObject({ configValue: '3600000', configSource: DYNAMIC_TOPIC });
  });

  it.runIf(hasConfluent)('accepts them through librdkafka alter_configs', async () => {
    expect(await python('alter', 'topic', 'legacy', 'message.format.version=3.0-IV1', 'compression.zstd.level=5')).toBe('ok');
    const described = JSON.parse(await python('describe', 'topic', 'legacy'));
    expect(described['message.format.version'].slice(0, 2)).toEqual(['3.0-IV1', DYNAMIC_TOPIC]);
    expect(described['compression.zstd.level'].slice(0, 2)).toEqual(['5', DYNAMIC_TOPIC]);
  }, 60_000);
});
