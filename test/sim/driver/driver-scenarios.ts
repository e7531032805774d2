// Scenarios of the driver simulation. Each picks its quorum size, network and timings from the
// seed, drives faults (power cuts between disk steps, crashes, one-way partitions, frozen
// processes, messages slower than the request timeout) and ends healed, expecting commits and every
// node holding every acknowledged entry. The checker watches safety after every event.
import { InvariantViolation } from '../checker.js';
import { LivenessFailure } from '../scenario-kit.js';
import { Prng } from '../prng.js';
import { DEV_TIMINGS } from '../simulation.js';
import type { DriverNode } from './driver-node.js';
import { DriverSim } from './driver-sim.js';
import { CALM, type DriverNetworkFaults } from './driver-network.js';
import { reconfig } from './driver-reconfig.js';
import { kraftUpgrade } from './driver-kraft-upgrade.js';
import { weights } from './driver-weights.js';

export const DRIVER_LIVENESS_MS = 15_000;

export interface DriverScenario {
  name: string;
  /** How many nodes (all voters, or in a dynamic quorum all formatted with node 1 as the voter). */
  voters: readonly number[];
  /** KIP-853: voters from VotersRecords, changed while the scenario runs. */
  dynamic?: boolean;
  /** Static voters that announce their directory ids and endpoints (for a kraft.version upgrade). */
  identities?: boolean;
  run(sim: DriverSim, prng: Prng): Promise<void>;
}

/** Quorum timings of the dev profile (as the other simulation), at the real driver's settings. */
const TIMINGS = {
  ...DEV_TIMINGS,
  snapshotChunkBytes: 4096,
  // Vote v2 on the wire: pre-vote on (as raftConfigFor sets it).
  preVote: true,
};

function weather(prng: Prng): DriverNetworkFaults {
  return {
    dropRate: prng.pick([0, 0.01, 0.05]),
    duplicateRate: prng.pick([0, 0.02]),
    minDelayMs: 1,
    maxDelayMs: prng.int(2, 20),
    slowRate: prng.pick([0, 0.01, 0.03]),
    slowDelayMs: TIMINGS.requestTimeoutMs + 1000,
  };
}

export function createDriverSim(scenario: DriverScenario, seed: number, trace = false): { sim: DriverSim; prng: Prng } {
  const prng = new Prng(seed ^ 0x0d71e7);
  const sim = new DriverSim({
    seed,
    voters: prng.pick(scenario.voters),
    config: { ...TIMINGS, eagerFirstElection: prng.chance(0.5), fetchMaxBytes: prng.pick([300, 4096, 1 << 20]) },
    segmentBytes: prng.pick([2048, 16384, 1 << 20]),
    maxDiskLatencyMs: prng.pick([0, 2, 10]),
    faults: weather(prng),
    trace,
    dynamic: scenario.dynamic,
    identities: scenario.identities,
  });
  return { sim, prng };
}

export async function expectWithin(sim: DriverSim, done: () => boolean, withinMs: number, what: string): Promise<void> {
  if (!(await sim.runUntilTrue(done, withinMs))) throw new LivenessFailure(`${what} did not happen within ${withinMs} ms (at ${sim.nowMs} ms)`);
}

async function expectAcks(sim: DriverSim, what: string): Promise<void> {
  const before = sim.checker.acked.size;
  await expectWithin(sim, () => sim.checker.acked.size >= before + 3, DRIVER_LIVENESS_MS, what);
}

export async function startAndCommit(sim: DriverSim): Promise<void> {
  for (const node of sim.nodes) sim.restart(node.id);
  sim.startClient();
  await expectAcks(sim, 'first election and commits');
}

/** Heal, thaw and restart everyone, expect commits and every node to apply every committed entry. */
export async function recoverAndCheck(sim: DriverSim): Promise<void> {
  sim.heal();
  sim.network.faults = { ...CALM, dropRate: Math.min(sim.network.faults.dropRate, 0.01) };
  for (const node of sim.nodes) {
    node.cancelPowerCut();
    if (!node.alive) sim.restart(node.id);
  }
  sim.startClient();
  await expectAcks(sim, 'commits after healing');
  // Quiet, so that every proposal still in flight settles before the count is taken.
  sim.stopClient();
  await sim.runFor(2000);
  const target = sim.checker.committed.length;
  await expectWithin(sim, () => sim.minApplied() >= target, DRIVER_LIVENESS_MS, `every node applying ${target} entries`);
  sim.checker.checkAllApplied();
}

function someAlive(sim: DriverSim, prng: Prng): number | undefined {
  const alive = sim.nodes.filter((n) => n.alive).map((n) => n.id);
  return alive.length > 0 ? prng.pick(alive) : undefined;
}

