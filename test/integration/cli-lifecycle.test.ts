// The start command's lifecycle as a user meets it: a port taken stops every node already started
// and exits 1 with one log line; a signal during start-up (here: waiting for a quorum that never
// forms) stops the process; a failed --ephemeral start removes its directory; bad flags exit 2
// with one line naming the flag and what it takes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli-in-process.js';
import { threeNodeConfigs } from '../helpers/three-node.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin/kraftling.ts');
// Only a hang guard: each process is expected to end by itself long before.
const HANG_GUARD_MS = 45_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-cli-life-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | string;
  stdout: string;
  stderr: () => string;
  exited: Promise<number | string>;
  signal: (s: NodeJS.Signals) => void;
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', ...env },
  });
  const r = { code: -1, stdout: '', err: '' } as { code: number | string; stdout: string; err: string };
  child.stdout.on('data', (d: Buffer) => { r.stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { r.err += d.toString(); });
  const guard = setTimeout(() => child.kill('SIGKILL'), HANG_GUARD_MS);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => {
    clearTimeout(guard);
    r.code = code ?? signal ?? -1;
    resolve(r.code);
  }));
  return { get code() { return r.code; }, get stdout() { return r.stdout; }, stderr: () => r.err, exited, signal: (s) => child.kill(s) } as Run;
}

function untilStderr(r: Run, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (pattern.test(r.stderr())) { clearInterval(poll); resolve(); }
    }, 20);
    r.exited.then(() => { clearInterval(poll); reject(new Error(`exited first: ${r.stderr()}`)); });
  });
}

it('a port taken: every node already started stops, one line says why, the exit code is 1, the temp dir is gone', async () => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  const taken = (blocker.address() as net.AddressInfo).port;
  const tmp = fs.mkdtempSync(path.join(dir, 'tmp-'));
  try {
    const r = run(['start', '--nodes', '3', '--port', String(taken - 1), '--ephemeral', '--log-level', 'error'], { TMPDIR: tmp });
    expect(await r.exited).toBe(1);
    const lines = r.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).msg).toMatch(/^cannot start: .*EADDRINUSE/);
    expect(r.stdout).toBe('');
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith('kraftling-'))).toEqual([]);
  } finally {
    blocker.close();
  }
}, HANG_GUARD_MS + 5_000);

it('SIGTERM while start-up waits for a quorum that never forms stops the process', async () => {
  // Node 1 of a three-voter quorum, alone: it can never elect a controller nor register.
  fs.mkdirSync(path.join(dir, 'alone'));
  const { files } = await threeNodeConfigs(path.join(dir, 'alone'));
  const r = run(['start', '--config', files[0]!, '--log-level', 'debug']);
  await untilStderr(r, /\n/);
  r.signal('SIGTERM');
  expect(await r.exited).toBe(0);
  expect(r.stdout).not.toMatch(/kraftling ready/);
  // Every stderr line is a JSON log entry: nothing plain mixed in.
  for (const line of r.stderr().trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
}, HANG_GUARD_MS + 5_000);

it('a second signal exits at once', async () => {
  fs.mkdirSync(path.join(dir, 'twice'));
  const { files } = await threeNodeConfigs(path.join(dir, 'twice'));
  const r = run(['start', '--config', files[0]!, '--log-level', 'debug']);
  await untilStderr(r, /\n/);
  r.signal('SIGINT');
  r.signal('SIGINT');
  expect([0, 130]).toContain(await r.exited);
}, HANG_GUARD_MS + 5_000);

it('a broker whose launcher dies without passing the signal on (npx, npm exec) stops by itself', async () => {
  // A shell that runs the broker in the background and is then SIGKILLed: the broker is orphaned.
  const data = path.join(dir, 'orphan');
  const shell = spawn('sh', ['-c', `"${process.execPath}" --import tsx "${CLI}" start --port 0 --data-dir "${data}" --log-level warn & echo $!; wait`], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, npm_command: 'exec' },
  });
  let out = '';
  shell.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => { if (/kraftling ready/.test(out)) { clearInterval(poll); resolve(); } }, 20);
  });
  const pid = Number(out.split('\n')[0]);
  shell.kill('SIGKILL');
  const alive = (): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };
  const deadline = Date.now() + HANG_GUARD_MS;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const stillAlive = alive();
  if (stillAlive) process.kill(pid, 'SIGKILL');
  expect(stillAlive).toBe(false);
  // It stopped gracefully: a clean-shutdown marker, so the next start needs no recovery.
  expect(fs.existsSync(path.join(data, 'node-1', '.kafka_cleanshutdown'))).toBe(true);
}, HANG_GUARD_MS + 5_000);

it('the ready line names the data directory', async () => {
  const data = path.join(dir, 'named');
  const r = run(['start', '--port', '0', '--data-dir', data, '--log-level', 'warn']);
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => { if (/kraftling ready/.test(r.stdout)) { clearInterval(poll); resolve(); } }, 20);
  });
  expect(r.stdout).toMatch(new RegExp(`kraftling ready bootstrap=\\S+ cluster=\\S+ nodes=1 data=${path.join(data, 'node-1').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} startup_ms=\\d+`));
  r.signal('SIGTERM');
  expect(await r.exited).toBe(0);
}, HANG_GUARD_MS + 5_000);

it.each([
  [['start', '--log-level', 'loud'], /^kraftling start: --log-level takes one of trace, debug, info, warn, error, fatal, silent, got "loud"$/],
  [['start', '--cluster-id', 'notvalid'], /^kraftling start: --cluster-id: a cluster id is 22 characters of URL-safe base64/],
  [['start', '--nodse', '3'], /^kraftling start: unknown option --nodse \(did you mean --nodes\?\)/],
  [['strat'], /^kraftling: unknown command "strat" \(did you mean start\?\)/],
  [['start', '--port', '70000'], /^kraftling start: --port takes an integer from 0 to 65535, got "70000"$/],
  [['start', '--nodes', '3', '--racks', 'a,b'], /^kraftling start: --racks takes one rack name per node \(3\), comma-separated, got "a,b"$/],
  [['start', '-d', path.join(ROOT, 'package.json')], /^kraftling start: --data-dir .*package\.json: .* is not a directory$/],
  [['format', '--cluster-id', 'notvalid', '-d', path.join(dir, 'f')], /^kraftling format: --cluster-id: a cluster id is 22 characters/],
])('usage error %j exits 2 with one line', async (args, message) => {
  // In-process: each of these stops before anything starts, so a child process would only cost time.
  const r = await runInProcess(args as string[]);
  expect(r.code).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
});

it('a config key: a misspelt one gets the nearest name, an invalid value names the key and range and exits 2', async () => {
  const r = run(['start', '--ephemeral', '--port', '0', '-o', 'log.retention.hour=3', '-o', 'num.partitions=-5', '--log-level', 'warn']);
  expect(await r.exited).toBe(2);
  const lines = r.stderr().trim().split('\n').map((l) => JSON.parse(l) as { msg: string });
  expect(lines).toHaveLength(1);
  expect(lines[0]!.msg).toBe('cannot start: num.partitions: -5 is below the minimum 1');
  const warned = run(['start', '--ephemeral', '--port', '0', '-o', 'log.retention.hour=3', '--log-level', 'warn']);
  await untilStderr(warned, /log\.retention\.hour/);
  warned.signal('SIGTERM');
  expect(await warned.exited).toBe(0);
  expect(warned.stderr()).toMatch(/unknown config key log\.retention\.hour \(ignored\); did you mean log\.retention\.hours\?/);
}, HANG_GUARD_MS + 5_000);
