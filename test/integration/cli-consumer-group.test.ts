// console-consumer --group is a group member, as Kafka's console consumer is: two of them in one
// group split a topic's partitions (range assignment), together print every record exactly once,
// commit what they printed, and leave the group when they exit.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { retry } from '../helpers/retry.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let cluster: Cluster | undefined;
afterAll(async () => { await cluster?.stop(); });

function consumer(bootstrap: string): { out: () => string; exited: Promise<number | string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bin/kraftling.ts'), 'console-consumer',
    '--bootstrap-server', bootstrap, '--topic', 'split', '--group', 'splitters', '--max-messages', '100',
    '--property', 'print.partition=true'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => {
    clearTimeout(guard);
    resolve(code ?? signal ?? -1);
  }));
  return { out: () => out, exited };
}

it('two console consumers of one group split the partitions and print every record once', async () => {
  cluster = await startCluster({ nodes: 1 });
  const kafka = kafkaClient(cluster);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'split', numPartitions: 4 }] });
  const a = consumer(cluster.bootstrapServers);
  const b = consumer(cluster.bootstrapServers);
  // Both members in a stable generation, each with partitions, before anything is produced.
  await retry(async () => {
    const g = (await admin.describeGroups(['splitters'])).groups[0]!;
    if (g.state !== 'Stable' || g.members.length !== 2) throw new Error(`${g.state} with ${g.members.length} members`);
  }, 60_000);

  const producer = kafka.producer();
  await producer.connect();
  const values = Array.from({ length: 200 }, (_, i) => `v${i}`);
  await producer.send({ topic: 'split', messages: values.map((value, i) => ({ partition: i % 4, value })) });
  await producer.disconnect();

  expect(await a.exited).toBe(0);
  expect(await b.exited).toBe(0);
  const lines = (o: string) => o.trimEnd().split('\n').map((l) => l.split('\t') as [string, string]);
  const [la, lb] = [lines(a.out()), lines(b.out())];
  const partitionsOf = (ls: [string, string][]) => new Set(ls.map(([p]) => p));
  // Range assignment of 4 partitions to 2 members: 2 each, disjoint, 50 records per partition.
  expect(partitionsOf(la).size).toBe(2);
  expect(partitionsOf(lb).size).toBe(2);
  expect([...partitionsOf(la)].filter((p) => partitionsOf(lb).has(p))).toEqual([]);
  expect([...la, ...lb].map(([, v]) => v).sort()).toEqual([...values].sort());

  const offsets = await admin.fetchOffsets({ groupId: 'splitters', topics: ['split'] });
  expect(offsets[0]!.partitions.map((p) => Number(p.offset)).sort()).toEqual([50, 50, 50, 50]);
  const after = (await admin.describeGroups(['splitters'])).groups[0]!;
  expect(after.members).toEqual([]);
  await admin.disconnect();
});
