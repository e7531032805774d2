// Fault: console-consumer --group reading a replicated partition while the node leading it is
// killed (SIGKILL-like, in-process) in a three-node cluster. The consumer looks the leader up again
// and keeps consuming from the new one: every record, in order, none lost and none printed twice.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { retry } from '../helpers/retry.js';
import type { Cluster } from '../../src/cluster/cluster.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let cluster: Cluster | undefined;
afterAll(async () => { await cluster?.stop(); });

it('keeps consuming from the new leader when the leader node dies: nothing lost, nothing twice', async () => {
  cluster = await startCluster({ nodes: 3 });
  const kafka = kafkaClient(cluster);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'failover', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  const values = Array.from({ length: 100 }, (_, i) => `r${i}`);
  await producer.send({ topic: 'failover', acks: -1, messages: values.slice(0, 50).map((value) => ({ value })) });

  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bin/kraftling.ts'), 'console-consumer',
    '--bootstrap-server', cluster.bootstrapServers, '--topic', 'failover', '--group', 'failover-g', '--from-beginning', '--max-messages', '100'],
  { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
  while (out.split('\n').length <= 50) await new Promise((r) => setTimeout(r, 50));

  const meta = await admin.fetchTopicMetadata({ topics: ['failover'] });
  const leader = meta.topics[0]!.partitions[0]!.leader;
  cluster.nodes.find((n) => n.nodeId === leader)!.kill();
  await admin.disconnect();
  await producer.disconnect();
  // The rest goes to the new leader, through the surviving brokers, once one is elected.
  const survivors = cluster.nodes.filter((n) => n.nodeId !== leader).map((n) => `${n.brokerAddresses[0]!.host}:${n.brokerAddresses[0]!.port}`).join(',');
  const admin2 = kafkaClient(survivors).admin();
  await admin2.connect();
  await retry(async () => {
    const now = (await admin2.fetchTopicMetadata({ topics: ['failover'] })).topics[0]!.partitions[0]!.leader;
    if (now === leader || now < 0) throw new Error('no new leader yet');
  });
  await admin2.disconnect();
  const producer2 = kafkaClient(survivors).producer({ idempotent: true });
  await producer2.connect();
  await retry(() => producer2.send({ topic: 'failover', acks: -1, messages: values.slice(50).map((value) => ({ value })) }));
  await producer2.disconnect();

  expect(await exited).toBe(0);
  clearTimeout(guard);
  expect(out.trimEnd().split('\n')).toEqual(values);
  expect(err).toBe('Processed a total of 100 messages\n');
}, 120_000);
