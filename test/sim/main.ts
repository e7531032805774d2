// The simulator from the command line:
//   npx tsx test/sim/main.ts --seeds 50                 every scenario, seeds 1..50
//   npx tsx test/sim/main.ts --seed 123 --scenario leader-crash [--trace]
//   npx tsx test/sim/main.ts --seeds 20 --scenario driver-chaos    the real driver over in-memory disks
// Prints failures with their replay command (and a failing run's last events, or with --trace
// every message), the run time, and election timings in virtual time.
import { ALL_SCENARIO_NAMES, describeFailure, runAnyScenario, type RunOutcome } from './runner.js';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summary(label: string, values: number[]): string {
  if (values.length === 0) return `${label}: no samples`;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return `${label}: n=${values.length} mean=${mean.toFixed(0)} p50=${percentile(values, 50)} p90=${percentile(values, 90)} max=${Math.max(...values)} ms`;
}

function report(outcomes: RunOutcome[], wallMs: number): void {
  const failures = outcomes.filter((o) => o.error !== undefined);
  for (const f of failures) console.log(describeFailure(f));
  const events = outcomes.reduce((a, o) => a + o.events, 0);
  console.log(`${outcomes.length} runs, ${failures.length} failed, ${events} events, ${(wallMs / 1000).toFixed(1)} s`);
  const multi = outcomes.filter((o) => o.measures.voters > 1);
  console.log(summary('first election (2-5 voters)', multi.map((o) => o.measures.firstElectionMs!).filter(Number.isFinite)));
  console.log(summary('first election (1 voter)', outcomes.filter((o) => o.measures.voters === 1).map((o) => o.measures.firstElectionMs!).filter(Number.isFinite)));
  console.log(summary('re-election after leader crash', outcomes.flatMap((o) => o.measures.reelectionMs)));
  process.exitCode = failures.length > 0 ? 1 : 0;
}

async function main(): Promise<void> {
  const scenarioArg = argValue('scenario');
  const seedArg = argValue('seed');
  const started = performance.now();
  if (seedArg !== undefined) {
    const trace = process.argv.includes('--trace');
    const outcome = await runAnyScenario(scenarioArg ?? 'chaos', Number(seedArg), trace);
    if (trace || outcome.error !== undefined) console.log(outcome.trace.join('\n'));
    report([outcome], performance.now() - started);
    return;
  }
  const seeds = Number(argValue('seeds') ?? '25');
  const from = Number(argValue('from') ?? '1');
  const names = scenarioArg !== undefined ? [scenarioArg] : ALL_SCENARIO_NAMES;
  const outcomes: RunOutcome[] = [];
  for (const name of names) for (let seed = from; seed < from + seeds; seed++) outcomes.push(await runAnyScenario(name, seed));
  report(outcomes, performance.now() - started);
}

void main();
