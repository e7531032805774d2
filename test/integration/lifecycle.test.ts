// The process around the broker: a server.properties file with Kafka's keys, `kraftling format`,
// and a SIGTERM that shuts down cleanly (the next start needs no recovery).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startBrokerProcess } from '../helpers/broker-process.js';
import { kafkaClient } from '../helpers/cluster.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-lifecycle-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('kraftling format', () => {
  it('writes meta.properties with the given cluster id, and start keeps it', async () => {
    const data = path.join(dir, 'formatted');
    const r = await runCli(['format', '--data-dir', data, '--cluster-id', 'MkU3OEVBNTcwNTJENDM2Qk', '--node-id', '1']);
    expect(r.code).toBe(0);
    const meta = fs.readFileSync(path.join(data, 'meta.properties'), 'utf8');
    expect(meta).toMatch(/^cluster\.id=MkU3OEVBNTcwNTJENDM2Qk$/m);
    expect(meta).toMatch(/^node\.id=1$/m);
    expect(meta).toMatch(/^version=1$/m);
    const broker = await startBrokerProcess(['--config', writeProperties('formatted.properties', { 'log.dirs': data })]);
    expect(broker.bootstrap).toMatch(/^127\.0\.0\.1:\d+$/);
    broker.child.kill('SIGTERM');
    expect(await broker.exited).toBe(0);
  });
});

function writeProperties(name: string, extra: Record<string, string>): string {
  const file = path.join(dir, name);
  const lines = {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'listeners': 'PLAINTEXT://127.0.0.1:0',
    'num.partitions': '3',
    'some.future.key': 'x',
    ...extra,
  };
  fs.writeFileSync(file, `# a Kafka server.properties\n${Object.entries(lines).map(([k, v]) => `${k}=${v}`).join('\n')}\n`);
  return file;
}

describe('server.properties and SIGTERM', () => {
  it('serves with Kafka keys from a file, warns about unknown keys, and stops cleanly on SIGTERM', async () => {
    const data = path.join(dir, 'props');
    const file = writeProperties('server.properties', { 'log.dirs': data });
    const broker = await startBrokerProcess(['--config', file]);
    expect(broker.stderr()).toMatch(/unknown config key some\.future\.key/);
    const admin = kafkaClient(broker.bootstrap).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'from-props' }] });
    const meta = await admin.fetchTopicMetadata({ topics: ['from-props'] });
    expect(meta.topics[0]!.partitions).toHaveLength(3);
    await admin.disconnect();
    broker.child.kill('SIGTERM');
    expect(await broker.exited).toBe(0);
    expect(fs.existsSync(path.join(data, '.kafka_cleanshutdown'))).toBe(true);
    const again = await startBrokerProcess(['--config', file, '--log-level', 'info']);
    expect(again.stderr()).not.toMatch(/truncated|rebuilt/);
    const admin2 = kafkaClient(again.bootstrap).admin();
    await admin2.connect();
    expect(await admin2.listTopics()).toContain('from-props');
    await admin2.disconnect();
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('refuses a data directory that belongs to another node', async () => {
    const data = path.join(dir, 'props');
    const r = await runCli(['start', '--config', writeProperties('other.properties', { 'log.dirs': data, 'node.id': '7' })]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/belongs to node 1, but node.id is 7/);
  });
});
