// A reader of kraftling's stdout that has gone away: `kraftling ... | head`, or a supervisor that
// closed its end before the ready line. The broker must keep serving and still stop gracefully; a
// tool ends quietly. Before, the failed write (EPIPE) was an unhandled 'error' event: exit 1 and a
// stack trace, the broker stopped as if killed.
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
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-closed-stdout-'));

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

describe('a closed stdout', () => {
  it('leaves the broker serving, and its stop graceful', async () => {
    const dataDir = path.join(root, 'broker');
    const broker = spawnWithClosedStdout(['start', '--data-dir', dataDir, '--port', '0', '--log-level', 'info']);
    try {
      // The ready line failed: the broker says so, and its listener line gives the port.
      const port = await eventually(async () => {
        if (!broker.stderr().includes('stdout is closed')) return undefined;
        return /"listeners":\[\{[^}]*"port":(\d+)/.exec(broker.stderr())?.[1];
      });
      const kafka = new Kafka({ brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING });
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: 'after-ready', acks: -1, messages: [{ value: 'still here' }] });
      await producer.disconnect();
      const admin = kafka.admin();
      await admin.connect();
      expect(await admin.fetchTopicOffsets('after-ready')).toMatchObject([{ partition: 0, high: '1' }]);
      await admin.disconnect();
      broker.child.kill('SIGINT');
      expect(await broker.exited).toBe(0);
      expect(broker.stderr()).toContain('"msg":"node stopped"');
      expect(broker.stderr()).not.toContain('EPIPE');
      // What it acknowledged is there after the restart.
      const again = await startBrokerProcess(['--data-dir', dataDir, '--port', '0', '--log-level', 'warn']);
      try {
        const admin = new Kafka({ brokers: [again.bootstrap], logLevel: logLevel.NOTHING }).admin();
        await admin.connect();
        expect(await admin.fetchTopicOffsets('after-ready')).toMatchObject([{ partition: 0, high: '1' }]);
        await admin.disconnect();
      } finally {
        again.child.kill('SIGKILL');
      }
    } finally {
      broker.child.kill('SIGKILL');
    }
  });

  it('ends a tool quietly, with 0', async () => {
    const tool = spawnWithClosedStdout(['--help']);
    expect(await tool.exited).toBe(0);
    expect(tool.stderr()).toBe('');
  });
});
