// The data-plane simulation from the command line:
//   npm run sim:dataplane -- --seeds 50 [--from 1]     seeds 1..50
//   npm run sim:dataplane -- --seed 123 [--trace]      one seed; --trace prints its events
//   --graceful-stops                                   graceful stops among the faults
// Prints each failure with the command that replays it, and totals.
import { describeOutcome, runDataplane, type DataplaneOutcome } from './simulation.js';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const started = performance.now();
  const trace = process.argv.includes('--trace');
  const one = argValue('seed');
  const from = Number(argValue('from') ?? '1');
  const seeds = one !== undefined ? [Number(one)] : Array.from({ length: Number(argValue('seeds') ?? '20') }, (_, i) => from + i);
  const outcomes: DataplaneOutcome[] = [];
  for (const seed of seeds) {
    const o = await runDataplane(seed, { trace, gracefulStops: process.argv.includes('--graceful-stops') });
    outcomes.push(o);
    if (trace || (one !== undefined && o.error)) console.log(o.trace.join('\n'));
    if (o.error) console.log(describeOutcome(o));
  }
  const failed = outcomes.filter((o) => o.error);
  const sum = (f: (o: DataplaneOutcome) => number): number => outcomes.reduce((a, o) => a + f(o), 0);
  console.log(`${outcomes.length} runs, ${failed.length} failed (seeds ${failed.map((o) => o.seed).join(' ') || '-'}), ` +
    `${sum((o) => o.events)} events, ${sum((o) => o.faults)} faults, ${sum((o) => o.acked)} records acknowledged, ` +
    `${sum((o) => o.consumed)} consumed, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.exit(failed.length > 0 ? 1 : 0);
}

void main();
