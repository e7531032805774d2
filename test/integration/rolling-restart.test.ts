// A rolling restart of three processes (SIGTERM, restart, wait until back in every ISR, next) under
// an idempotent acks=all producer and a consumer group: every node exits cleanly, the producer
// surfaces no error, every acknowledged record is read, none is stored twice, and leadership is
// back on the preferred replicas afterwards. The longest produce stall is printed, not asserted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { rollingRestart } from '../helpers/rolling-restart.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-roll-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('rolls three nodes without losing or duplicating an acknowledged record', async () => {
  const r = await rollingRestart(dir, 'roll', 6);
  console.log(`rolling restart: ${r.acknowledged.length} records acknowledged, longest stall ${r.maxStallMs} ms`);
  expect(r.exitCodes).toEqual([0, 0, 0]);
  expect(r.sendErrors).toEqual([]);
  expect(r.acknowledged.filter((v) => !r.consumed.has(v))).toEqual([]);
  // The idempotent producer's retries were not stored twice: each value sits at one offset.
  expect([...r.consumed].filter(([, places]) => places.size > 1)).toEqual([]);
  expect(r.leadersBalanced).toBe(true);
}, 180_000);
