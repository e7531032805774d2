// The handle cache bounds open descriptors, reopens closed ones transparently and never closes one
// under a sync; a whole LogDir keeps working under a limit of a few descriptors.
import { describe, expect, it } from 'vitest';
import { HandleCache } from '../../../storage/handle-cache.js';
import { LogDir, type LogDirOptions } from '../../../storage/log-dir.js';
import type { FileHandle } from '../../../storage/file-system.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import type { PartitionLog } from '../../../storage/partition-log.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';
import { ManualClock, readAllBatches, testConfig } from '../../helpers/storage-logs.js';
import { CountingFileSystem } from './counting-file-system.js';

function cacheOf(limit: number): { mem: MemoryFileSystem; fs: CountingFileSystem; cache: HandleCache } {
  const mem = new MemoryFileSystem();
  mem.mkdir('/d');
  const fs = new CountingFileSystem(mem, limit);
  return { mem, fs, cache: new HandleCache(fs, limit) };
}

function readAll(handle: FileHandle): string {
  const target = Buffer.alloc(handle.size());
  handle.read(target, 0);
  return target.toString();
}

describe('HandleCache', () => {
  it('keeps at most maxOpenFiles descriptors and reopens closed ones on use', () => {
    const { fs, cache } = cacheOf(3);
    const handles = Array.from({ length: 10 }, (_, i) => cache.open(`/d/f${i}`, { create: true }));
    for (const [i, h] of handles.entries()) h.write(Buffer.from(`file ${i};`), 0);
    for (let round = 1; round < 4; round++) {
      for (const [i, h] of handles.entries()) h.write(Buffer.from(`r${round};`), h.size());
      expect(fs.openNow).toBeLessThanOrEqual(3);
    }
    handles.forEach((h, i) => expect(readAll(h)).toBe(`file ${i};r1;r2;r3;`));
    expect(fs.peak).toBe(3);
    expect(fs.opens).toBeGreaterThan(10);
    for (const h of handles) h.close();
    expect([fs.openNow, cache.openFiles]).toEqual([0, 0]);
    expect(fs.violations).toEqual([]);
  });

  it('closes the least recently used descriptor first', () => {
    const { fs, cache } = cacheOf(3);
    const [a, b] = ['a', 'b', 'c'].map((n) => cache.open(`/d/${n}`, { create: true })) as [FileHandle, FileHandle];
    a.size();
    cache.open('/d/d', { create: true });
    expect(fs.openPaths.get('/d/a')).toBe(1);
    expect(fs.openPaths.get('/d/b')).toBe(0);
    b.size();
    expect(fs.openPaths.get('/d/b')).toBe(1);
    expect(fs.openPaths.get('/d/c')).toBe(0);
  });

  it('never closes a descriptor with a sync in flight, and trims back once the syncs end', async () => {
    const { fs, cache } = cacheOf(2);
    const [a, b] = ['a', 'b'].map((n) => cache.open(`/d/${n}`, { create: true })) as [FileHandle, FileHandle];
    const syncs = [a.sync(), b.sync()];
    const c = cache.open('/d/c', { create: true });
    c.write(Buffer.from('c'), 0);
    expect(fs.openNow).toBe(3);
    expect([fs.openPaths.get('/d/a'), fs.openPaths.get('/d/b')]).toEqual([1, 1]);
    await Promise.all(syncs);
    expect(fs.openNow).toBe(2);
    expect(fs.violations).toEqual([]);
  });

  it('closes a handle whose sync is in flight once the sync ends', async () => {
    const { fs, cache } = cacheOf(4);
    const a = cache.open('/d/a', { create: true });
    const sync = a.sync();
    a.close();
    expect(fs.openPaths.get('/d/a')).toBe(1);
    await sync;
    expect(fs.openPaths.get('/d/a')).toBe(0);
    expect(() => a.write(Buffer.from('x'), 0)).toThrow(expect.objectContaining({ code: 'EBADF' }));
  });

  it('a sync through a reopened descriptor makes writes through a closed one durable', async () => {
    const { mem, fs, cache } = cacheOf(1);
    await fs.syncDir('/');
    const a = cache.open('/d/a', { create: true });
    await fs.syncDir('/d');
    a.write(Buffer.from('kept'), 0);
    cache.open('/d/b', { create: true });
    expect(fs.openPaths.get('/d/a')).toBe(0);
    await a.sync();
    mem.crash();
    expect(mem.readFile('/d/a').toString()).toBe('kept');
  });

  it('counts the temp file of an atomic write against the limit', async () => {
    const { fs, cache } = cacheOf(2);
    const handles = ['a', 'b'].map((n) => cache.open(`/d/${n}`, { create: true }));
    await cache.writeFileAtomic('/d/checkpoint', Buffer.from('0\n0\n'));
    expect(fs.peak).toBe(2);
    expect(fs.readFile('/d/checkpoint').toString()).toBe('0\n0\n');
    expect(handles.map((h) => h.size())).toEqual([0, 0]);
  });
});

