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
import { RawClient } from '../helpers/raw-client.js';
import type { ApiDefinition } from '../../protocol/definition.js';
import { DescribeConfigsApi } from '../../protocol/generated/api/32-describe-configs.js';
import { IncrementalAlterConfigsApi } from '../../protocol/generated/api/44-incremental-alter-configs.js';

const run = promisify(execFile);
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'programs', 'confluent_configs.py');
const hasConfluent = pythonHas('confluent_kafka');
if (!hasConfluent) console.log('python3 confluent_kafka not found: its config tests are skipped');

// DescribeConfigs ConfigSource codes.
const DYNAMIC_TOPIC = 1;
const DYNAMIC_BROKER = 2;
const DYNAMIC_DEFAULT_BROKER = 3;
const STATIC_BROKER = 4;
const DEFAULT = 5;
const BROKER = 4;

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

// kafkajs and librdkafka 2.0 refuse an empty broker name themselves, so the cluster-wide resource
// ("") is reached with the project's raw client, as the Java admin and kafka-configs.sh send it.
async function raw<Req, Res>(api: ApiDefinition<Req, Res>, version: number, body: Req): Promise<Res> {
  const client = await RawClient.connect(cluster.bootstrapServers);
  try {
    return await client.request(api, version, body);
  } finally {
    client.close();
  }
}

async function setClusterDefaults(configs: Record<string, string>): Promise<number[]> {
  const res = await raw(IncrementalAlterConfigsApi, 1, {
    validateOnly: false,
    resources: [{ resourceType: BROKER, resourceName: '', configs: Object.entries(configs).map(([name, value]) => ({ name, configOperation: 0, value })) }],
  });
  return res.responses.map((r) => r.errorCode);
}

describe('dynamic broker configs', () => {
  const broker = (name: string, configEntries: { name: string; value: string }[]) =>
    admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name, configEntries }] });

  it('sets topic defaults cluster-wide and per broker, with their sources, and they take effect', async () => {
    await admin.createTopics({ topics: [{ topic: 'defaults', numPartitions: 1 }] });
    expect(await setClusterDefaults({ 'log.retention.ms': '7200000', 'message.max.bytes': '4000' })).toEqual([0]);
    let entries = await topicEntries('defaults', ['retention.ms', 'max.message.bytes']);
    expect(entries.get('retention.ms')).toMatchObject({ configValue: '7200000', configSource: DYNAMIC_DEFAULT_BROKER });
    expect(entries.get('max.message.bytes')).toMatchObject({ configValue: '4000', configSource: DYNAMIC_DEFAULT_BROKER });
    const producer = kafka.producer({ retry: { retries: 0 } });
    await producer.connect();
    try {
      await expect(producer.send({ topic: 'defaults', messages: [{ value: Buffer.alloc(8000) }] })).rejects.toThrow(/larger than/i);
      await broker('1', [{ name: 'message.max.bytes', value: '100000' }]);
      entries = await topicEntries('defaults', ['max.message.bytes']);
      expect(entries.get('max.message.bytes')).toMatchObject({ configValue: '100000', configSource: DYNAMIC_BROKER });
      expect(entries.get('max.message.bytes')!.configSynonyms.map((s) => [s.configName, s.configSource])).toEqual([
        ['message.max.bytes', DYNAMIC_BROKER], ['message.max.bytes', DYNAMIC_DEFAULT_BROKER], ['message.max.bytes', DEFAULT],
      ]);
      await producer.send({ topic: 'defaults', messages: [{ value: Buffer.alloc(8000) }] });
    } finally {
      await producer.disconnect();
    }
  });

  it('describes the cluster-wide resource ("") as its dynamic defaults only, as Kafka does', async () => {
    const res = await raw(DescribeConfigsApi, 4, {
      resources: [{ resourceType: BROKER, resourceName: '', configurationKeys: null }], includeSynonyms: true, includeDocumentation: false,
    });
    const entries = res.results[0]!.configs;
    expect(entries.map((e) => e.name).sort()).toEqual(['log.retention.ms', 'message.max.bytes']);
    for (const e of entries) {
      expect(e).toMatchObject({ configSource: DYNAMIC_DEFAULT_BROKER, isDefault: false, readOnly: false });
      expect(e.synonyms.map((s) => s.source)).not.toContain(DYNAMIC_BROKER);
    }
  });

  it('rejects read-only broker keys as Kafka does and marks them read-only', async () => {
    // Kafka wraps "Cannot update these configs dynamically" in INVALID_REQUEST.
    await expect(broker('1', [{ name: 'listeners', value: 'PLAINTEXT://127.0.0.1:1' }])).rejects.toMatchObject({ type: 'INVALID_REQUEST' });
    const described = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: ['listeners', 'num.io.threads', 'message.max.bytes'] }], includeSynonyms: false });
    const byName = new Map(described.resources[0]!.configEntries.map((e) => [e.configName, e]));
    expect(byName.get('listeners')!.readOnly).toBe(true);
    expect(byName.get('num.io.threads')!.readOnly).toBe(false);
    expect(byName.get('message.max.bytes')).toMatchObject({ readOnly: false, configSource: DYNAMIC_BROKER, configValue: '100000' });
  });

  it('stores broker keys it does not know (a plugin\'s), as Kafka does, and lists them read-only after a restart', async () => {
    await broker('1', [{ name: 'message.max.bytes', value: '100000' }, { name: 'acme.reporter.interval', value: '30s' }]);
    expect(await setClusterDefaults({ 'acme.reporter.region': 'eu' })).toEqual([0]);
    await stop();
    await start();
    const described = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: ['acme.reporter.interval', 'acme.reporter.region'] }], includeSynonyms: false,
    });
    const byName = new Map(described.resources[0]!.configEntries.map((e) => [e.configName, e]));
    expect(byName.get('acme.reporter.interval')).toMatchObject({ configValue: '30s', configSource: DYNAMIC_BROKER, readOnly: true });
    expect(byName.get('acme.reporter.region')).toMatchObject({ configValue: 'eu', configSource: DYNAMIC_DEFAULT_BROKER, readOnly: true });
    // A key kraftling knows is still checked.
    await expect(broker('1', [{ name: 'num.io.threads', value: 'many' }])).rejects.toMatchObject({ type: 'INVALID_CONFIG' });
  });

  it.runIf(hasConfluent)('shows librdkafka the same sources, and a restart keeps them (they are metadata)', async () => {
    await stop();
    await start();
    const topic = JSON.parse(await python('describe', 'topic', 'defaults'));
    expect(topic['retention.ms'].slice(0, 2)).toEqual(['7200000', DYNAMIC_DEFAULT_BROKER]);
    expect(topic['max.message.bytes'].slice(0, 2)).toEqual(['100000', DYNAMIC_BROKER]);
    const node = JSON.parse(await python('describe', 'broker', '1'));
    expect(node['log.retention.ms'].slice(0, 2)).toEqual(['7200000', DYNAMIC_DEFAULT_BROKER]);
  }, 120_000);
});

