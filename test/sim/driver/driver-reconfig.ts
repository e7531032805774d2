// KIP-853 under the driver simulation: every node is formatted with node 1 as the only voter, and
// while clients propose and faults fly (crashes, power cuts, partitions, snapshots, resignations),
// the leader is asked again and again to add an observer or remove a voter (itself included).
// The checker's invariants hold throughout (one leader per epoch, no committed or acknowledged
// entry lost); at the end every node agrees on the voter set.
import { InvariantViolation } from '../checker.js';
import type { Prng } from '../prng.js';
import { VoterSet, type Voter } from '../../../src/raft/voter-set.js';
import { simVoterIdentity, type DriverSim } from './driver-sim.js';
import { interleaveWithChaos, recoverAndCheck, startAndCommit, type DriverScenario } from './driver-scenarios.js';

function voter(id: number): Voter {
  return { id, ...simVoterIdentity(id), kraftVersion: { min: 0, max: 1 }, weight: 1 };
}

/** Asks the leader (if any) to add a non-voter or remove a voter; the answer is only traced. */
function changeVoters(sim: DriverSim, prng: Prng): void {
  const leader = sim.leader();
  if (leader === undefined || !leader.started) return;
  const quorum = leader.quorum!;
  const voters = quorum.voterSet().ids;
  const others = sim.allIds.filter((id) => !voters.includes(id));
  const add = others.length > 0 && (voters.length === 1 || prng.chance(0.5));
  const target = add ? prng.pick(others) : prng.pick(voters);
  const change = add ? { add: voter(target) } : { remove: { id: target, directoryId: voter(target).directoryId } };
  sim.note(`node ${leader.id} asked to ${add ? 'add' : 'remove'} voter ${target}`);
  // Not tracked as the node's work: it settles when the change commits, which takes virtual time.
  void quorum.changeVoters(change).then((r) => sim.note(`${add ? 'add' : 'remove'} ${target}: error ${r.errorCode}`), () => undefined);
}

export const reconfig: DriverScenario = {
  name: 'driver-reconfig',
  voters: [3, 5],
  dynamic: true,
  async run(sim, prng) {
    for (const node of sim.nodes) await node.format(new VoterSet([voter(1)]));
    await startAndCommit(sim);
    await interleaveWithChaos(sim, prng, 5000, 9000, 0.5, () => changeVoters(sim, prng));
    await recoverAndCheck(sim);
    const sets = new Set(sim.nodes.map((n) => n.quorum!.voterSet().ids.join(',')));
    if (sets.size !== 1) throw new InvariantViolation(`nodes disagree on the voters after recovery: ${[...sets].join(' / ')}`);
  },
};
