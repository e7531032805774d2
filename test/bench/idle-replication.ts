// What idle partitions cost a replicating cluster: three processes, many RF 3 partitions and no
// traffic, so the only work left is the followers' fetches. With fetch sessions (KIP-227) an idle
// follower's fetch names no partition and its answer carries none; without (the cache given no
// slots, so every fetch is full) each fetch lists and answers every partition. Both in one run.
import { withCpuShares } from './broker-process.js';
import { ProcessCluster } from './kraft-cluster.js';
import { createTopic } from './raw-client.js';
import type { BenchSettings, Figure } from './report.js';

/** Time for the followers to catch up and the cluster to go quiet before the window. */
const SETTLE_MS = 3_000;

async function idleCpu(sessions: boolean, partitions: number, windowMs: number, settings: BenchSettings): Promise<number> {
  const cluster = await ProcessCluster.create(sessions ? [] : ['max.incremental.fetch.session.cache.slots=0']);
  try {
    await cluster.startAll();
    const bootstrap = cluster.brokerAddresses[0]!;
    // Spread over the three leaders, as a cluster's own placement would.
    for (let leader = 1; leader <= 3; leader++) {
      const replicas = [leader, ...[1, 2, 3].filter((id) => id !== leader)];
      await createTopic(bootstrap, `bench-idle-${leader}`, Math.round(partitions / 3), replicas);
    }
    settings.log(`replication: idle, ${sessions ? 'with' : 'without'} fetch sessions`);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const pids = cluster.members.map((m) => m!.pid);
    const { shares } = await withCpuShares(pids, () => new Promise((r) => setTimeout(r, windowMs)));
    return shares.reduce((a, b) => a + b, 0);
  } finally {
    await cluster.stop();
  }
}

export async function idleReplicationFigures(settings: BenchSettings): Promise<Figure[]> {
  const partitions = settings.quick ? 900 : 3_000;
  const windowMs = settings.quick ? 3_000 : 10_000;
  const withSessions = await idleCpu(true, partitions, windowMs, settings);
  const without = await idleCpu(false, partitions, windowMs, settings);
  const pct = (f: number): string => `${(f * 100).toFixed(1)}%`;
  return [{
    group: 'replication', name: `idle CPU, ${partitions.toLocaleString('en-US')} partitions RF 3`, value: `${pct(withSessions)} of a core`,
    versus: `${pct(without)} without fetch sessions (every fetch full), ${(withSessions / without * 100).toFixed(0)}% of that`,
    generator: `3 processes together, no traffic, ${windowMs / 1000} s after ${SETTLE_MS / 1000} s of settling; replica.fetch.wait.max.ms 500`,
  }];
}
