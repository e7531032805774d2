// The programs in examples/ run as a user would run them, against a real broker.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/cluster/cluster.js';
import { startCluster } from '../helpers/cluster.js';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster();
});

afterAll(async () => {
  await cluster?.stop();
});

function example(file: string, env: Record<string, string> = {}) {
  return run(process.execPath, [path.join(ROOT, 'examples', file)], {
    cwd: ROOT, timeout: 60_000, env: { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: '1', KAFKA_BROKERS: cluster.bootstrapServers, ...env },
  });
}

describe('examples', () => {
  it('admin, producer and consumer work together', async () => {
    const admin = await example('kafkajs/admin.mjs', { TOPIC: 'example-orders' });
    expect(admin.stdout).toMatch(/example-orders: 3 partitions/);
    expect(admin.stdout).toMatch(/retention\.ms = 86400000/);
    const produced = await example('kafkajs/producer.mjs', { TOPIC: 'example-orders' });
    expect(produced.stdout).toMatch(/^sent /);
    const consumed = await example('kafkajs/consumer.mjs', { TOPIC: 'example-orders', COUNT: '10' });
    expect(consumed.stdout.trim().split('\n')).toHaveLength(10);
  });

  it('the test-runner setup starts and stops a cluster', async () => {
    const script = `
      const { setup, teardown } = await import('./examples/test-runner/global-setup.mjs');
      await setup();
      console.log(process.env.KAFKA_BROKERS);
      await teardown();`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, timeout: 60_000 });
    expect(stdout.trim()).toMatch(/^127\.0\.0\.1:\d+$/);
  });
});
