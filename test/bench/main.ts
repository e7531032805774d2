// `npm run bench [-- --quick] [-- --only startup,produce,...]`: the broker's figures against the
// team's targets, in one table. Progress goes to stderr, the table to stdout. The bench prints
// figures and never fails on them: the machine is shared, so compare ratios within one run.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { ensureBuild } from './broker-process.js';
import { allocationGroup } from './allocation.js';
import { protocolGroup } from './codecs.js';
import { consoleGroup } from './console.js';
import { consumeGroup } from './consume.js';
import { recoveryGroup } from './crash-recovery.js';
import { embeddedGroup } from './embedded.js';
import { groupsGroup } from './groups.js';
import { kafkajsGroup } from './kafkajs.js';
import { kraftGroup } from './kraft.js';
import { latencyGroup } from './latency.js';
import { leaderKillGroup } from './leader-kill.js';
import { librdkafkaGroup } from './librdkafka.js';
import { partitionsGroup } from './partitions.js';
import { produceGroup } from './produce.js';
import { replicationGroup } from './replication.js';
import { rollingRestartGroup } from './rolling-restart.js';
import { formatTable, settingsFor, type Figure, type FigureGroup } from './report.js';
import { startupGroup } from './startup.js';
import { transactionsGroup } from './transactions.js';

const GROUPS: FigureGroup[] = [
  startupGroup, produceGroup, replicationGroup, consumeGroup, latencyGroup, allocationGroup, kafkajsGroup, librdkafkaGroup, groupsGroup, kraftGroup, leaderKillGroup, rollingRestartGroup, recoveryGroup, partitionsGroup,
  protocolGroup, transactionsGroup, consoleGroup, embeddedGroup,
];

function usage(): string {
  const names = GROUPS.map((g) => `  ${g.name.padEnd(11)} ${g.description}`).join('\n');
  return `usage: npm run bench -- [--quick] [--only group,group...]\n\n`
    + `  --quick     about 40 s: shorter runs, fewer samples\n`
    + `  --only      run only the named groups\n\ngroups:\n${names}\n`;
}

function selectGroups(only: string | undefined): FigureGroup[] {
  if (only === undefined) return GROUPS;
  const names = only.split(',').map((n) => n.trim()).filter((n) => n !== '');
  const unknown = names.filter((n) => !GROUPS.some((g) => g.name === n));
  if (unknown.length > 0) throw new Error(`unknown group ${unknown.join(', ')}\n\n${usage()}`);
  return GROUPS.filter((g) => names.includes(g.name));
}

function failure(group: FigureGroup, err: Error): Figure {
  return { group: group.name, name: '(group failed)', value: 'FAILED', versus: err.message.split('\n')[0]!, generator: '-' };
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv, strict: true,
    options: { quick: { type: 'boolean' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(usage());
    return 0;
  }
  const groups = selectGroups(values.only);
  const log = (line: string): void => void process.stderr.write(`. ${line}\n`);
  const settings = settingsFor(values.quick === true, log);
  const started = performance.now();
  if (groups.some((g) => g.usesBroker)) ensureBuild(log);
  const figures: Figure[] = [];
  for (const group of groups) {
    try {
      figures.push(...(await group.run(settings)));
    } catch (err) {
      log(`${group.name} failed: ${(err as Error).stack ?? String(err)}`);
      figures.push(failure(group, err as Error));
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown cpu';
  process.stdout.write(`\nkraftling bench${settings.quick ? ' (--quick)' : ''}: node ${process.version}, `
    + `${os.cpus().length} x ${cpu}, ${seconds} s. MB = 10^6 bytes; throughput counts RecordBatch bytes.\n\n`);
  process.stdout.write(`${formatTable(figures)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: Error) => {
    process.stderr.write(`bench: ${err.message}\n`);
    process.exitCode = 2;
  },
);
