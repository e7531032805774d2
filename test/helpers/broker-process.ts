// A broker in a child process (`kraftling start`), for tests that kill -9 it or feed it bad flags.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin/kraftling.ts');

export interface BrokerProcess {
  child: ChildProcess;
  bootstrap: string;
  stderr: () => string;
  /** Everything it printed on stdout so far (the ready line first). */
  stdout: () => string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
}

/** Runs the CLI (through tsx, so tests run the sources) and resolves once it prints its ready line. */
export function startBrokerProcess(args: string[], timeoutMs = 30_000): Promise<BrokerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'start', ...args], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' },
  });
  let out = '';
  let err = '';
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`broker not ready in ${timeoutMs} ms\n${err}`));
    }, timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /kraftling ready bootstrap=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, bootstrap: m[1]!, stderr: () => err, stdout: () => out, exited });
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`broker exited (${code}) before ready\n${err}`));
    });
  });
}

/**
 * Starts the CLI and kills it (SIGKILL) as soon as its stderr matches `when`. Resolves once it is
 * gone: true when the kill came while it was still starting, false when it got ready first (a busy
 * machine can delay the kill past the ready line). Rejects if it exits on its own or never matches.
 */
export function killWhileStarting(args: string[], when: RegExp, timeoutMs = 30_000): Promise<boolean> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'start', ...args], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' },
  });
  let out = '';
  let err = '';
  let killed = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`broker never logged ${when} in ${timeoutMs} ms\n${err}`));
    }, timeoutMs);
    child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (!killed && when.test(err)) killed = child.kill('SIGKILL');
    });
    child.once('exit', () => {
      clearTimeout(timer);
      if (killed) resolve(!out.includes('kraftling ready'));
      else reject(new Error(`broker exited before it logged ${when}\n${err}`));
    });
  });
}

/** A starter of brokers on data directories of a test's own (`--log-level warn`, then any other
 * flags given); whatever a test leaves running is killed (SIGKILL) after it. */
export function brokerProcesses(): (dataDir: string, extraArgs?: string[]) => Promise<BrokerProcess> {
  let started: BrokerProcess[] = [];
  afterEach(() => {
    for (const broker of started) broker.child.kill('SIGKILL');
    started = [];
  });
  return async (dataDir, extraArgs = []) => {
    const broker = await startBrokerProcess(['--data-dir', dataDir, '--port', '0', '--log-level', 'warn', ...extraArgs]);
    started.push(broker);
    return broker;
  };
}

/** Runs the CLI to completion (with `input` on its stdin, if given) and returns its exit code and output. */
export function runCli(args: string[], timeoutMs = 30_000, input?: string): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  if (input !== undefined) child.stdin!.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => child.once('exit', (code, signal) => {
    clearTimeout(timer);
    resolve({ code: code ?? signal ?? -1, stdout, stderr });
  }));
}
