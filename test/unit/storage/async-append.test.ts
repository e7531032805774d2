// Log appends large enough to be copied on the thread pool (writev): the bytes land where they
// belong, reads never see an append before it completes, appends of one log stay in call order, a
// descriptor is not closed under a write in flight, and a kill while a write is in flight never
// acknowledges it and loses nothing acknowledged before.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HandleCache } from '../../../storage/handle-cache.js';
import { KillableFileSystem } from '../../../storage/killable-file-system.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { NodeFileSystem } from '../../../storage/node-file-system.js';
import { batchOfSize } from '../../helpers/storage-batches.js';
import { ManualClock } from '../../helpers/storage-logs.js';

/** Above the size from which NodeFileSystem writes on the thread pool. */
const LARGE_BYTES = 300 * 1024;

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kraftling-async-append-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('writev on node:fs', () => {
  it('writes small and large gathers back to back at their position', async () => {
    const fs = new NodeFileSystem();
    const path = join(root, 'f');
    const f = fs.open(path, { create: true });
    await f.writev([Buffer.from('ab'), Buffer.from('cd')], 0);
    const large = [Buffer.alloc(LARGE_BYTES, 1), Buffer.alloc(LARGE_BYTES, 2)];
    await f.writev(large, 4);
    // Buffer.equals: toEqual walks 600 KB element by element for seconds.
    expect(readFileSync(path).equals(Buffer.concat([Buffer.from('abcd'), ...large]))).toBe(true);
    f.close();
  });

  it('closes a descriptor only once the write in flight on it is done', async () => {
    const fs = new HandleCache(new NodeFileSystem(), 1);
    const path = join(root, 'f');
    const f = fs.open(path, { create: true });
    const data = Buffer.alloc(LARGE_BYTES, 7);
    const writing = f.writev([data], 0);
    f.close();
    // Opening another file asks the cache to make room: the descriptor in use must stay.
    fs.open(join(root, 'g'), { create: true }).close();
    await writing;
    expect(readFileSync(path).equals(data)).toBe(true);
  });
});

describe('a partition log appending on the thread pool', () => {
  it('keeps the call order of appends, and reads see an append only once it is written', async () => {
    const clock = new ManualClock();
    const options = { fs: new NodeFileSystem(), path: join(root, 'logs'), nowMs: clock.nowMs, configFor: () => DEFAULT_LOG_CONFIG };
    const { logDir } = await LogDir.open(options);
    const log = await logDir.getOrCreate('t', 0);
    const appends = [LARGE_BYTES, 1024, LARGE_BYTES, 2048].map((bytes) => log.append(batchOfSize(bytes), { leaderEpoch: 0 }));
    // Nothing is readable before the first write completed (it is still on the thread pool).
    expect(log.logEndOffset).toBe(0);
    const results = await Promise.all(appends);
    expect(results.map((r) => r.baseOffset)).toEqual([0, 1, 2, 3]);
    const read = log.read(0, 1 << 24);
    expect('records' in read && read.records.length).toBe(LARGE_BYTES * 2 + 1024 + 2048);
    await logDir.close();
  });

  it('a kill during a write in flight never acknowledges it and loses nothing acknowledged', async () => {
    const clock = new ManualClock();
    const path = join(root, 'logs');
    const killable = new KillableFileSystem(new NodeFileSystem());
    const { logDir } = await LogDir.open({ fs: killable, path, nowMs: clock.nowMs, configFor: () => DEFAULT_LOG_CONFIG });
    const log = await logDir.getOrCreate('t', 0);
    const acknowledged = await log.append(batchOfSize(LARGE_BYTES), { leaderEpoch: 0 });
    let inFlightAcked = false;
    void log.append(batchOfSize(LARGE_BYTES), { leaderEpoch: 0 }).then(() => { inFlightAcked = true; });
    killable.kill();
    await new Promise((r) => setTimeout(r, 50));
    expect(inFlightAcked).toBe(false);

    const reopened = await LogDir.open({ fs: new NodeFileSystem(), path, nowMs: clock.nowMs, configFor: () => DEFAULT_LOG_CONFIG });
    const again = reopened.logDir.get('t', 0)!;
    expect(again.logEndOffset).toBeGreaterThan(acknowledged.lastOffset);
    const first = again.read(0, 1);
    expect('records' in first && first.records.length).toBe(batchOfSize(LARGE_BYTES).length);
    await reopened.logDir.close();
  });
});
