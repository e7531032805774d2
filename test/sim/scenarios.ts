// The simulation scenarios. Each picks its quorum size, network and timing from the seed, drives
// faults through the Simulation and states what must happen within bounded virtual time.
import {
  LIVENESS_MS,
  aliveVoters,
  awaitLeader,
  expectCommits,
  expectWithin,
  newLeaderSince,
  recoverAndCheck,
  startAndCommit,
  LivenessFailure,
  type Scenario,
} from './scenario-kit.js';
import { InvariantViolation } from './checker.js';
import type { Prng } from './prng.js';
import type { Simulation } from './simulation.js';

const initialElection: Scenario = {
  name: 'initial-election',
  voters: [1, 2, 3, 4, 5],
  observers: [0, 0, 1],
  run(sim, prng, measures) {
    startAndCommit(sim, measures);
    sim.runFor(prng.int(200, 1500));
    recoverAndCheck(sim);
  },
};

const leaderCrash: Scenario = {
  name: 'leader-crash',
  voters: [3, 4, 5],
  observers: [0, 1],
  run(sim, prng, measures) {
    startAndCommit(sim, measures);
    sim.runFor(prng.int(100, 1500));
    const leader = awaitLeader(sim);
    const crashedAtMs = sim.nowMs;
    sim.crash(leader.id);
    expectWithin(sim, () => newLeaderSince(sim, crashedAtMs, leader.id) !== undefined, LIVENESS_MS, 're-election after a leader crash');
    measures.reelectionMs.push(newLeaderSince(sim, crashedAtMs, leader.id)!.timeMs - crashedAtMs);
    expectCommits(sim, 'commits after re-election');
    sim.runFor(prng.int(0, 1000));
    recoverAndCheck(sim);
  },
};

const leaderPartitioned: Scenario = {
  name: 'leader-partitioned',
  voters: [3, 4, 5],
  observers: [0, 1],
  run(sim, prng, measures) {
    startAndCommit(sim, measures);
    sim.runFor(prng.int(100, 1000));
    const old = awaitLeader(sim);
    const cutAtMs = sim.nowMs;
    sim.isolate([old.id]);
    expectWithin(sim, () => newLeaderSince(sim, cutAtMs, old.id) !== undefined, LIVENESS_MS, 'a new leader beside the cut-off one');
    expectCommits(sim, 'commits by the new leader');
    // Check quorum: the cut-off leader sees no majority fetching and resigns.
    expectWithin(sim, () => !old.alive || old.status.role !== 'leader', 3 * sim.options.config.fetchTimeoutMs!, 'the cut-off leader resigning');
    sim.runFor(prng.int(0, 1000));
    recoverAndCheck(sim);
  },
};

const backToBackFailures: Scenario = {
  name: 'back-to-back-failures',
  voters: [3, 4, 5],
  observers: [0],
  run(sim, prng, measures) {
    startAndCommit(sim, measures);
    const majority = Math.floor(sim.voterIds.length / 2) + 1;
    for (let round = 0; round < 3; round++) {
      const leader = sim.leader();
      if (leader === undefined) break;
      const crashedAtMs = sim.nowMs;
      sim.crash(leader.id);
      // Keep a majority able to run: bring back the longest-down voter when needed.
      if (aliveVoters(sim).length < majority) sim.restart(sim.voterIds.find((id) => !sim.node(id).alive && id !== leader.id)!);
      expectWithin(sim, () => newLeaderSince(sim, crashedAtMs, leader.id) !== undefined && sim.leader() !== undefined, LIVENESS_MS, `leader after failure ${round + 1}`);
      sim.runFor(prng.int(0, 60));
    }
    recoverAndCheck(sim);
  },
};

const fullRestart: Scenario = {
  name: 'full-restart',
  voters: [1, 2, 3, 4, 5],
  observers: [0, 1],
  run(sim, prng, measures) {
    startAndCommit(sim, measures);
    for (let round = 0; round < 2; round++) {
      sim.runFor(prng.int(0, 800));
      // Everyone dies within a few ms, some in the middle of a write that was not synced.
      for (const node of sim.nodes) sim.schedule(sim.nowMs + prng.int(0, 6), () => node.alive && sim.crash(node.id));
      sim.runFor(10);
      for (const node of sim.nodes) sim.schedule(sim.nowMs + prng.int(0, 300), () => sim.restart(node.id));
      sim.runFor(300);
      expectCommits(sim, `commits after full restart ${round + 1}`);
    }
    recoverAndCheck(sim);
  },
};

