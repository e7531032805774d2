// The deterministic Raft simulation under `npm test`: every scenario over a fixed set of seeds.
// A failure names the seed and the command that replays it with a trace.
import { describe, expect, it } from 'vitest';
import { describeFailure, runScenario } from './runner.js';
import { SCENARIOS } from './scenarios.js';

/** 9 scenarios x 30 seeds = 270 runs. SIM_SEEDS / SIM_FROM choose others. */
const SEEDS = Number(process.env.SIM_SEEDS ?? 30);
const FROM = Number(process.env.SIM_FROM ?? 1);

describe('raft simulation', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.name}: ${SEEDS} seeds keep every invariant and recover`, () => {
      const failures: string[] = [];
      for (let seed = FROM; seed < FROM + SEEDS; seed++) {
        const outcome = runScenario(scenario.name, seed);
        if (outcome.error !== undefined) failures.push(describeFailure(outcome));
      }
      expect(failures, failures.join('\n')).toEqual([]);
    });
  }
});
