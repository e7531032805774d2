// The deterministic data-plane simulation under `npm test`: real replication and storage code on
// three simulated brokers with power cuts, restarts and network faults, invariants after every
// event. A failure names the seed and the command that replays it with a trace.
//
// Some seeds find bugs of issue 9 that are being fixed apart; they run as expected failures, so
// this file stays green until the fix lands and then says so: when an `it.fails` below starts
// failing, its seeds pass, and they belong in the plain run.
import { describe, expect, it } from 'vitest';
import { describeOutcome, runDataplane } from './simulation.js';

/**
 * Seeds 1..60 on main before those fixes, by what they wait for (each group passes with a sketch of
 * its fixes applied, and fails without). Mechanisms found:
 * - item 2: a request appended while the ISR had two members waits for the high watermark; the ISR
 *   shrinks to the leader alone; the high watermark then passes the record and the leader answers
 *   success with one copy (min.insync.replicas is not checked after the append).
 * - item 7 (seed 39): a new leader records no start offset for its epoch; its followers, holding a
 *   newer epoch from the previous leader, fetch with that last fetched epoch and get a diverging
 *   epoch of (-1, -1), which reads as "no divergence": they never truncate, never record progress
 *   and never rejoin the ISR (and fetch again at once, a hot loop). Once leaders do record their
 *   epoch, a follower that led an epoch without appending holds an entry at its log end; truncating
 *   to the log end must still drop it (Kafka's UnifiedLog.truncateTo does; PartitionLog.truncateTo
 *   returns early), or that follower is told to truncate to where it is, forever.
 * - item 3 (seeds 5, 40): the leader asks for an ISR expansion and the controller commits it;
 *   until the leader learns of it (late, or never if its link to the controller is cut) it computes
 *   the high watermark over its old, smaller ISR and acknowledges records the new member lacks; the
 *   committed ISR then holds a broker without them, which the controller may elect.
 */
const WAITING_FOR_ITEM_2 = [1, 3, 6, 7, 11, 14, 17, 18, 19, 20, 22, 23, 25, 26, 27, 28, 29, 31, 32, 33, 34, 38, 41, 44, 46, 50, 51, 52, 55, 57, 58, 59, 60];
const WAITING_FOR_ITEMS_2_7 = [39];
const WAITING_FOR_ITEMS_2_3_7 = [5, 40];
const WAITING = [...WAITING_FOR_ITEM_2, ...WAITING_FOR_ITEMS_2_7, ...WAITING_FOR_ITEMS_2_3_7];

/** 30 runs take about 15 s on a quiet machine once none fails early; more go to `npm run sim:dataplane`. */
const FIRST_SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);

async function failuresOf(seeds: readonly number[]): Promise<string[]> {
  const failures: string[] = [];
  for (const seed of seeds) {
    const outcome = await runDataplane(seed);
    if (outcome.error !== undefined) failures.push(describeOutcome(outcome));
  }
  return failures;
}

describe('data-plane simulation', () => {
  it('seeds 1..30 keep every invariant and recover after healing', async () => {
    const failures = await failuresOf(FIRST_SEEDS.filter((s) => !WAITING.includes(s)));
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it.fails('seeds waiting for item 2 (min.insync.replicas after the append)', async () => {
    const failures = await failuresOf(WAITING_FOR_ITEM_2.slice(0, 5));
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it.fails('seeds waiting for items 2 and 7 (leader epoch start offsets, diverging epochs)', async () => {
    const failures = await failuresOf(WAITING_FOR_ITEMS_2_7);
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it.fails('seeds waiting for items 2, 3 and 7 (high watermark over the maximal ISR)', async () => {
    const failures = await failuresOf(WAITING_FOR_ITEMS_2_3_7);
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
