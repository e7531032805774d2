// The test-runner examples run as a user runs them: vitest with examples/vitest's config (a shared
// cluster from globalSetup, plus files that start their own to kill a leader and inject broker
// errors), and jest with examples/jest's config when jest is installed (it is not a dependency of
// this project; CI may add it). `kraftling` resolves to this checkout's sources for vitest, and to
// the built library (dist/, made by `npm ci`) for jest, which imports its globalSetup natively.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The environment of a child test runner, without this vitest's own markers. */
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS'));
}

function findJest(): string | undefined {
  try {
    return createRequire(path.join(ROOT, 'package.json')).resolve('jest/bin/jest');
  } catch {
    return undefined;
  }
}

describe('test-runner examples', () => {
  it('vitest: globalSetup cluster, leader failover and injected broker errors all pass', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-vitest-example-'));
    try {
      const config = path.join(dir, 'vitest.config.mjs');
      fs.writeFileSync(config, [
        `import { mergeConfig } from ${JSON.stringify(path.join(ROOT, 'node_modules/vitest/dist/config.js'))};`,
        `import base from ${JSON.stringify(path.join(ROOT, 'examples/vitest/vitest.config.mjs'))};`,
        `export default mergeConfig(base, { resolve: { alias: { kraftling: ${JSON.stringify(path.join(ROOT, 'src/index.ts'))} } } });`,
      ].join('\n'));
      const { stdout } = await run(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', config], {
        cwd: ROOT, timeout: 170_000, env: { ...childEnv(), FORCE_COLOR: '0', KAFKAJS_NO_PARTITIONER_WARNING: '1' },
      });
      const plain = stdout.replace(/\x1b\[[0-9;]*m/g, '');
      expect(plain).toMatch(/Test Files\s+3 passed/);
      expect(plain).toMatch(/Tests\s+4 passed/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  const jest = findJest();
  const built = fs.existsSync(path.join(ROOT, 'dist/kraftling.mjs'));
  if (!jest || !built) console.log(`skipping the jest example: ${!jest ? 'jest is not installed' : 'dist/ is not built (npm run build)'}`);
  it.skipIf(!jest || !built)('jest: globalSetup/globalTeardown start and stop a cluster the test uses', async () => {
    const { stderr } = await run(process.execPath, [jest!, '--config', path.join(ROOT, 'examples/jest/jest.config.cjs')], {
      cwd: ROOT, timeout: 170_000, env: { ...childEnv(), KAFKAJS_NO_PARTITIONER_WARNING: '1' },
    });
    expect(stderr.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Tests:\s+1 passed/);
  }, 180_000);
});
