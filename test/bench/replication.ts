// acks=all throughput with replication factor 3 next to replication factor 1 on the same three-node
// cluster in the same run (the target is a ratio of the two). Every partition of both topics is led
// by node 1, which the raw generator talks to; with RF 3 each produce waits until both followers
// fetched the batch (two fetch round trips: one carries it, the next one's offset acknowledges it).
import { execSync } from 'node:child_process';
import { processMemoryBytes, withCpuShares } from './broker-process.js';
import { idleReplicationFigures } from './idle-replication.js';
import { primeFreeMemory } from './page-cache.js';
import { ProcessCluster } from './kraft-cluster.js';
import { produceFor, produceRequests } from './produce-load.js';
import { PRODUCE_SHAPE } from './produce.js';
import { createTopic, deleteTopic } from './raw-client.js';
import { cpuSecondsPerGb, mbPerSec, verdict, type BenchSettings, type Figure, type FigureGroup } from './report.js';

const TARGET_FRACTION = 0.5;
/** RF 1 and RF 3 runs alternate this many times; each figure is the median run. */
const ROUNDS = 3;
/** How long a deleted topic's directories may take to go before the next run starts anyway. */
const DELETION_WAIT_MS = 10_000;
/** Each run stops after this many bytes (times three on disk with RF 3): see produce.ts. */
const MAX_RUN_BYTES = 0.6e9;
/** Free memory touched before each run (see primeFreeMemory): more than an RF 3 run writes. */
const PRIME_BYTES = 2.5e9;

interface Measured {
  mbPerSec: number;
  errors: number;
  generatorCpu: number;
  leaderCpu: number;
  followersCpu: number;
}

/** Page-cache pages: a run of RF 3 writes each byte three times on this one machine. In this VM a
 * page the log has not used before costs a fault in the host on first write, and the copy into the
 * page cache runs at 330-540 MB/s (dd of 1.5 GB files, after the first 1.5 GB; 3.6-7.5 GB/s into
 * pages just freed). Runs on topics kept alive therefore measured the host's memory: RF 3 at 125-145
 * MB/s with three quarters of the brokers' CPU in the kernel copying into fresh pages, RF 1 at 250-400.
 * Each run gets a topic of its own, deleted after it, so the next reuses the pages it freed, as a
 * broker whose retention deletes old segments does. That alone did not hold: the VM hands memory
 * free for a few seconds back to its host, and the leader took what the last run freed while the
 * followers' page cache grew into handed-back pages (RF 3 at 190-260 MB/s, each follower 45% CPU in
 * the kernel, 46% of its profile in the copy into the page cache against 4% of the leader's).
 * Free memory is primed before each run (primeFreeMemory): RF 3 330-360 MB/s, followers at 20%. */
async function measure(cluster: ProcessCluster, topic: string, replicas: number[], settings: BenchSettings): Promise<Measured> {
  const shape = { ...PRODUCE_SHAPE, topic, acks: -1 };
  const bootstrap = cluster.brokerAddresses[0]!;
  await createTopic(bootstrap, topic, PRODUCE_SHAPE.partitions, replicas);
  await produceFor(bootstrap, shape, settings.warmupMs);
  // Each run starts with the page cache's dirty data written back. Earlier figures (and the RF 1
  // run before RF 3) leave up to 2 GB dirty; once the kernel's background writeback starts during a
  // run it takes the CPU the three processes need, and RF 3 measured 105-120 MB/s instead of
  // 240-280 MB/s, depending on what ran before rather than on the broker.
  execSync('sync');
  primeFreeMemory(PRIME_BYTES);
  const pids = cluster.members.map((m) => m!.pid);
  const maxRequests = Math.floor(MAX_RUN_BYTES / produceRequests(shape).payloadBytesPerRequest);
  const { result: run, shares, ownShare } = await withCpuShares(pids, () => produceFor(bootstrap, shape, settings.runMs, maxRequests));
  await deleteTopic(bootstrap, topic);
  for (let waited = 0; cluster.holdsTopic(topic) && waited < DELETION_WAIT_MS; waited += 100) await new Promise((r) => setTimeout(r, 100));
  return {
    mbPerSec: mbPerSec(run.payloadBytes, run.elapsedMs),
    errors: run.errors,
    generatorCpu: ownShare,
    leaderCpu: shares[0]!,
    followersCpu: shares[1]! + shares[2]!,
  };
}

