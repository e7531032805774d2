// Stopping a whole local cluster at once (SIGTERM to its three processes, as a terminal's Ctrl-C
// or a process manager does) ends every process cleanly and soon, although no controller is left
// to answer the last controlled shutdowns.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { threeNodeConfigs } from '../helpers/three-node.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-stop-'));
const brokers: BrokerProcess[] = [];
afterAll(async () => {
  for (const b of brokers) b.child.kill('SIGKILL');
  await Promise.all(brokers.map((b) => b.exited));
  fs.rmSync(dir, { recursive: true, force: true });
});

it('stops all three processes at once, each exiting with code 0', async () => {
  const { files, bootstrap } = await threeNodeConfigs(dir);
  brokers.push(...(await Promise.all(files.map((f) => startBrokerProcess(['--config', f, '--log-level', 'warn'])))));
  // Some partitions to move away and flush, as a real cluster has.
  const admin = kafkaClient(bootstrap).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'stop', numPartitions: 6 }] });
  await admin.disconnect();
  const startedMs = Date.now();
  for (const b of brokers) b.child.kill('SIGTERM');
  // A hang shows as a time-out here; how long it took is printed, not asserted (shared machine).
  const codes = await Promise.all(brokers.map((b) => b.exited));
  console.log(`three processes stopped together in ${Date.now() - startedMs} ms`);
  expect(codes).toEqual([0, 0, 0]);
}, 60_000);

it('Cluster.stop() of a three-node in-process cluster finishes', async () => {
  const cluster = await startCluster({ nodes: 3 });
  const admin = kafkaClient(cluster).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'stop', numPartitions: 3 }] });
  await admin.disconnect();
  const startedMs = Date.now();
  await cluster.stop();
  console.log(`in-process three-node cluster stopped in ${Date.now() - startedMs} ms`);
}, 60_000);

it('Cluster.stop() removes its ephemeral data directory before it resolves', async () => {
  const cluster = await startCluster({ nodes: 1 });
  const admin = kafkaClient(cluster).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'many', numPartitions: 64 }] });
  await admin.disconnect();
  expect(fs.existsSync(cluster.dataDir)).toBe(true);
  await cluster.stop();
  expect(fs.existsSync(cluster.dataDir)).toBe(false);
}, 60_000);
