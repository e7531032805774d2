// The simulation of the real KRaft driver under `npm test`: each driver scenario over a few seeds
// (the runs are ~0.5 s each: real segment files and codecs), plus the seeds that once found a bug,
// kept as regressions. A failure names the seed and the command that replays it with a trace.
// DRIVER_SIM_SEEDS / DRIVER_SIM_FROM choose others; `npm run sim -- --scenario driver-chaos
// --seeds 200` runs many.
import { describe, expect, it } from 'vitest';
import { DRIVER_SCENARIOS } from './driver/driver-scenarios.js';
import { runDriverScenario } from './driver/driver-runner.js';
import { describeFailure } from './runner.js';

const SEEDS = Number(process.env.DRIVER_SIM_SEEDS ?? 4);
/** driver-chaos-fast runs 2-3 times longer than the others. */
const FAST_SEEDS = Number(process.env.DRIVER_SIM_SEEDS ?? 2);
const FROM = Number(process.env.DRIVER_SIM_FROM ?? 1);

/** Seeds that found bugs, by scenario (each line says what was wrong). A seed is tied to the
 * simulator's draws: after changing those, find the bug's seeds again with its fix reverted. */
const REGRESSIONS: Record<string, number[]> = {
  // Without pre-vote, a voter whose log was behind stood again and again and every newer epoch gave
  // the others a fresh election timeout: no leader was ever elected (core: becomeUnattached).
  'driver-chaos': [14, 15],
  // A power cut between raising the log start and deleting the snapshots below it left an older
  // snapshot that passed for the one at the log start: the node fetched with a wrong last epoch
  // and was sent below its high watermark (driver: delete snapshots below the log start at start).
  // Seed 795: while a snapshot raised the leader's log start, a fetch found the older snapshot
  // still listed; the epoch cache, cut at the new start, then vouched for a stale follower log, which
  // committed its own records (driver: forget older snapshots before the log start rises).
  'driver-power-cuts': [70, 99, 795],
  // A power cut inside the log reset after a snapshot install left the old leader-epoch checkpoint
  // beside the emptied log: the node fetched with epoch 1 behind a snapshot of epoch 2 and was told
  // to truncate below its high watermark (driver: Kafka's epoch test in truncateToLatestSnapshot).
  'driver-chaos-fast': [5038],
  // An AddRaftVoter appended while the new voter was cut off: the leader's check quorum made it
  // resign, and the new voter, which had not received the VotersRecord, refused every vote as a
  // non-voter: no leader ever again (core: in a dynamic quorum a request addressed to a node is
  // answered whatever its local voter set says, as in Kafka 3.9).
  // Seed 15: a leader removed itself and lost power before the removal reached the remaining voter;
  // back, its log said it was no voter, so it never stood, and the other needed its vote: no
  // leader (core: a node removed by a VotersRecord not known to be committed still stands,
  // without counting its own vote, Raft thesis 4.2.2).
  'driver-reconfig': [2, 15],
  // A leader whose weight outweighed the others together kept a check-quorum deadline in the past
  // that it never acted on: its timer fired at the same instant for ever (leader: no check quorum
  // for a leader that is a quorum by itself).
  'driver-weights': [7],
};

describe('raft driver simulation', () => {
  for (const scenario of DRIVER_SCENARIOS) {
    const count = scenario.name === 'driver-chaos-fast' ? FAST_SEEDS : SEEDS;
    const seeds = [...new Set([...Array.from({ length: count }, (_, i) => FROM + i), ...(REGRESSIONS[scenario.name] ?? [])])];
    it(`${scenario.name}: seeds ${seeds.join(',')} keep every invariant and recover`, async () => {
      const failures: string[] = [];
      for (const seed of seeds) {
        const outcome = await runDriverScenario(scenario.name, seed);
        if (outcome.error !== undefined) failures.push(describeFailure(outcome));
      }
      expect(failures, failures.join('\n')).toEqual([]);
    });
  }
});
