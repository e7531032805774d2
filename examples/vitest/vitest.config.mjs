// Run with: npx vitest run --config examples/vitest/vitest.config.mjs
// orders.test.mjs uses the shared cluster of global-setup.mjs; leader-failover.test.mjs and
// broker-errors.test.mjs start their own (they kill nodes and inject faults), in parallel.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  test: {
    root: here,
    include: ['*.test.mjs'],
    globalSetup: [path.join(here, 'global-setup.mjs')],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