const minorityPartition: Scenario = {
  name: 'minority-partition',
  voters: [3, 5],
  observers: [0, 1],
  run(sim, prng, measures) {
    const reliable = prng.chance(0.5);
    if (reliable) sim.network.faults = { dropRate: 0, duplicateRate: 0, minDelayMs: 1, maxDelayMs: 10 };
    startAndCommit(sim, measures);
    sim.runFor(prng.int(100, 1000));
    const leader = awaitLeader(sim);
    const others = prng.shuffled(sim.voterIds.filter((id) => id !== leader.id));
    const size = Math.floor((sim.voterIds.length - 1) / 2);
    // Half the time the leader is in the minority and must be replaced.
    const minority = prng.chance(0.5) ? [leader.id, ...others.slice(0, size - 1)] : others.slice(0, size);
    // Quiet: no writes, so the cut-off nodes keep logs as good as anyone's; only pre-vote's
    // leader check keeps them from unseating the leader when they come back.
    const quiet = reliable && !minority.includes(leader.id);
    if (quiet) {
      sim.stopClient();
      const settled = () => sim.nodes.every((n) => sim.checker.reportedHighWatermark(n.id) === leader.status.logEndOffset);
      expectWithin(sim, settled, LIVENESS_MS, 'every node holding every record');
    }
    const cutAtMs = sim.nowMs;
    // Transitions the core made before the cut may still be on their way to disk; those are fine.
    const atCut = new Map(minority.map((id) => [id, sim.node(id).alive ? `${sim.node(id).status.role}@${sim.node(id).status.epoch}` : '']));
    sim.isolate(minority);
    if (!quiet) expectCommits(sim, 'commits on the majority side');
    sim.runFor(prng.int(500, 2500));
    const risen = sim.roleChanges.filter((c) => c.timeMs >= cutAtMs && minority.includes(c.nodeId) && atCut.get(c.nodeId) !== `${c.role}@${c.epoch}`);
    // A minority cannot elect; with pre-vote it cannot even run, so its epochs stay put.
    const forbidden = measures.preVote ? ['leader', 'candidate'] : ['leader'];
    const bad = risen.find((c) => forbidden.includes(c.role));
    if (bad !== undefined) throw new InvariantViolation(`minority node ${bad.nodeId} became ${bad.role} in epoch ${bad.epoch}`);
    checkHealDoesNotDisturb(sim, measures.preVote);
    recoverAndCheck(sim);
  },
};

/** With pre-vote and a clean network, rejoining nodes must not unseat the leader. */
function checkHealDoesNotDisturb(sim: Simulation, preVote: boolean): void {
  const leader = sim.leader();
  sim.heal();
  if (!preVote || leader === undefined || sim.network.faults.dropRate > 0) return;
  const epoch = leader.status.epoch;
  sim.runFor(2000);
  const moved = sim.nodes.find((n) => n.alive && n.status.epoch > epoch);
  if (moved !== undefined) throw new LivenessFailure(`node ${moved.id} moved to epoch ${moved.status.epoch} after the partition healed`);
}

const snapshotCatchUp: Scenario = {
  name: 'snapshot-catch-up',
  voters: [3, 4, 5],
  observers: [0, 1],
  run(sim, prng, measures) {
    startAndCommit(sim, measures);
    const leaderId = awaitLeader(sim).id;
    const lagging = prng.pick(sim.allIds.filter((id) => id !== leaderId));
    const crashed = prng.chance(0.5);
    if (crashed) sim.crash(lagging);
    else sim.isolate([lagging]);
    for (let round = 0; round < 2; round++) {
      sim.runFor(prng.int(800, 2000));
      // A node busy syncing cannot snapshot this instant; the state machine tries again shortly.
      for (const id of sim.allIds) if (id !== lagging) sim.runUntilTrue(() => !sim.node(id).alive || sim.snapshot(id), 1000);
    }
    sim.runFor(prng.int(0, 300));
    if (crashed) sim.restart(lagging);
    else sim.heal();
    const installed = () => (sim.snapshotInstalls.get(lagging) ?? 0) > 0;
    expectWithin(sim, installed, LIVENESS_MS, `node ${lagging} installing a snapshot`);
    recoverAndCheck(sim);
  },
};

