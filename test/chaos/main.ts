// `npm run chaos -- [--rounds N] [--seed S] [--duration-ms D]`: chaos rounds against three real
// kraftling processes (see round.ts), as many as asked. Round i uses seed S + i (S random unless
// given). Each failure prints its seed, what broke, where the logs are, and the command that
// replays it; the exit code is 1 when any round failed.
import { parseArgs } from 'node:util';
import { pythonWithConfluentKafka } from './librdkafka-producer.js';
import { replayCommandFor } from './replay.js';
import { runRound, type RoundResult } from './round.js';

const DEFAULT_DURATION_MS = 20_000;

function usage(): string {
  return 'usage: npm run chaos -- [--rounds N] [--seed S] [--duration-ms D]\n\n'
    + '  --rounds       rounds to run (default 1)\n'
    + '  --seed         seed of the first round; round i uses seed + i (default: random)\n'
    + `  --duration-ms  how long each round kills and restarts nodes (default ${DEFAULT_DURATION_MS})\n`;
}

function report(r: RoundResult, durationMs: number): string {
  const graceful = r.kills.filter((k) => k.signal === 'SIGTERM').length;
  const head = `seed ${r.seed}: ${r.kills.length - graceful} kills, ${graceful} graceful stops, ${r.acked} records acknowledged, ${r.records} read back, ${r.failedSends} sends failed`;
  if (r.violations.length === 0) return `${head}: OK`;
  return [`${head}: FAILED`, ...r.violations.map((v) => `  ${v}`), `  logs and data: ${r.dir}`,
    `  replay: ${replayCommandFor(r.seed, durationMs)}`].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv, strict: true,
    options: { rounds: { type: 'string' }, seed: { type: 'string' }, 'duration-ms': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(usage());
    return 0;
  }
  const rounds = Number(values.rounds ?? 1);
  const firstSeed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 0x7fffffff);
  const durationMs = Number(values['duration-ms'] ?? DEFAULT_DURATION_MS);
  if (![rounds, firstSeed, durationMs].every(Number.isSafeInteger)) throw new Error(`bad arguments\n\n${usage()}`);
  const python = pythonWithConfluentKafka();
  if (!python) process.stdout.write('python3 confluent_kafka not found: rounds run without the idempotent librdkafka producer\n');
  const failed: number[] = [];
  let acked = 0;
  for (let i = 0; i < rounds; i++) {
    const seed = firstSeed + i;
    process.stdout.write(`round ${i + 1} of ${rounds}, seed ${seed}\n`);
    const result = await runRound({ seed, durationMs, python, log: (line) => void process.stderr.write(`  ${line}\n`) });
    acked += result.acked;
    process.stdout.write(`${report(result, durationMs)}\n`);
    if (result.violations.length > 0) failed.push(seed);
  }
  process.stdout.write(`${rounds} rounds, ${acked} acknowledged records checked, ${failed.length} failed`
    + `${failed.length > 0 ? ` (seeds ${failed.join(', ')})` : ''}\n`);
  return failed.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: Error) => {
    process.stderr.write(`chaos: ${err.message}\n`);
    process.exitCode = 2;
  },
);
