// The fault schedule: at moments a seeded generator picks, SIGKILL the leader of a random partition
// or the active controller (or, one time in four, stop it gracefully with SIGTERM: a controlled
// shutdown and logs closed whole, whose restart registers with the epoch it stopped under), and
// start the node again after a random pause. One node is down at a
// time (three voters and min.insync.replicas=2 stay available with one down), but the next kill may
// come while the restarted node is still catching up, which is where brokers go wrong.
// The generator draws the same numbers in the same order whatever the cluster answers, so a seed
// names one schedule; the moments are real time, so a replay is close, not exact.
import type { Prng } from '../sim/prng.js';
import type { ChaosCluster } from './cluster.js';

export interface NemesisOptions {
  topic: string;
  partitions: number;
  durationMs: number;
  /** Pause before each kill. */
  quietMs: [number, number];
  /** Pause between a kill and the restart. */
  downMs: [number, number];
}

export interface Kill {
  atMs: number;
  nodeId: number;
  why: string;
  signal: 'SIGKILL' | 'SIGTERM';
  /** How a graceful stop ended: 0, or the code or signal of one that failed or hung (killed). */
  exit?: number | string;
}

/** The share of faults that are graceful stops rather than kills. */
const GRACEFUL_SHARE = 0.25;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function pickVictim(cluster: ChaosCluster, options: NemesisOptions, prng: Prng): Promise<{ nodeId: number; why: string } | undefined> {
  const controller = prng.chance(0.35);
  const partition = prng.int(0, options.partitions - 1);
  if (controller) {
    const nodeId = await cluster.activeController();
    return nodeId === undefined ? undefined : { nodeId, why: 'active controller' };
  }
  const meta = await cluster.metadata(options.topic);
  const leader = meta?.topics[0]?.partitions.find((p) => p.partitionIndex === partition)?.leaderId;
  return leader === undefined || leader < 0 ? undefined : { nodeId: leader, why: `leader of partition ${partition}` };
}

/** Runs the schedule for `durationMs`; every node is up again when it resolves. */
export async function runNemesis(cluster: ChaosCluster, options: NemesisOptions, prng: Prng, log: (line: string) => void): Promise<Kill[]> {
  const started = performance.now();
  const kills: Kill[] = [];
  while (performance.now() - started < options.durationMs) {
    const quietMs = prng.int(...options.quietMs);
    const downMs = prng.int(...options.downMs);
    const signal = prng.chance(GRACEFUL_SHARE) ? 'SIGTERM' : 'SIGKILL';
    await sleep(quietMs);
    const victim = await pickVictim(cluster, options, prng);
    if (!victim || !cluster.isUp(victim.nodeId)) continue;
    const atMs = Math.round(performance.now() - started);
    const kill: Kill = { atMs, ...victim, signal };
    kills.push(kill);
    log(`${atMs} ms: ${signal} node ${victim.nodeId} (${victim.why}), restart in ${downMs} ms`);
    if (signal === 'SIGKILL') await cluster.kill(victim.nodeId);
    else kill.exit = await cluster.stop(victim.nodeId);
    await sleep(downMs);
    await cluster.start(victim.nodeId);
  }
  return kills;
}