/**
 * Raft's figure 8, in KRaft's terms: records an old leader could not commit in its epoch sit on
 * two nodes; a third node has a newer epoch's record that nobody else has. A leader elected later
 * from the two may commit the old records only together with its own LeaderChange record; were it
 * to commit them alone and crash, the third node could win and overwrite them.
 */
const figureEight: Scenario = {
  name: 'figure-eight',
  voters: [5],
  observers: [0],
  // Small fetches: a follower may get the old records in a response that stops before the
  // LeaderChange record, which is the moment a wrong commit rule would commit them.
  config: { fetchMaxBytes: 300 },
  run(sim, prng, measures) {
    startAndCommit(sim, measures);
    const first = awaitLeader(sim).id;
    const second = prng.pick(sim.voterIds.filter((id) => id !== first));
    const rest = sim.voterIds.filter((id) => id !== first && id !== second);
    sim.isolate([first, second]);
    // The other side elects a leader; cut it off the moment it wins, before its records leave it.
    const winner = () => rest.find((id) => sim.node(id).status.role === 'leader');
    expectWithin(sim, () => winner() !== undefined, LIVENESS_MS, 'a leader on the majority side');
    const third = winner()!;
    const mark = Math.max(...rest.filter((id) => id !== third).map((id) => sim.node(id).status.logEndOffset));
    sim.heal();
    sim.isolate([third]);
    // One of the first two, which hold the old records, should lead next; once the new leader says
    // they are committed, crash it.
    const committer = () => sim.voterIds.find((id) => id !== third && sim.node(id).status.role === 'leader' && sim.checker.reportedHighWatermark(id) > mark);
    expectWithin(sim, () => committer() !== undefined, LIVENESS_MS, 'the old records committed');
    sim.crash(committer()!);
    sim.heal();
    recoverAndCheck(sim);
  },
};

/** Random crashes, restarts, partitions, heals, snapshots and network weather, then recovery. */
const chaos: Scenario = {
  name: 'chaos',
  voters: [1, 2, 3, 4, 5],
  observers: [0, 1],
  run(sim, prng, measures) {
    startAndCommit(sim, measures);
    const endMs = sim.nowMs + prng.int(8000, 15000);
    while (sim.nowMs < endMs) {
      sim.runFor(prng.int(50, 1200));
      chaosAction(sim, prng);
    }
    recoverAndCheck(sim);
  },
};

function chaosAction(sim: Simulation, prng: Prng): void {
  const alive = sim.nodes.filter((n) => n.alive).map((n) => n.id);
  const dead = sim.nodes.filter((n) => !n.alive).map((n) => n.id);
  switch (prng.int(0, 6)) {
    case 0:
      if (alive.length > 0) sim.crash(prng.pick(alive));
      break;
    case 1:
      if (dead.length > 0) sim.restart(prng.pick(dead));
      break;
    case 2:
      sim.isolate(prng.shuffled(sim.allIds).slice(0, prng.int(1, Math.max(1, sim.allIds.length - 1))));
      break;
    case 3:
      sim.heal();
      break;
    case 4:
      for (const id of alive) if (prng.chance(0.5)) sim.snapshot(id);
      break;
    case 5:
      sim.network.faults = { dropRate: prng.pick([0, 0.05, 0.2]), duplicateRate: prng.pick([0, 0.1]), minDelayMs: 1, maxDelayMs: prng.int(2, 60) };
      break;
    default: {
      const leader = sim.leader();
      if (leader !== undefined) leader.raft!.resign();
      leader?.afterEvent();
    }
  }
}

export const SCENARIOS: readonly Scenario[] = [
  initialElection,
  leaderCrash,
  leaderPartitioned,
  backToBackFailures,
  fullRestart,
  minorityPartition,
  snapshotCatchUp,
  figureEight,
  chaos,
];
