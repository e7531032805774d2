// The package's launcher (bin/kraftling.cjs) loads the bundled CLI through V8's code cache: the
// first start writes the cache next to the bundle, a cache cut short (a crash while writing it)
// is rejected and written again, a later start of the same build uses it, and a new build's cache
// replaces the caches of earlier builds instead of piling up beside them. Runs a copy of the
// launcher and bundle, so the package's own cache is left alone.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUNDLE = path.join(ROOT, 'dist/kraftling.cjs');
const built = fs.existsSync(BUNDLE);
if (!built) {
  if (process.env.CI === 'true') throw new Error('dist/kraftling.cjs is missing: npm ci builds it');
  console.log('launcher-code-cache: skipped, dist/kraftling.cjs is not built (npm run build)');
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-launcher-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const cacheDir = path.join(dir, 'dist/.cache');

/** Starts the copy, waits for its ready line and then until `settled` holds (the cache write comes
 * 50 ms after load) or, when nothing is to be awaited, a little while; then stops it. */
async function startAndStop(settled?: () => boolean): Promise<void> {
  const child = spawn(process.execPath, [path.join(dir, 'bin/kraftling.cjs'), 'start', '--ephemeral', '--port', '0', '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('kraftling ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before ready: ${out}`)));
  });
  if (settled === undefined) await new Promise((resolve) => setTimeout(resolve, 300));
  else while (!settled()) await new Promise((resolve) => setTimeout(resolve, 20));
  child.kill('SIGTERM');
  await exited;
}

const caches = (): string[] => fs.readdirSync(cacheDir).sort();

it.skipIf(!built)('writes one cache per build and removes the caches of earlier builds', async () => {
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.mkdirSync(path.join(dir, 'dist'));
  fs.copyFileSync(path.join(ROOT, 'bin/kraftling.cjs'), path.join(dir, 'bin/kraftling.cjs'));
  fs.copyFileSync(BUNDLE, path.join(dir, 'dist/kraftling.cjs'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));

  const cacheFiles = (): string[] => (fs.existsSync(cacheDir) ? caches().filter((n) => n.endsWith('.v8cache')) : []);
  await startAndStop(() => cacheFiles().length > 0);
  const [first, ...others] = caches();
  expect(others).toEqual([]);
  expect(first).toMatch(/^kraftling-\d+-\d+\.v8cache$/);

  // A cache cut short (the process died while writing it): V8 rejects it, the start goes on, and
  // the cache is written whole again.
  const whole = fs.statSync(path.join(cacheDir, first!)).size;
  fs.truncateSync(path.join(cacheDir, first!), Math.floor(whole / 2));
  await startAndStop(() => fs.statSync(path.join(cacheDir, first!)).size >= whole / 2 + 1);
  expect(caches()).toEqual([first]);
  expect(fs.statSync(path.join(cacheDir, first!)).size).toBeGreaterThan(whole / 2);
  const written = fs.statSync(path.join(cacheDir, first!)).mtimeMs;

  // The same build again: its cache is used, not written again.
  fs.writeFileSync(path.join(cacheDir, 'kraftling-1-1.v8cache'), 'an earlier build');
  fs.writeFileSync(path.join(cacheDir, 'notes.txt'), 'not a cache');
  await startAndStop();
  expect(fs.statSync(path.join(cacheDir, first!)).mtimeMs).toBe(written);

  // A new build (here: a new mtime) writes its own cache, and the earlier builds' go.
  const later = new Date(Date.now() + 60_000);
  fs.utimesSync(path.join(dir, 'dist/kraftling.cjs'), later, later);
  await startAndStop(() => cacheFiles().some((n) => n !== first && n !== 'kraftling-1-1.v8cache'));
  const now = caches();
  expect(now).toHaveLength(2);
  expect(now).toContain('notes.txt');
  expect(now).not.toContain(first);
  expect(now).not.toContain('kraftling-1-1.v8cache');
}, 60_000);