/** For `fromMs` to `toMs` of virtual time (drawn first), an operation of the scenario's own with
 * probability `chance` at random moments, else a fault or repair. */
export async function interleaveWithChaos(sim: DriverSim, prng: Prng, fromMs: number, toMs: number, chance: number, act: () => void): Promise<void> {
  const endMs = sim.nowMs + prng.int(fromMs, toMs);
  while (sim.nowMs < endMs) {
    await sim.runFor(prng.int(50, 600));
    if (prng.chance(chance)) act();
    else chaosAction(sim, prng);
  }
}

/** One random fault or repair. */
export function chaosAction(sim: DriverSim, prng: Prng): void {
  const dead = sim.nodes.filter((n) => !n.alive).map((n) => n.id);
  const target = someAlive(sim, prng);
  switch (prng.int(0, 9)) {
    case 0:
      if (target !== undefined) sim.crash(target);
      break;
    case 1:
      // The power goes in the middle of whatever the node writes next.
      if (target !== undefined) sim.node(target).cutPowerAfter(prng.int(1, 40));
      break;
    case 2:
    case 3:
      if (dead.length > 0) sim.restart(prng.pick(dead));
      break;
    case 4:
      if (prng.chance(0.5)) sim.isolate(prng.shuffled(sim.allIds).slice(0, prng.int(1, Math.max(1, sim.allIds.length - 1))));
      else sim.network.cutOneWay(prng.pick(sim.allIds), prng.pick(sim.allIds));
      break;
    case 5:
      sim.heal();
      break;
    case 6:
      for (const node of sim.nodes) if (prng.chance(0.5)) node.writeSnapshot(prng.pick([0, 4096, 1 << 20]));
      break;
    case 7:
      sim.network.faults = { ...weather(prng), dropRate: prng.pick([0, 0.05, 0.2]) };
      break;
    case 8:
      // A frozen process (a long GC pause, a stopped VM): sometimes longer than the fetch timeout.
      if (target !== undefined) sim.pause(target, prng.int(100, 2000));
      break;
    default:
      // A graceful stop's first step: the leader resigns and, half the time, serves on until
      // another voter leads (as a stopping node does), for a while or until the deadline.
      if (prng.chance(0.5)) void sim.leader()?.quorum!.handOver(prng.int(100, 2000));
      else sim.leader()?.quorum!.resign();
  }
}

/** Random faults and repairs every `gapMs`, for `durationMs`, then recovery. */
function chaosScenario(name: string, gapMs: [number, number], durationMs: [number, number]): DriverScenario {
  return {
    name,
    voters: [1, 3, 3, 5],
    async run(sim, prng) {
      await startAndCommit(sim);
      const endMs = sim.nowMs + prng.int(...durationMs);
      while (sim.nowMs < endMs) {
        await sim.runFor(prng.int(...gapMs));
        chaosAction(sim, prng);
      }
      await recoverAndCheck(sim);
    },
  };
}

const chaos = chaosScenario('driver-chaos', [50, 800], [4000, 8000]);
/** Faults faster than elections settle, for longer: crashes land mid-recovery, mid-install. */
const chaosFast = chaosScenario('driver-chaos-fast', [10, 300], [10000, 20000]);

/** Power cuts between disk steps, again and again, while every node snapshots and truncates its log. */
const powerCuts: DriverScenario = {
  name: 'driver-power-cuts',
  voters: [3, 5],
  async run(sim, prng) {
    await startAndCommit(sim);
    for (let round = 0; round < 6; round++) {
      for (const node of sim.nodes) if (prng.chance(0.4)) node.writeSnapshot(prng.pick([0, 2048]));
      const victim = someAlive(sim, prng);
      if (victim !== undefined) sim.node(victim).cutPowerAfter(prng.int(1, 25));
      await sim.runFor(prng.int(100, 700));
      for (const node of sim.nodes) if (!node.alive && prng.chance(0.7)) sim.restart(node.id);
    }
    await recoverAndCheck(sim);
  },
};

/**
 * A follower falls behind the others' log start, so it must download a snapshot; its power goes
 * at a random disk step of the catch-up (the download, the rename, the log reset), and it restarts
 * from whatever its disk kept, again.
 */
