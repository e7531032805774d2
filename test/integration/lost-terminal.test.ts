// What started kraftling goes away: its terminal closes (SIGHUP), or the reader of its stdout
// leaves (`kraftling ... | head`, a supervisor that closed its end before the ready line). The
// broker must stop gracefully on the first and keep serving through the second; a tool ends
// quietly. Before, both ended the process at once: Node's default for SIGHUP, and the failed write
// (EPIPE) raised as an unhandled 'error' event (exit 1 and a stack trace).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { startBrokerProcess } from '../helpers/broker-process.js';
import { eventually } from '../helpers/retry.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin/kraftling.ts');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-lost-terminal-'));

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The CLI with its stdout's read end closed before it can write anything. */
function spawnWithClosedStdout(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.destroy();
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, stderr: () => stderr, exited };
}

function client(bootstrap: string): Kafka {
  return new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING });
}

async function highWatermark(bootstrap: string, topic: string): Promise<string> {
  const admin = client(bootstrap).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic))[0]!.high;
  } finally {
    await admin.disconnect();
  }
}

/** Starts a broker on `dataDir` again and checks it still has the one record acknowledged before. */
async function expectRecordAfterRestart(dataDir: string, topic: string): Promise<void> {
  const again = await startBrokerProcess(['--data-dir', dataDir, '--port', '0', '--log-level', 'warn']);
  try {
    expect(await highWatermark(again.bootstrap, topic)).toBe('1');
  } finally {
    again.child.kill('SIGKILL');
  }
}

async function produceOne(bootstrap: string, topic: string): Promise<void> {
  const producer = client(bootstrap).producer();
  await producer.connect();
  await producer.send({ topic, acks: -1, messages: [{ value: 'acknowledged' }] });
  await producer.disconnect();
}

describe('a lost terminal', () => {
  it('SIGHUP stops the broker gracefully', async () => {
    const dataDir = path.join(root, 'hangup');
    const broker = await startBrokerProcess(['--data-dir', dataDir, '--port', '0', '--log-level', 'info']);
    try {
      await produceOne(broker.bootstrap, 'before-hangup');
      broker.child.kill('SIGHUP');
      expect(await broker.exited).toBe(0);
      expect(broker.stderr()).toMatch(/"signal":"SIGHUP","msg":"stopping"/);
      expect(broker.stderr()).toContain('"msg":"node stopped"');
      await expectRecordAfterRestart(dataDir, 'before-hangup');
    } finally {
      broker.child.kill('SIGKILL');
    }
  });

  it('a closed stdout leaves the broker serving, and its stop graceful', async () => {
    const dataDir = path.join(root, 'closed-stdout');
    const broker = spawnWithClosedStdout(['start', '--data-dir', dataDir, '--port', '0', '--log-level', 'info']);
    try {
      // The ready line failed: the broker says so, and its listener line gives the port.
      const port = await eventually(async () => {
        if (!broker.stderr().includes('stdout is closed')) return undefined;
        return /"listeners":\[\{[^}]*"port":(\d+)/.exec(broker.stderr())?.[1];
      });
      const bootstrap = `127.0.0.1:${port}`;
      await produceOne(bootstrap, 'after-ready');
      expect(await highWatermark(bootstrap, 'after-ready')).toBe('1');
      broker.child.kill('SIGINT');
      expect(await broker.exited).toBe(0);
      expect(broker.stderr()).toContain('"msg":"node stopped"');
      expect(broker.stderr()).not.toContain('EPIPE');
      await expectRecordAfterRestart(dataDir, 'after-ready');
    } finally {
      broker.child.kill('SIGKILL');
    }
  });

  it('a closed stdout ends a tool quietly, with 0', async () => {
    const tool = spawnWithClosedStdout(['--help']);
    expect(await tool.exited).toBe(0);
    expect(tool.stderr()).toBe('');
  });
});
