// The idempotent librdkafka producer (idempotent-producer.py) in its own process, when Debian's
// python3-confluent-kafka is installed. Its delivery reports arrive as lines on stdout.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProducerRun } from './acks.js';
import type { RunningProducer } from './kafkajs-producer.js';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'idempotent-producer.py');
/** Debian installs python3-confluent-kafka for its own python3; a user's python3 may differ. */
const PYTHONS = ['/usr/bin/python3', 'python3'];
const RECORDS_PER_SECOND = 150;

export function pythonWithConfluentKafka(): string | undefined {
  return PYTHONS.find((python) => spawnSync(python, ['-c', 'import confluent_kafka'], { stdio: 'ignore' }).status === 0);
}

function parseLine(line: string, run: ProducerRun): void {
  const [kind, ...rest] = line.split(' ');
  if (kind === 'ack') {
    const [partition, offset, id] = rest;
    run.acks.push({ producer: 'librdkafka', partition: Number(partition), offset: Number(offset), id: id! });
  } else if (kind === 'fail') {
    run.failed++;
  } else if (kind === 'librdkafka') {
    version = rest[0] ?? '';
  } else if (kind === 'fatal') {
    const error = rest.join(' ');
    (isKnownClientBug(version, error) ? run.clientBugs : run.fatal).push(error);
  }
}

let version = '';

/**
 * librdkafka before 2.3.0 raises a fatal "sequence desynchronization" error when, after a
 * possibly persisted failure (a disconnection: here, a killed leader), the batch was in fact not
 * persisted and the next in-flight batch gets OUT_OF_ORDER_SEQUENCE_NUMBER, which the broker
 * rightly answers (confluentinc/librdkafka#4438, fixed in 2.3.0). Debian ships 2.0.2.
 */
function isKnownClientBug(clientVersion: string, error: string): boolean {
  const [major = 0, minor = 0] = clientVersion.split('.').map(Number);
  const before230 = major < 2 || (major === 2 && minor < 3);
  return before230 && /sequence desynchronization/.test(error);
}

export function startLibrdkafkaProducer(python: string, bootstrap: string, topic: string, partitions: number): RunningProducer {
  const child = spawn(python, [SCRIPT, bootstrap, topic, String(partitions), String(RECORDS_PER_SECOND)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const run: ProducerRun = { producer: 'librdkafka', acks: [], failed: 0, idempotent: true, fatal: [], clientBugs: [] };
  let pending = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    const lines = (pending + d.toString()).split('\n');
    pending = lines.pop()!;
    for (const line of lines) parseLine(line, run);
  });
  child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4_000); });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      if (pending !== '') parseLine(pending, run);
      if (code !== 0 && run.clientBugs.length === 0) run.fatal.push(`idempotent-producer.py exited with ${code}: ${stderr.trim()}`);
      return run;
    },
  };
}
