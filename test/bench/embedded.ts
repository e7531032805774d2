// The embedded API as a test suite pays for it: Cluster.start({ nodes: 3 }) and stop() in this
// process, kill-to-new-leader through cluster.kill and cluster.waitFor.leader, and reset().
import { Kafka, logLevel } from 'kafkajs';
import { Cluster } from '../../src/cluster/cluster.js';
import { silentLogger } from '../../src/logger.js';
import { median, msRange, type BenchSettings, type Figure, type FigureGroup } from './report.js';

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const startedMs = performance.now();
  const value = await work();
  return [value, performance.now() - startedMs];
}

async function startStopSamples(runs: number): Promise<{ start: number[]; stop: number[] }> {
  const start: number[] = [];
  const stop: number[] = [];
  // One run first, untimed: module loading and JIT warm-up are not what a second test file pays.
  await (await Cluster.start({ nodes: 3, logger: silentLogger() })).stop();
  for (let i = 0; i < runs; i++) {
    const [cluster, startMs] = await timed(() => Cluster.start({ nodes: 3, logger: silentLogger() }));
    start.push(startMs);
    stop.push((await timed(() => cluster.stop()))[1]);
  }
  return { start, stop };
}

async function failoverSamples(runs: number): Promise<{ failover: number[]; reset: number[] }> {
  const cluster = await Cluster.start({ nodes: 3, logger: silentLogger() });
  const failover: number[] = [];
  const reset: number[] = [];
  try {
    const admin = new Kafka({ brokers: cluster.bootstrapServers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    for (let i = 0; i < runs; i++) {
      const topic = `failover-${i}`;
      await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 3 }] });
      await cluster.waitFor.isr(topic, 0, 3);
      const leader = cluster.leaderOf(topic, 0)!;
      failover.push((await timed(async () => {
        cluster.kill(leader);
        await cluster.waitFor.leader(topic, 0, { not: leader });
      }))[1]);
      await cluster.restart(leader);
      await cluster.waitFor.isr(topic, 0, 3);
      reset.push((await timed(() => cluster.reset()))[1]);
    }
    await admin.disconnect();
  } finally {
    await cluster.stop();
  }
  return { failover, reset };
}

async function run(settings: BenchSettings): Promise<Figure[]> {
  settings.log('embedded: Cluster.start/stop of 3 nodes');
  const { start, stop } = await startStopSamples(settings.electionRuns);
  settings.log('embedded: kill a partition leader, wait for the next');
  const { failover, reset } = await failoverSamples(settings.failoverRuns);
  const generator = (n: number, what: string): string => `${what}; median of ${n}, in this process`;
  return [
    { group: 'embedded', name: 'Cluster.start({ nodes: 3 })', value: `${median(start).toFixed(0)} ms`, versus: `target < 300 ms; ${msRange(start)}`, generator: generator(start.length, 'until controller elected and every broker unfenced everywhere') },
    { group: 'embedded', name: 'cluster.stop() (3 nodes)', value: `${median(stop).toFixed(0)} ms`, versus: `target < 300 ms; ${msRange(stop)}`, generator: generator(stop.length, 'graceful, temporary directory removed') },
    { group: 'embedded', name: 'kill(leader) -> waitFor.leader', value: `${median(failover).toFixed(0)} ms`, versus: `broker.session.timeout.ms=1500 bounds it; ${msRange(failover)}`, generator: generator(failover.length, 'RF 3 partition, new leader in every node\'s image') },
    { group: 'embedded', name: 'cluster.reset() (1 topic)', value: `${median(reset).toFixed(0)} ms`, versus: msRange(reset), generator: generator(reset.length, 'topics and groups deleted, applied everywhere') },
  ];
}

export const embeddedGroup: FigureGroup = {
  name: 'embedded',
  description: 'in-process Cluster.start/stop of 3 nodes, kill-to-new-leader through the API, reset()',
  usesBroker: false,
  run,
};
