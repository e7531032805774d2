// The broker under measurement, in its own process as a user runs it, so the figures include
// neither tsx's start-up nor the bench's own CPU: the package's `kraftling` bin (the bundled CLI).
// Builds first when an output is missing or older than a source file.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE_DIRS = ['bin', 'protocol', 'storage', 'src'];
/** Written by `npm run build`: the bundled CLI and the bundled library. */
const OUTPUTS = ['dist/kraftling.cjs', 'dist/kraftling.mjs'];
const READY = /kraftling ready bootstrap=(\S+)/;
const STDERR_KEPT_CHARS = 8_000;
const STOP_GRACE_MS = 10_000;

/** A way to run the CLI: a script path relative to the repository root. */
export interface BrokerEntry {
  label: string;
  script: string;
}

/** What `npx kraftling` runs: package.json's bin. */
export const PACKAGE_BIN: BrokerEntry = (() => {
  const bin = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin?: string | Record<string, string> }).bin;
  const script = typeof bin === 'string' ? bin : bin!.kraftling!;
  return { label: 'kraftling bin', script: path.normalize(script) };
})();

export function brokerCommand(entry: BrokerEntry): string {
  return `node ${entry.script} start --ephemeral --port 0`;
}

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function oldestOutputMs(): number {
  return Math.min(...OUTPUTS.map((o) => (fs.existsSync(path.join(ROOT, o)) ? fs.statSync(path.join(ROOT, o)).mtimeMs : 0)));
}

/** Runs `npm run build` when an output is missing or older than a source file. */
export function ensureBuild(log: (line: string) => void): void {
  const builtMs = oldestOutputMs();
  const sourceMs = Math.max(...SOURCE_DIRS.map((d) => newestSourceMs(path.join(ROOT, d))));
  if (builtMs >= sourceMs) return;
  log(builtMs === 0 ? 'dist/ is missing: npm run build' : 'dist/ is older than the sources: npm run build');
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status === 0) return;
  // tsc still emits JavaScript when it finds type errors, so a tree in the middle of an edit can
  // often be measured; a broker that then fails to start says so in its group's row.
  if (oldestOutputMs() === 0) throw new Error(`npm run build failed (${result.status ?? result.signal}) and left no CLI to run`);
  log(`npm run build failed (${result.status ?? result.signal}): measuring the JavaScript it emitted`);
}

export interface BrokerProcess {
  pid: number;
  bootstrap: string;
  /** startup_ms from the ready line: the broker's own clock, from loading bin/start to serving. */
  reportedStartupMs: number;
  /** When the process was spawned, on this process's performance.now() clock. */
  spawnedAt: number;
  /** When its ready line arrived, on the same clock. */
  readyAt: number;
  /** The HTTP listener's address from the ready line, when started with --http. */
  httpAddress?: string;
  /** The end of its log (stderr) so far. */
  stderr(): string;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process is gone. */
  stop(): Promise<void>;
  /** SIGKILL (kill -9): a crash; resolves once the process is gone. */
  kill(): Promise<void>;
}

/** Resident set size or its peak (VmRSS, VmHWM) of a process, in bytes. */
export function processMemoryBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** CPU seconds a process has used so far (user + system), from /proc/<pid>/stat. */
export function processCpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Measures the CPU share (1 = one core) of processes `pids` and of this process while `body` runs. */
export async function withCpuShares<T>(pids: readonly number[], body: () => Promise<T>): Promise<{ result: T; shares: number[]; ownShare: number }> {
  const before = pids.map(processCpuSeconds);
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  const result = await body();
  const seconds = (performance.now() - started) / 1000;
  const own = process.cpuUsage(ownBefore);
  return {
    result,
    shares: pids.map((pid, i) => (processCpuSeconds(pid) - before[i]!) / seconds),
    ownShare: (own.user + own.system) / 1e6 / seconds,
  };
}

function stopper(child: ChildProcess, exited: Promise<unknown>): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
}

function killer(child: ChildProcess, exited: Promise<unknown>): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };
}

/** Spawns the compiled broker with the default flags of the figures: ephemeral, free ports. */
export function startBroker(entry: BrokerEntry = PACKAGE_BIN, timeoutMs = 30_000): Promise<BrokerProcess> {
  return spawnBroker(['--ephemeral', '--port', '0'], entry, timeoutMs);
}

/** Spawns `<entry> start <args>` and resolves once it prints its ready line. BENCH_NODE_ARGS adds
 * node flags to every broker, e.g. `--cpu-prof --cpu-prof-dir=<dir>` to profile it under the load;
 * `nodeArgs`, to this one. */
export function spawnBroker(args: readonly string[], entry: BrokerEntry = PACKAGE_BIN, timeoutMs = 30_000, nodeArgs: readonly string[] = []): Promise<BrokerProcess> {
  const spawnedAt = performance.now();
  const envNodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter((a) => a !== '') ?? [];
  const child = spawn(process.execPath, [...envNodeArgs, ...nodeArgs, entry.script, 'start', ...args], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(String(code ?? signal))));
  let stderr = '';
  // The log goes to stderr; it must be drained or the broker blocks once the pipe fills.
  child.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-STDERR_KEPT_CHARS); });
  let stdout = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`broker not ready in ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = READY.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      const reportedStartupMs = Number(/startup_ms=(\d+)/.exec(stdout)?.[1] ?? NaN);
      resolve({
        pid: child.pid!, bootstrap: match[1]!, reportedStartupMs, spawnedAt, readyAt: performance.now(), httpAddress: / http=(\S+)/.exec(stdout)?.[1],
        stop: stopper(child, exited), kill: killer(child, exited), stderr: () => stderr,
      });
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`broker exited (${code}) before it was ready\n${stderr}`));
    });
  });
}

/** Runs `body` against a fresh broker (ephemeral, any port, plus `extraArgs`) and stops the
 * broker afterwards, whatever happens. */
export async function withBroker<T>(body: (broker: BrokerProcess) => Promise<T>, extraArgs: readonly string[] = []): Promise<T> {
  const broker = await spawnBroker(['--ephemeral', '--port', '0', ...extraArgs]);
  try {
    return await body(broker);
  } finally {
    await broker.stop();
  }
}

/** Runs `body` in a fresh directory under the temp directory, removed afterwards whatever happens:
 * a broker that failed to start left its directory behind when only the run after it cleaned up. */
export async function inTempDir<T>(prefix: string, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    return await body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