describe('topic keys with several broker synonyms (retention.ms, segment.ms)', () => {
  let own: Cluster;
  let ownAdmin: Admin;
  beforeAll(async () => {
    own = await startCluster({ overrides: { 'log.retention.hours': '2' } });
    ownAdmin = kafkaClient(own).admin();
    await ownAdmin.connect();
    await ownAdmin.createTopics({ topics: [{ topic: 'hours', numPartitions: 1 }] });
  });
  afterAll(async () => {
    await ownAdmin?.disconnect();
    await own?.stop();
  });
  const describeTopic = async () => {
    const d = await ownAdmin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: 'hours', configNames: ['retention.ms', 'segment.ms'] }], includeSynonyms: true });
    return new Map(d.resources[0]!.configEntries.map((e) => [e.configName, e]));
  };

  it('reports log.retention.hours from server.properties as the static source of retention.ms, as Kafka does', async () => {
    const entries = await describeTopic();
    const retention = entries.get('retention.ms')!;
    expect(retention).toMatchObject({ configValue: '7200000', configSource: STATIC_BROKER, isDefault: false });
    expect(retention.configSynonyms.map((s) => [s.configName, s.configValue, s.configSource])).toEqual([
      ['log.retention.hours', '2', STATIC_BROKER], ['log.retention.hours', '168', DEFAULT],
    ]);
    expect(entries.get('segment.ms')!.configSynonyms.map((s) => [s.configName, s.configValue, s.configSource])).toEqual([
      ['log.roll.hours', '168', DEFAULT],
    ]);
  });

  it('takes a dynamic per-broker log.retention.minutes before the static hours', async () => {
    await ownAdmin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [{ name: 'log.retention.minutes', value: '30' }] }] });
    const retention = (await describeTopic()).get('retention.ms')!;
    expect(retention).toMatchObject({ configValue: '1800000', configSource: DYNAMIC_BROKER });
    expect(retention.configSynonyms[0]).toMatchObject({ configName: 'log.retention.minutes', configValue: '30', configSource: DYNAMIC_BROKER });
  });
});
