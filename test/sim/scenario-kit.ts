// What scenarios share: creating a seeded simulation, liveness expectations within bounded virtual
// time, and the common ending (heal the network, restart every node, expect commits and every node
// caught up). The Checker watches safety after every event on its own.
import type { RaftConfig } from '../../src/raft/config.js';
import { Prng } from './prng.js';
import { DEV_TIMINGS, Simulation } from './simulation.js';
import type { NetworkFaults } from './sim-network.js';
import type { SimNode } from './sim-node.js';

/** Virtual time within which a healed quorum must elect a leader and commit. */
export const LIVENESS_MS = 10_000;

export class LivenessFailure extends Error {
  override readonly name = 'LivenessFailure';
}

export interface ScenarioMeasures {
  voters: number;
  preVote: boolean;
  firstElectionMs: number | undefined;
  reelectionMs: number[];
}

export interface Scenario {
  name: string;
  /** Settings this scenario needs, over the dev timings and the seed's choices. */
  config?: Partial<RaftConfig>;
  voters: readonly number[];
  observers: readonly number[];
  run(sim: Simulation, prng: Prng, measures: ScenarioMeasures): void;
}

function mildFaults(prng: Prng): NetworkFaults {
  return { dropRate: prng.pick([0, 0.01, 0.05]), duplicateRate: prng.pick([0, 0.02, 0.05]), minDelayMs: 1, maxDelayMs: prng.int(2, 20) };
}

export function createSimulation(scenario: Scenario, seed: number, trace = false): { sim: Simulation; prng: Prng; measures: ScenarioMeasures } {
  // The scenario draws from its own stream, so its choices do not shift the simulation's.
  const prng = new Prng(seed ^ 0x5ce7a410);
  const voters = prng.pick(scenario.voters);
  const preVote = prng.chance(0.8);
  const sim = new Simulation({
    seed,
    voters,
    observers: prng.pick(scenario.observers),
    // Small fetches make lagging followers catch up over many round trips.
    config: { ...DEV_TIMINGS, preVote, fetchMaxBytes: prng.pick([300, 2048, 1 << 20]), ...scenario.config },
    faults: mildFaults(prng),
    trace,
  });
  return { sim, prng, measures: { voters, preVote, firstElectionMs: undefined, reelectionMs: [] } };
}

export function expectWithin(sim: Simulation, done: () => boolean, withinMs: number, what: string): void {
  if (!sim.runUntilTrue(done, withinMs)) throw new LivenessFailure(`${what} did not happen within ${withinMs} ms (at ${sim.nowMs} ms)`);
}

/** More proposals get committed: a leader serves and a majority follows. */
export function expectCommits(sim: Simulation, what: string): void {
  const before = sim.checker.committedDataCount;
  expectWithin(sim, () => sim.checker.committedDataCount >= before + 3, LIVENESS_MS, what);
}

export function newLeaderSince(sim: Simulation, sinceMs: number, not: number): { timeMs: number; nodeId: number } | undefined {
  return sim.leaderChanges.find((c) => c.timeMs >= sinceMs && c.nodeId !== not);
}

/** The leader, waiting for one to be elected if there is none right now. */
export function awaitLeader(sim: Simulation): SimNode {
  expectWithin(sim, () => sim.leader() !== undefined, LIVENESS_MS, 'a leader');
  return sim.leader()!;
}

export function aliveVoters(sim: Simulation): number[] {
  return sim.voterIds.filter((id) => sim.node(id).alive);
}

/** Heal, restart everyone, and expect commits and every node caught up with them. */
export function recoverAndCheck(sim: Simulation): void {
  sim.heal();
  // A healed network still drops, duplicates and delays a little, as in the mild scenarios.
  const f = sim.network.faults;
  sim.network.faults = { ...f, dropRate: Math.min(f.dropRate, 0.01), duplicateRate: Math.min(f.duplicateRate, 0.02), maxDelayMs: Math.min(f.maxDelayMs, 20) };
  for (const node of sim.nodes) if (!node.alive) sim.restart(node.id);
  sim.startClient();
  expectCommits(sim, 'commits after healing');
  const target = sim.checker.committed.length;
  const caughtUp = () => sim.nodes.every((n) => sim.checker.reportedHighWatermark(n.id) >= target);
  expectWithin(sim, caughtUp, LIVENESS_MS, `every node reaching high watermark ${target}`);
  // Every request is answered once, a held fetch within its wait (plus a Ready's disk latency).
  const late = sim.unansweredRequests(sim.options.config.fetchMaxWaitMs! + 50);
  if (late.length > 0) throw new LivenessFailure(`unanswered requests: ${late.slice(0, 5).join(', ')}`);
}

export function startAndCommit(sim: Simulation, measures: ScenarioMeasures): void {
  sim.start();
  sim.startClient();
  expectCommits(sim, 'first election and commits');
  measures.firstElectionMs = sim.leaderChanges[0]?.timeMs;
}

