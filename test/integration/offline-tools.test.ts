// The offline tools over the files of a real broker's data directory. `kraftling dump-log`: a
// topic's segment written by kafkajs (compressed, keyed, with headers), the __cluster_metadata log
// and a metadata snapshot, a __consumer_offsets segment, and damaged copies of a segment (flipped
// byte, torn tail), which it must show as damaged rather than fail on or skip silently.
// `kraftling metadata-shell`: the image rebuilt from the snapshot and the log, browsed by path.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompressionTypes, ConfigResourceTypes } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { runCli } from '../helpers/broker-process.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-dump-log-'));
const nodeDir = path.join(root, 'node-1');
const segment = (dir: string) => path.join(nodeDir, dir, '00000000000000000000.log');

beforeAll(async () => {
  const cluster = await startCluster({
    dataDir: root,
    // Every new image is snapshotted, so a .checkpoint exists to dump.
    overrides: { 'metadata.log.max.record.bytes.between.snapshots': '1', 'offsets.topic.num.partitions': '1' },
  });
  try {
    const kafka = kafkaClient(cluster);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'dumped', numPartitions: 1 }] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: 'dumped', compression: CompressionTypes.GZIP,
      messages: [0, 1, 2].map((i) => ({ key: `k${i}`, value: `v${i}`, headers: { trace: `t${i}` } })),
    });
    await producer.disconnect();
    await admin.setOffsets({ groupId: 'dumpers', topic: 'dumped', partitions: [{ partition: 0, offset: '2' }] });
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'dumped', configEntries: [{ name: 'retention.ms', value: '3600000' }] }] });
    // A topic created after the last snapshot that the log still holds: replay must reach it.
    await admin.createTopics({ topics: [{ topic: 'late', numPartitions: 2 }] });
    await admin.disconnect();
  } finally {
    await cluster.stop();
  }
}, 60_000);

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('kraftling dump-log', () => {
  it('prints a segment batch by batch, and with --print-data-log record by record', async () => {
    const batches = await runCli(['dump-log', '--files', segment('dumped-0')]);
    expect(batches.code).toBe(0);
    expect(batches.stdout).toContain(`Dumping ${segment('dumped-0')}`);
    expect(batches.stdout).toMatch(/baseOffset: 0 lastOffset: 2 count: 3 .* compresscodec: gzip crc: \d+ isvalid: true/);
    expect(batches.stdout).not.toContain('| offset:');

    const records = await runCli(['dump-log', '--print-data-log', '--files', segment('dumped-0')]);
    for (const i of [0, 1, 2]) {
      expect(records.stdout).toMatch(new RegExp(`\\| offset: ${i} CreateTime: \\d+ keySize: 2 valueSize: 2 sequence: -?\\d+ headerKeys: \\[trace\\] key: k${i} payload: v${i}`));
    }
  });

  it('decodes the metadata log and a metadata snapshot', async () => {
    const log = await runCli(['dump-log', '--cluster-metadata-decoder', '--files', segment('__cluster_metadata-0')]);
    expect(log.code).toBe(0);
    expect(log.stdout).toMatch(/LeaderChange: \{"version":0,"leaderId":1/);
    expect(log.stdout).toMatch(/payload: \{"type":"TOPIC_RECORD","version":0,"data":\{"name":"dumped","topicId":"[\w-]{22}"\}\}/);

    const dir = path.join(nodeDir, '__cluster_metadata-0');
    const snapshot = fs.readdirSync(dir).filter((f) => f.endsWith('.checkpoint')).sort().at(-1)!;
    const dumped = await runCli(['dump-log', '--files', path.join(dir, snapshot)]);
    expect(dumped.code).toBe(0);
    expect(dumped.stdout).toMatch(/SnapshotHeader: \{"version":0,"lastContainedLogTimestamp":\d+\}/);
    expect(dumped.stdout).toContain('"type":"TOPIC_RECORD"');
    expect(dumped.stdout).toMatch(/SnapshotFooter: \{"version":0\}/);
  });

  it('decodes committed offsets with --offsets-decoder', async () => {
    const res = await runCli(['dump-log', '--offsets-decoder', '--files', segment('__consumer_offsets-0')]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/key: \{"type":"offset_commit","group":"dumpers","topic":"dumped","partition":0\} payload: \{"offset":2,"leaderEpoch":-1/);
  });

  it('shows a damaged batch and a torn tail instead of failing on them', async () => {
    const bytes = fs.readFileSync(segment('dumped-0'));
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 3] = flipped[flipped.length - 3]! ^ 0xff;
    const torn = Buffer.concat([bytes, bytes.subarray(0, 20)]);
    const flippedFile = path.join(root, '00000000000000000000.log');
    const tornDir = fs.mkdtempSync(path.join(root, 'torn-'));
    const tornFile = path.join(tornDir, '00000000000000000000.log');
    fs.writeFileSync(flippedFile, flipped);
    fs.writeFileSync(tornFile, torn);

    const bad = await runCli(['dump-log', '--print-data-log', '--files', flippedFile]);
    expect(bad.code).toBe(0);
    expect(bad.stdout).toMatch(/count: 3 .* isvalid: false/);
    expect(bad.stdout).toMatch(/\| invalid batch: .*corrupt/);

    const tail = await runCli(['dump-log', '--files', tornFile]);
    expect(tail.stdout).toMatch(/isvalid: true/);
    expect(tail.stdout).toContain(`Found 20 invalid bytes at the end of the file (position ${bytes.length})`);
  });

  it('answers bad usage with exit 2 and unreadable files with exit 1, one line each', async () => {
    const none = await runCli(['dump-log']);
    expect({ code: none.code, stderr: none.stderr.trim() }).toEqual({ code: 2, stderr: 'kraftling dump-log: --files FILE[,FILE...] is required' });
    const missing = await runCli(['dump-log', '--files', path.join(root, 'nope.log')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const other = await runCli(['dump-log', '--files', path.join(nodeDir, 'meta.properties')]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('not a .log, .checkpoint, .index, .timeindex or .snapshot file');
  });
});

describe('kraftling metadata-shell', () => {
  const shell = (args: string[], input?: string) => runCli(['metadata-shell', '--data-dir', nodeDir, ...args], 30_000, input);

  it('lays the image out by path, replayed from the newest snapshot and the log after it', async () => {
    const top = await shell(['ls', '/']);
    expect(top).toMatchObject({ code: 0, stdout: 'brokers\nconfigs\nfeatures\nmetadata\ntopicIds\ntopics\n' });
    const partition = await shell(['cat', '/topics/dumped/0']);
    expect(JSON.parse(partition.stdout)).toMatchObject({ partitionId: 0, replicas: [1], isr: [1], leader: 1 });
    expect((await shell(['cat', '/configs/topic/dumped/retention.ms'])).stdout).toBe('3600000\n');
    expect((await shell(['ls', '/topics/late'])).stdout).toBe('0\n1\nid\n');
    const id = (await shell(['cat', '/topics/dumped/id'])).stdout.trim();
    expect((await shell(['cat', `/topicIds/${id}`])).stdout).toBe('dumped\n');
  });

  it('reads one snapshot on its own', async () => {
    const dir = path.join(nodeDir, '__cluster_metadata-0');
    const snapshot = fs.readdirSync(dir).filter((f) => f.endsWith('.checkpoint')).sort().at(-1)!;
    const res = await runCli(['metadata-shell', '--snapshot', path.join(dir, snapshot), 'cat', '/metadata/offset']);
    expect(res.code).toBe(0);
    expect(Number(res.stdout)).toBe(Number(snapshot.split('-')[0]) - 1);
  });

  it('takes commands from stdin, and answers a bad path with one line and exit 1', async () => {
    const res = await shell([], 'cd /topics/dumped\npwd\nls\ncat nope\ntree /features\nexit\n');
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('/topics/dumped\n0\nid\n/features\n  metadata.version: ' + res.stdout.split('metadata.version: ')[1]);
    expect(res.stderr).toBe('nope: no such file or directory\n');
    const usage = await runCli(['metadata-shell', 'ls']);
    expect(usage.code).toBe(2);
  });
});
