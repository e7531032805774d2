// kraft.version 0 -> 1 under the driver simulation: static voters (controller.quorum.voters) that
// know their directory ids announce themselves to each leader with UpdateRaftVoter, and while
// clients propose and faults fly (crashes, power cuts, partitions, snapshots), the leader is asked
// again and again to upgrade. The checker's invariants hold throughout (one leader per epoch, no
// committed or acknowledged entry lost); at the end every node is at one kraft.version, at 1 if
// any upgrade was acknowledged, and with the voter set it started with.
import { InvariantViolation } from '../checker.js';
import type { Prng } from '../prng.js';
import type { DriverSim } from './driver-sim.js';
import { interleaveWithChaos, recoverAndCheck, startAndCommit, type DriverScenario } from './driver-scenarios.js';

export const kraftUpgrade: DriverScenario = {
  name: 'driver-kraft-upgrade',
  voters: [3, 5],
  identities: true,
  async run(sim, prng) {
    await startAndCommit(sim);
    const acknowledged = { upgrade: false };
    await interleaveWithChaos(sim, prng, 4000, 8000, 0.3, () => askUpgrade(sim, acknowledged));
    await recoverAndCheck(sim);
    // Announcements are once per epoch: give the last leader's voters time to make theirs.
    if (!acknowledged.upgrade) await sim.runFor(3000);
    askUpgrade(sim, acknowledged);
    await sim.runFor(2000);
    const levels = new Set(sim.nodes.map((n) => n.quorum!.status.kraftVersion));
    if (levels.size !== 1) throw new InvariantViolation(`nodes disagree on kraft.version after recovery: ${[...levels].join(' / ')}`);
    if (acknowledged.upgrade && !levels.has(1)) throw new InvariantViolation('an acknowledged kraft.version upgrade was lost');
    const expected = sim.allIds.join(',');
    for (const node of sim.nodes) {
      const ids = node.quorum!.voterSet().ids.join(',');
      if (ids !== expected) throw new InvariantViolation(`node ${node.id} has voters ${ids} after the upgrade, not ${expected}`);
    }
  },
};

/** Asks the leader (if any) to upgrade; an acknowledgement means the upgrade committed. */
function askUpgrade(sim: DriverSim, acknowledged: { upgrade: boolean }): void {
  const leader = sim.leader();
  if (leader === undefined || !leader.started) return;
  sim.note(`node ${leader.id} asked to upgrade kraft.version to 1`);
  // Not tracked as the node's work: it settles when the upgrade commits, which takes virtual time.
  void leader.quorum!.changeVoters({ kraftVersion: { level: 1, validateOnly: false } }).then((r) => {
    sim.note(`upgrade: error ${r.errorCode} ${r.errorMessage ?? ''}`);
    if (r.errorCode === 0) acknowledged.upgrade = true;
  }, () => undefined);
}
