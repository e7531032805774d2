import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Most test files wait on real brokers, sockets and timers rather than compute, so one worker per
// core (vitest's default leaves one core idle: a single worker on a 2-core CI machine) wastes the
// wall time. KRAFTLING_TEST_WORKERS overrides the count.
const workers = Number(process.env.KRAFTLING_TEST_WORKERS) || Math.max(3, os.availableParallelism());

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: workers,
  },
});
