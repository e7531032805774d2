// Runs one driver scenario for one seed; the outcome has the same shape as the core simulation's,
// so the command line and the test report both alike, with the command that replays a failure.
import type { RunOutcome } from '../runner.js';
import { createDriverSim, DRIVER_SCENARIOS } from './driver-scenarios.js';

export function isDriverScenario(name: string): boolean {
  return DRIVER_SCENARIOS.some((s) => s.name === name);
}

export async function runDriverScenario(name: string, seed: number, trace = false): Promise<RunOutcome> {
  const scenario = DRIVER_SCENARIOS.find((s) => s.name === name);
  if (scenario === undefined) throw new Error(`no driver scenario ${name}`);
  const { sim, prng } = createDriverSim(scenario, seed, trace);
  let error: Error | undefined;
  try {
    await scenario.run(sim, prng);
  } catch (err) {
    error = err instanceof Error ? err : new Error(String(err));
  }
  const measures = { voters: sim.nodes.length, preVote: true, firstElectionMs: undefined, reelectionMs: [] };
  return { scenario: name, seed, error, measures, events: sim.eventCount, virtualMs: sim.nowMs, trace: sim.trace };
}
