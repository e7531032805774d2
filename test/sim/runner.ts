// Runs one scenario for one seed and reports the outcome, with the command that replays it.
import { isDriverScenario, runDriverScenario } from './driver/driver-runner.js';
import { DRIVER_SCENARIOS } from './driver/driver-scenarios.js';
import { SCENARIOS } from './scenarios.js';
import { createSimulation, type ScenarioMeasures } from './scenario-kit.js';

export interface RunOutcome {
  scenario: string;
  seed: number;
  error: Error | undefined;
  measures: ScenarioMeasures;
  events: number;
  virtualMs: number;
  trace: string[];
}

export const ALL_SCENARIO_NAMES = [...SCENARIOS.map((s) => s.name), ...DRIVER_SCENARIOS.map((s) => s.name)];

function replayCommand(scenario: string, seed: number): string {
  return `npm run sim -- --seed ${seed} --scenario ${scenario}`;
}

function scenarioNamed(name: string) {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (scenario === undefined) throw new Error(`no scenario ${name}; there are ${ALL_SCENARIO_NAMES.join(', ')}`);
  return scenario;
}

export function runScenario(name: string, seed: number, trace = false): RunOutcome {
  const scenario = scenarioNamed(name);
  const { sim, prng, measures } = createSimulation(scenario, seed, trace);
  let error: Error | undefined;
  try {
    scenario.run(sim, prng, measures);
  } catch (err) {
    error = err instanceof Error ? err : new Error(String(err));
  }
  return { scenario: name, seed, error, measures, events: sim.eventCount, virtualMs: sim.nowMs, trace: sim.trace };
}

/** Any scenario: the core's (synchronous) or the driver's (asynchronous, over the real files). */
export async function runAnyScenario(name: string, seed: number, trace = false): Promise<RunOutcome> {
  if (isDriverScenario(name)) return runDriverScenario(name, seed, trace);
  return runScenario(name, seed, trace);
}

export function describeFailure(outcome: RunOutcome): string {
  return `${outcome.scenario} seed ${outcome.seed} failed at ${outcome.virtualMs} ms: ${outcome.error?.message}\n  replay: ${replayCommand(outcome.scenario, outcome.seed)}`;
}
