// Allocation per request: what a broker allocates, garbage included, for each single-record
// Produce request (acks=1, one 1 KiB record, 4 in flight), from V8's sampling heap profiler kept
// on collected objects (allocation-sampler.cjs, preloaded). Unlike time, it barely moves with the
// machine's load (within 1% run to run), so a change to the request path shows here when the
// latency and throughput figures are lost in the noise. Garbage is what the young generation's
// collections pay for: a fifth of the broker's busy time at 50,000 requests/s.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inTempDir, spawnBroker } from './broker-process.js';
import { produceFor, type ProduceShape } from './produce-load.js';
import { createTopic } from './raw-client.js';
import { thousands, type BenchSettings, type Figure, type FigureGroup } from './report.js';

const SAMPLER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'allocation-sampler.cjs');
const WARMUP_REQUESTS = 20_000;
const IN_FLIGHT = 4;
const SHAPE: ProduceShape = { topic: 'bench-alloc', partitions: 1, partitionsPerRequest: 1, batchBytes: 0, acks: 1, connections: 1, window: IN_FLIGHT };

interface ProfileNode {
  callFrame: { functionName: string };
  selfSize: number;
  children: ProfileNode[];
}

/** Exactly `requests` Produce requests of SHAPE, answered without an error. */
async function produce(bootstrap: string, requests: number): Promise<void> {
  const run = await produceFor(bootstrap, SHAPE, 10 * 60_000, requests);
  if (run.requests !== requests || run.errors > 0) throw new Error(`${run.requests} of ${requests} requests sent, ${run.errors} answered with an error`);
}

/** Bytes allocated per function (by name), largest first. */
function byFunction(root: ProfileNode): [string, number][] {
  const sizes = new Map<string, number>();
  const visit = (node: ProfileNode): void => {
    const name = node.callFrame.functionName || '(anonymous)';
    sizes.set(name, (sizes.get(name) ?? 0) + node.selfSize);
    for (const child of node.children) visit(child);
  };
  visit(root);
  return [...sizes].sort((a, b) => b[1] - a[1]);
}

async function run(settings: BenchSettings): Promise<Figure[]> {
  const requests = settings.quick ? 10_000 : 50_000;
  return inTempDir('kraftling-bench-alloc-', async (dir) => {
    const profileFile = path.join(dir, 'requests.heapprofile');
    process.env.KRAFTLING_BENCH_HEAP_PROFILE = profileFile;
    const broker = await spawnBroker(['--ephemeral', '--port', '0', '--log-level', 'warn'], undefined, undefined, ['--require', SAMPLER]);
    try {
      await createTopic(broker.bootstrap, SHAPE.topic, 1);
      settings.log(`allocation: ${thousands(WARMUP_REQUESTS)} requests to warm up, then ${thousands(requests)} sampled`);
      await produce(broker.bootstrap, WARMUP_REQUESTS);
      process.kill(broker.pid, 'SIGUSR2');
      await new Promise((resolve) => setTimeout(resolve, 200));
      await produce(broker.bootstrap, requests);
      process.kill(broker.pid, 'SIGUSR2');
      for (let i = 0; i < 200 && !fs.existsSync(profileFile); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    } finally {
      delete process.env.KRAFTLING_BENCH_HEAP_PROFILE;
      await broker.stop();
    }
    const functions = byFunction((JSON.parse(fs.readFileSync(profileFile, 'utf8')) as { head: ProfileNode }).head);
    const total = functions.reduce((sum, [, bytes]) => sum + bytes, 0);
    const perRequest = (bytes: number): string => `${(bytes / requests / 1024).toFixed(2)} KiB`;
    return [{
      group: 'allocation',
      name: 'allocated per single-record Produce request',
      value: perRequest(total),
      versus: `largest: ${functions.slice(0, 4).map(([name, bytes]) => `${name} ${perRequest(bytes)}`).join(', ')}`,
      generator: `raw client, Produce v9 of one 1 KiB record, acks=1, ${IN_FLIGHT} in flight; ${thousands(requests)} requests after ${thousands(WARMUP_REQUESTS)}; V8 sampling heap profiler (1 KiB interval, collected objects kept)`,
    }];
  });
}

export const allocationGroup: FigureGroup = {
  name: 'allocation',
  description: 'bytes a broker allocates (garbage included) per single-record Produce request',
  usesBroker: true,
  run,
};
