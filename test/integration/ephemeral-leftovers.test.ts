// An ephemeral broker killed before its stop (kill -9, a test runner's worker at its timeout)
// leaves its temporary directory behind; the next process that makes one removes it. Directories
// of live processes, and ones that never claimed an owner, stay.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startBrokerProcess } from '../helpers/broker-process.js';
import { eventually } from '../helpers/retry.js';

const keep: string[] = [];
let sleeper: ChildProcess | undefined;
afterAll(() => {
  sleeper?.kill('SIGKILL');
  for (const dir of keep) fs.rmSync(dir, { recursive: true, force: true });
});

/** An ephemeral-looking directory (`kraftling-` and six characters) with `lock` as its .lock. */
function decoy(lock: string | undefined): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-'));
  if (lock !== undefined) fs.writeFileSync(path.join(dir, '.lock'), lock);
  fs.mkdirSync(path.join(dir, 'node-1'));
  keep.push(dir);
  return dir;
}

function ephemeralRoot(readyLine: string): string {
  return path.dirname(/ data=(\S+)/.exec(readyLine)![1]!);
}

it.skipIf(process.platform !== 'linux')('the next ephemeral start removes what a killed one left, and nothing else', async () => {
  const killed = await startBrokerProcess(['--ephemeral', '--port', '0', '--log-level', 'warn']);
  const left = ephemeralRoot(killed.stdout());
  keep.push(left);
  killed.child.kill('SIGKILL');
  await killed.exited;
  expect(fs.existsSync(path.join(left, 'node-1', 'meta.properties'))).toBe(true);

  sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
  await new Promise((resolve) => sleeper!.once('spawn', resolve));
  const live = decoy(`${sleeper.pid}\n`);
  const unclaimed = decoy(undefined);

  const next = await startBrokerProcess(['--ephemeral', '--port', '0', '--log-level', 'warn']);
  try {
    await eventually(async () => (fs.existsSync(left) ? undefined : true));
    expect(fs.existsSync(live)).toBe(true);
    expect(fs.existsSync(unclaimed)).toBe(true);
  } finally {
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  }
  expect(fs.existsSync(ephemeralRoot(next.stdout()))).toBe(false);
});