const PARTITIONS = 30;
const ROUNDS = 12;

function records(log: PartitionLog): Buffer[] {
  return readAllBatches(log).map((b) => b.bytes);
}

describe('LogDir under a tiny descriptor limit', () => {
  it('appends, reads, rolls, flushes, truncates, deletes records, closes, reopens and recovers', async () => {
    const limit = 4;
    const mem = new MemoryFileSystem();
    const fs = new CountingFileSystem(mem, limit);
    const config = testConfig({ segmentBytes: 2048, indexIntervalBytes: 300 });
    const options: LogDirOptions = { fs, path: '/kafka-logs', nowMs: new ManualClock().nowMs, configFor: () => config, maxOpenFiles: limit };
    const { logDir } = await LogDir.open(options);
    const logs = await Promise.all(Array.from({ length: PARTITIONS }, (_, i) => logDir.getOrCreate('t', i)));
    const written: Buffer[][] = logs.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, log] of logs.entries()) {
        const batch = encodeTestBatch({ valueBytes: 200, fill: round * PARTITIONS + i, baseTimestampMs: 1000 + round });
        await log.append(batch, { leaderEpoch: 0 });
        written[i]!.push(batch);
      }
    }
    for (const log of logs) await log.flush();
    expect(logs[0]!.segmentBaseOffsets().length).toBeGreaterThan(1);
    logs.forEach((log, i) => expect(records(log)).toEqual(written[i]));
    expect(logs[2]!.offsetForTimestamp(1005)?.offset).toBe(5);

    await logs[0]!.truncateTo(7);
    written[0]!.splice(7);
    logs[1]!.updateHighWatermark(logs[1]!.logEndOffset);
    await logs[1]!.deleteRecordsBefore(9);
    await logDir.deleteOldSegments();
    written[1]!.splice(0, 9);
    expect(fs.peak).toBeLessThanOrEqual(limit);
    expect(logDir.openFiles).toBeLessThanOrEqual(limit);

    await logDir.close();
    expect(fs.openNow).toBe(0);
    const reopened = await LogDir.open(options);
    expect(reopened.events).toEqual([]);
    const again = logs.map((_, i) => reopened.logDir.get('t', i) as PartitionLog);
    again.forEach((log, i) => expect(records(log), `partition ${i}`).toEqual(written[i]));
    for (const [i, log] of again.entries()) {
      const batch = encodeTestBatch({ valueBytes: 200, fill: 7 });
      await log.append(batch, { leaderEpoch: 1 });
      if (i % 2 === 0) await log.flush();
      written[i]!.push(batch);
    }

    mem.crash();
    const afterCrash = new CountingFileSystem(mem, limit);
    const recovered = await LogDir.open({ ...options, fs: afterCrash });
    for (const [i, expected] of written.entries()) {
      const got = records(recovered.logDir.get('t', i) as PartitionLog);
      const keep = i % 2 === 0 ? expected.length : expected.length - 1;
      expect(got.slice(0, keep), `partition ${i}`).toEqual(expected.slice(0, keep));
    }
    expect([...fs.violations, ...afterCrash.violations]).toEqual([]);
  });
});