/** The run with the median rate. */
function medianRun(runs: Measured[]): Measured {
  return [...runs].sort((a, b) => a.mbPerSec - b.mbPerSec)[runs.length >> 1]!;
}

const pct = (f: number): string => `${(f * 100).toFixed(0)}%`;

async function run(settings: BenchSettings): Promise<Figure[]> {
  return [...await throughput(settings), ...await idleReplicationFigures(settings)];
}

async function throughput(settings: BenchSettings): Promise<Figure[]> {
  const cluster = await ProcessCluster.create();
  try {
    settings.log('replication: three nodes');
    await cluster.startAll();
    const bootstrap = cluster.brokerAddresses[0]!;
    settings.log(`replication: acks=all, RF 1 then RF 3, ${ROUNDS} rounds`);
    const rf1Runs: Measured[] = [];
    const rf3Runs: Measured[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      rf1Runs.push(await measure(cluster, `bench-rf1-${round}`, [1], settings));
      rf3Runs.push(await measure(cluster, `bench-rf3-${round}`, [1, 2, 3], settings));
    }
    const rf1 = medianRun(rf1Runs);
    const rf3 = medianRun(rf3Runs);
    const fraction = rf3.mbPerSec / rf1.mbPerSec;
    const rates = (runs: Measured[]): string => runs.map((r) => r.mbPerSec.toFixed(0)).join(', ');
    const generator = (m: Measured): string => `raw client as in produce (own CPU ${pct(m.generatorCpu)}), to node 1, which leads all `
      + `${PRODUCE_SHAPE.partitions} partitions; durable three-process cluster; a topic per run, deleted after it; sync and ${PRIME_BYTES / 1e9} GB of free memory primed before the run; `
      + `${settings.runMs / 1000} s or ${MAX_RUN_BYTES / 1e9} GB; median of ${ROUNDS} runs, alternating RF 1 and RF 3 (runs: ${m === rf1 ? rates(rf1Runs) : rates(rf3Runs)} MB/s)`;
    // CPU-seconds of the three nodes together per GB produced.
    const perGb = (m: Measured): number => cpuSecondsPerGb(m.leaderCpu + m.followersCpu, m.mbPerSec);
    const cpu = (m: Measured): string => `leader CPU ${pct(m.leaderCpu)}, followers ${pct(m.followersCpu)} together; `
      + `the nodes ${perGb(m).toFixed(2)} CPU-s/GB${m === rf3 ? `, ${(perGb(rf3) / perGb(rf1)).toFixed(1)}x RF 1's` : ''}`;
    const errors = (m: Measured): string => (m.errors > 0 ? `; ${m.errors} partition errors!` : '');
    return [
      { group: 'replication', name: 'produce acks=all, RF 1 (3-node cluster)', value: `${rf1.mbPerSec.toFixed(1)} MB/s`,
        versus: `the 100% RF 3 is compared with; ${cpu(rf1)}${errors(rf1)}`, generator: generator(rf1) },
      { group: 'replication', name: 'produce acks=all, RF 3 (same cluster)', value: `${rf3.mbPerSec.toFixed(1)} MB/s`,
        versus: `${pct(fraction)} of RF 1 (target >= ${pct(TARGET_FRACTION)}: ${verdict(fraction >= TARGET_FRACTION)}); ${cpu(rf3)}${errors(rf3)}`,
        generator: generator(rf3) },
      { group: 'replication', name: 'leader peak RSS (VmHWM)', value: `${(processMemoryBytes(cluster.members[0]!.pid, 'VmHWM') / 2 ** 20).toFixed(0)} MiB`,
        versus: 'for reference', generator: '/proc/<pid>/status of node 1' },
    ];
  } finally {
    await cluster.stop();
  }
}

export const replicationGroup: FigureGroup = {
  name: 'replication',
  description: 'acks=all throughput with RF 3 vs RF 1 on the same three-node cluster; idle CPU with and without fetch sessions',
  usesBroker: true,
  run,
};
