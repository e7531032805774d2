// stop() releases every handle: a process that starts an in-process cluster and stops it ends on
// its own, as a test runner's worker must. So does one whose start failed (a port taken): the
// nodes already started are stopped, and nothing of theirs keeps the process alive.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Only a hang guard, far above any normal run: the assertion is that the process exits by itself.
const HANG_GUARD_MS = 60_000;

function runFixture(mode: string): Promise<{ code: number | string; stdout: string; hung: boolean }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/fixtures/cluster-exit.ts'), mode], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  let hung = false;
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  const guard = setTimeout(() => { hung = true; child.kill('SIGKILL'); }, HANG_GUARD_MS);
  return new Promise((resolve) => child.once('exit', (code, signal) => {
    clearTimeout(guard);
    resolve({ code: code ?? signal ?? -1, stdout, hung });
  }));
}

it('a process ends by itself once Cluster.stop() of a three-node cluster resolves', async () => {
  const r = await runFixture('stop');
  expect(r.stdout).toContain('stopped');
  expect(r.hung).toBe(false);
  expect(r.code).toBe(0);
}, HANG_GUARD_MS + 10_000);

it('a failed start (a port taken) stops the nodes already started and leaves nothing running', async () => {
  const r = await runFixture('port-taken');
  expect(r.stdout).toMatch(/failed: .*EADDRINUSE/);
  expect(r.hung).toBe(false);
  expect(r.code).toBe(0);
}, HANG_GUARD_MS + 10_000);
