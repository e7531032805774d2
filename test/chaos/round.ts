// One chaos round: three fresh processes, a topic of 6 partitions (RF 3, min.insync.replicas=2),
// a kafkajs acks=-1 producer and an idempotent librdkafka producer writing while the nemesis kills
// leaders and controllers; then every node up, full ISRs, and the invariants checked. A round that
// passes removes its directory; one that fails keeps it (node logs and segment files) and says where.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Prng } from '../sim/prng.js';
import type { ProducerRun } from './acks.js';
import { checkAcks } from './check-acks.js';
import { compareReplicas } from './check-replicas.js';
import { ChaosCluster, NODE_IDS } from './cluster.js';
import { startKafkajsProducer, type RunningProducer } from './kafkajs-producer.js';
import { startLibrdkafkaProducer } from './librdkafka-producer.js';
import { runNemesis, type Kill } from './nemesis.js';
import { createTopic, readBack, waitForFullIsr } from './settle.js';

export const TOPIC = 'chaos';
export const PARTITIONS = 6;
const SETTLE_TIMEOUT_MS = 60_000;
/** Writes before the first fault, so each partition has records to lose. */
const WARM_UP_MS = 500;

export interface RoundOptions {
  seed: number;
  durationMs: number;
  /** python3 with confluent_kafka, or undefined to run without the librdkafka producer. */
  python: string | undefined;
  log: (line: string) => void;
}

export interface RoundResult {
  seed: number;
  kills: Kill[];
  acked: number;
  failedSends: number;
  /** Records read back over all partitions. */
  records: number;
  violations: string[];
  /** Kept for diagnosis when the round failed; removed otherwise. */
  dir: string;
}

async function produceUnderFaults(cluster: ChaosCluster, options: RoundOptions): Promise<{ runs: ProducerRun[]; kills: Kill[] }> {
  const producers: RunningProducer[] = [startKafkajsProducer(cluster.bootstrap, TOPIC, PARTITIONS)];
  if (options.python) producers.push(startLibrdkafkaProducer(options.python, cluster.bootstrap, TOPIC, PARTITIONS));
  await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
  const kills = await runNemesis(cluster, {
    topic: TOPIC, partitions: PARTITIONS, durationMs: options.durationMs, quietMs: [0, 1_500], downMs: [100, 2_000],
  }, new Prng(options.seed), options.log).finally(async () => {
    // Whatever happened, every node runs again before the producers are asked to finish.
    for (const id of NODE_IDS) if (!cluster.isUp(id)) await cluster.start(id);
  });
  const runs = await Promise.all(producers.map((p) => p.stop()));
  return { runs, kills };
}

function checkReplicas(cluster: ChaosCluster, highWatermarks: Map<number, number>): string[] {
  const dataDirs = new Map(NODE_IDS.map((id) => [id, cluster.dataDir(id)]));
  return [...highWatermarks].flatMap(([p, hw]) => compareReplicas(dataDirs, TOPIC, p, hw));
}

async function checkRound(cluster: ChaosCluster, runs: ProducerRun[]): Promise<{ records: number; violations: string[] }> {
  await waitForFullIsr(cluster, TOPIC, PARTITIONS, SETTLE_TIMEOUT_MS);
  const contents = await readBack(cluster, TOPIC, PARTITIONS, SETTLE_TIMEOUT_MS);
  const violations = checkAcks(runs, contents);
  violations.push(...checkReplicas(cluster, new Map(contents.map((c) => [c.partition, c.highWatermark]))));
  return { records: contents.reduce((n, c) => n + c.records.length, 0), violations };
}

export async function runRound(options: RoundOptions): Promise<RoundResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kraftling-chaos-${options.seed}-`));
  const cluster = await ChaosCluster.create(dir);
  const result: RoundResult = { seed: options.seed, kills: [], acked: 0, failedSends: 0, records: 0, violations: [], dir };
  try {
    await cluster.startAll();
    await createTopic(cluster, TOPIC, PARTITIONS, SETTLE_TIMEOUT_MS);
    await waitForFullIsr(cluster, TOPIC, PARTITIONS, SETTLE_TIMEOUT_MS);
    const { runs, kills } = await produceUnderFaults(cluster, options);
    result.kills = kills;
    result.acked = runs.reduce((n, r) => n + r.acks.length, 0);
    result.failedSends = runs.reduce((n, r) => n + r.failed, 0);
    for (const r of runs) for (const bug of r.clientBugs) options.log(`  ${r.producer} stopped on a known bug of its version (not a broker fault): ${bug}`);
    const checked = await checkRound(cluster, runs);
    result.records = checked.records;
    result.violations = checked.violations;
    for (const k of kills) {
      if (k.signal === 'SIGTERM' && k.exit !== 0) result.violations.push(`node ${k.nodeId}'s graceful stop at ${k.atMs} ms ended with ${k.exit}, not 0`);
    }
  } catch (err) {
    result.violations.push(`round aborted: ${(err as Error).message}`);
  } finally {
    await cluster.killAll();
  }
  if (result.violations.length === 0) fs.rmSync(dir, { recursive: true, force: true });
  return result;
}
