// Weighted voters (kraftling's extension) under the driver simulation: every node is formatted
// with all of them as voters at random weights, and while clients propose and faults fly (crashes,
// power cuts, partitions, snapshots), the leader is asked again and again to change a voter's
// weight (a change that would let an old and a new quorum decide apart is refused). The checker's
// invariants hold throughout (one leader per epoch, no committed or acknowledged entry lost); at
// the end every node agrees on the voters and their weights.
import { InvariantViolation } from '../checker.js';
import type { Prng } from '../prng.js';
import { VoterSet, type Voter } from '../../../src/raft/voter-set.js';
import { simVoterIdentity, type DriverSim } from './driver-sim.js';
import { interleaveWithChaos, recoverAndCheck, startAndCommit, type DriverScenario } from './driver-scenarios.js';

function voter(id: number, weight: number): Voter {
  return { id, ...simVoterIdentity(id), kraftVersion: { min: 0, max: 1 }, weight };
}

/** Asks the leader (if any) to give a voter a new weight; the answer is only traced. */
function changeWeight(sim: DriverSim, prng: Prng): void {
  const leader = sim.leader();
  if (leader === undefined || !leader.started) return;
  const target = prng.pick(leader.quorum!.voterSet().ids);
  const weight = prng.int(0, 3);
  sim.note(`node ${leader.id} asked to set the weight of ${target} to ${weight}`);
  const change = { weight: { id: target, directoryId: simVoterIdentity(target).directoryId, weight } };
  void leader.quorum!.changeVoters(change).then((r) => sim.note(`weight of ${target}: error ${r.errorCode} ${r.errorMessage ?? ''}`), () => undefined);
}

const describe = (set: VoterSet) => set.voters.map((v) => `${v.id}:${v.weight}`).join(',');

export const weights: DriverScenario = {
  name: 'driver-weights',
  voters: [3, 5],
  dynamic: true,
  async run(sim, prng) {
    const initial = new VoterSet(sim.allIds.map((id) => voter(id, prng.int(1, 3))));
    sim.note(`voters ${describe(initial)}`);
    for (const node of sim.nodes) await node.format(initial);
    await startAndCommit(sim);
    await interleaveWithChaos(sim, prng, 5000, 9000, 0.4, () => changeWeight(sim, prng));
    await recoverAndCheck(sim);
    const sets = new Set(sim.nodes.map((n) => describe(n.quorum!.voterSet())));
    if (sets.size !== 1) throw new InvariantViolation(`nodes disagree on the voters' weights after recovery: ${[...sets].join(' / ')}`);
  },
};