const snapshotInstall: DriverScenario = {
  name: 'driver-snapshot-install',
  voters: [3],
  async run(sim, prng) {
    await startAndCommit(sim);
    const lagging = prng.pick(sim.allIds);
    sim.isolate([lagging]);
    for (let round = 0; round < 3; round++) {
      await sim.runFor(prng.int(600, 1500));
      for (const node of sim.nodes) if (node.id !== lagging) node.writeSnapshot(0);
    }
    await sim.runFor(200);
    sim.heal();
    for (let cut = 0; cut < 3; cut++) {
      const node = sim.node(lagging);
      if (!node.alive) sim.restart(lagging);
      await sim.runFor(1);
      sim.node(lagging).cutPowerAfter(prng.int(1, 60));
      await sim.runFor(prng.int(200, 800));
      if (cut === 1) for (const n of sim.nodes) if (n.id !== lagging) n.writeSnapshot(0);
    }
    await recoverAndCheck(sim);
  },
};

/**
 * The leader freezes (a long GC pause, a suspended VM) past the fetch timeout while clients keep
 * proposing; the others elect, and the old leader thaws with its held fetches, pending proposals
 * and timers all overdue, sometimes behind a one-way cut that lets it talk but not hear.
 */
const staleLeader: DriverScenario = {
  name: 'driver-stale-leader',
  voters: [3, 5],
  async run(sim, prng) {
    await startAndCommit(sim);
    for (let round = 0; round < 3; round++) {
      const leader = sim.leader();
      if (leader === undefined) {
        await sim.runFor(500);
        continue;
      }
      const pauseMs = prng.int(400, 2500);
      sim.pause(leader.id, pauseMs);
      if (prng.chance(0.5)) for (const other of sim.allIds) if (other !== leader.id) sim.network.cutOneWay(other, leader.id);
      await sim.runFor(pauseMs + prng.int(0, 600));
      sim.heal();
      await sim.runFor(prng.int(100, 800));
    }
    await recoverAndCheck(sim);
  },
};

/** The leader, which a calm network must have. */
function calmLeader(sim: DriverSim): DriverNode {
  const leader = sim.leader();
  if (leader === undefined) throw new LivenessFailure(`no leader on a calm network at ${sim.nowMs} ms`);
  return leader;
}

/**
 * A follower cut off from every other node past its fetch timeout, on a network that drops
 * nothing, then let back: with pre-vote (KIP-996, Vote v2 on the real driver's wire) it never
 * bumps the epoch while alone, so rejoining leaves the leader and its epoch in place.
 */
const rejoin: DriverScenario = {
  name: 'driver-rejoin',
  voters: [3, 5],
  async run(sim, prng) {
    sim.network.faults = { ...CALM };
    await startAndCommit(sim);
    for (let round = 0; round < 2; round++) {
      const leader = calmLeader(sim);
      const epoch = leader.quorum!.status.epoch;
      const follower = prng.pick(sim.allIds.filter((id) => id !== leader.id));
      sim.isolate([follower]);
      await sim.runFor(prng.int(TIMINGS.fetchTimeoutMs + 200, 4000));
      sim.heal();
      await sim.runFor(2000);
      const moved = sim.nodes.find((n) => n.alive && n.quorum !== undefined && n.quorum.status.epoch !== epoch);
      if (moved !== undefined) throw new InvariantViolation(`node ${moved.id} is in epoch ${moved.quorum!.status.epoch}, not ${epoch}, after follower ${follower} rejoined`);
    }
    await recoverAndCheck(sim);
  },
};

/**
 * A graceful stop of the leader, again and again, on a calm network: it resigns and serves on
 * until another voter leads (handOver), which must happen before its deadline; then it crashes,
 * as the process exits, and comes back.
 */
const handOver: DriverScenario = {
  name: 'driver-handover',
  voters: [3, 5],
  async run(sim, prng) {
    sim.network.faults = { ...CALM };
    await startAndCommit(sim);
    for (let round = 0; round < 3; round++) {
      const leader = calmLeader(sim);
      const deadlineMs = 1000;
      let outcome: string | undefined;
      void leader.quorum!.handOver(deadlineMs).then((r) => { outcome = r.outcome; });
      await sim.runFor(deadlineMs + 1);
      if (outcome !== 'handed-over') throw new LivenessFailure(`leader ${leader.id}'s hand-over ended ${outcome ?? 'never'} at ${sim.nowMs} ms`);
      sim.crash(leader.id);
      await sim.runFor(prng.int(0, 500));
      sim.restart(leader.id);
      await expectAcks(sim, `commits after leader ${leader.id} handed over`);
    }
    await recoverAndCheck(sim);
  },
};

export const DRIVER_SCENARIOS: readonly DriverScenario[] = [chaos, chaosFast, powerCuts, snapshotInstall, staleLeader, rejoin, reconfig, kraftUpgrade, weights, handOver];
