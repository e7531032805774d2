// librdkafka producers, when the Debian packages are installed: kcat reading a file of 1 KiB lines,
// and python3-confluent-kafka through librdkafka-producer.py. Both run in their own processes with
// acks=1; delivered records are checked against the topic's end offsets afterwards.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withBroker, withCpuShares, ROOT } from './broker-process.js';
import { RECORD_BYTES } from './produce-load.js';
import { createTopic, recordsInTopic } from './raw-client.js';
import { mbPerSec, perSec, thousands, type BenchSettings, type Figure, type FigureGroup } from './report.js';

const PARTITIONS = 8;
const SCRIPT = path.join(ROOT, 'test/bench/librdkafka-producer.py');
/** Debian installs python3-confluent-kafka for its own python3; a user's python3 may differ. */
const PYTHONS = ['/usr/bin/python3', 'python3'];
const INSTALL_HINT = 'apt-get install -y kcat python3-confluent-kafka';

function commandExists(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function pythonWithConfluentKafka(): string | undefined {
  return PYTHONS.find((python) => spawnSync(python, ['-c', 'import confluent_kafka'], { stdio: 'ignore' }).status === 0);
}

function runProcess(command: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number | null; elapsedMs: number }> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ stdout, stderr, code, elapsedMs: performance.now() - started }));
  });
}

/** A file of `records` lines of RECORD_BYTES bytes each: kcat sends one record per line. */
function linesFile(dir: string, records: number): string {
  const line = RECORD_BYTES + 1;
  const contents = Buffer.alloc(records * line, 0x6b);
  for (let i = 1; i <= records; i++) contents[i * line - 1] = 0x0a;
  const file = path.join(dir, 'records.txt');
  fs.writeFileSync(file, contents);
  return file;
}

interface ClientRun {
  delivered: number;
  elapsedMs: number;
  note: string;
}

async function kcat(bootstrap: string, records: number): Promise<ClientRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-bench-'));
  try {
    const file = linesFile(dir, records);
    const topic = 'bench-kcat';
    await createTopic(bootstrap, topic, PARTITIONS);
    const run = await runProcess('kcat', ['-P', '-q', '-b', bootstrap, '-t', topic, '-p', '-1',
      '-X', 'acks=1', '-X', 'linger.ms=5', '-X', 'batch.size=1000000', '-l', file]);
    if (run.code !== 0) throw new Error(`kcat exited ${run.code}: ${run.stderr.trim()}`);
    return { delivered: await recordsInTopic(bootstrap, topic, PARTITIONS), elapsedMs: run.elapsedMs, note: 'wall time incl. kcat start-up' };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function confluentKafka(python: string, bootstrap: string, brokerPid: number, records: number): Promise<ClientRun> {
  const topic = 'bench-confluent-kafka';
  await createTopic(bootstrap, topic, PARTITIONS);
  const { result: run, shares } = await withCpuShares([brokerPid], () => runProcess(python, [SCRIPT, bootstrap, topic, String(records), String(RECORD_BYTES), '1']));
  if (run.code !== 0) throw new Error(`${path.basename(SCRIPT)} exited ${run.code}: ${run.stderr.trim()}`);
  const report = JSON.parse(run.stdout) as { elapsedS: number; cpuS: number; delivered: number; failed: number };
  // The topic also holds the untimed first record.
  const inTopic = (await recordsInTopic(bootstrap, topic, PARTITIONS)) - 1;
  const failed = report.failed > 0 ? `; ${report.failed} failed!` : '';
  const cpu = `generator CPU ${((report.cpuS / report.elapsedS) * 100).toFixed(0)}% (timed part), broker CPU ${(shares[0]! * 100).toFixed(0)}% (whole client run, start-up included)`;
  return { delivered: Math.min(report.delivered, inTopic), elapsedMs: report.elapsedS * 1000, note: `timed from first delivery; ${cpu}${failed}` };
}

function figure(name: string, requested: number, run: ClientRun, generator: string): Figure {
  const missing = run.delivered < requested ? `; only ${thousands(run.delivered)} of ${thousands(requested)} in the topic!` : '';
  return {
    group: 'librdkafka',
    name,
    value: `${mbPerSec(run.delivered * RECORD_BYTES, run.elapsedMs).toFixed(1)} MB/s, ${thousands(perSec(run.delivered, run.elapsedMs))} rec/s`,
    versus: `${run.note}${missing}`,
    generator,
  };
}

function skipped(name: string, what: string): Figure {
  return { group: 'librdkafka', name, value: 'skipped', versus: `${what} not found (${INSTALL_HINT})`, generator: '-' };
}

async function run(settings: BenchSettings): Promise<Figure[]> {
  const records = settings.librdkafkaRecords;
  const python = pythonWithConfluentKafka();
  const hasKcat = commandExists('kcat');
  if (!hasKcat && python === undefined) return [skipped('kcat', 'kcat'), skipped('confluent-kafka', 'python3 confluent_kafka')];
  const settingsNote = `${thousands(records)} x 1 KiB records, acks=1, linger.ms=5, batch.size=1000000, ${PARTITIONS} partitions`;
  return withBroker(async (broker) => {
    const figures: Figure[] = [];
    if (hasKcat) {
      settings.log('librdkafka: kcat');
      const result = await kcat(broker.bootstrap, records);
      figures.push(figure('kcat -P producer', records, result, `kcat -P -l <file of 1 KiB lines>: ${settingsNote}`));
    } else {
      figures.push(skipped('kcat -P producer', 'kcat'));
    }
    if (python !== undefined) {
      settings.log('librdkafka: python3 confluent-kafka');
      const result = await confluentKafka(python, broker.bootstrap, broker.pid, records);
      figures.push(figure('confluent-kafka producer', records - 1, result, `test/bench/librdkafka-producer.py: ${settingsNote}`));
    } else {
      figures.push(skipped('confluent-kafka producer', 'python3 confluent_kafka'));
    }
    return figures;
  });
}

export const librdkafkaGroup: FigureGroup = {
  name: 'librdkafka',
  description: 'kcat and python3-confluent-kafka producers, when installed',
  usesBroker: true,
  run,
};
