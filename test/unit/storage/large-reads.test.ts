// Large log reads run on the thread pool (PartitionLog.readLarge), except a consumer's of the newest
// bytes, which the page cache holds: they return the bytes a read at once returns, and the
// descriptor they read stays open under them: a segment deleted, a handle closed or the descriptor
// cache trimmed while the read runs neither fails it nor lets the fd number be reused under it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { BufferPool, BufferPools } from '../../../storage/buffer-pool.js';
import { HandleCache } from '../../../storage/handle-cache.js';
import type { DeferredRead, LogReadResult } from '../../../storage/log-types.js';
import { NodeFileSystem } from '../../../storage/node-file-system.js';
import { PartitionLog } from '../../../storage/partition-log.js';
import { encodeTestBatch, splitBatches } from '../../helpers/storage-batches.js';
import { ManualClock, TOPIC, testConfig } from '../../helpers/storage-logs.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kraftling-large-reads-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A batch of 20 records of 4 KiB whose bytes say which batch it is. */
function batch(i: number): Buffer {
  return encodeTestBatch({ recordCount: 20, valueBytes: 4096, fill: 0x30 + (i % 40) });
}

async function logWith(batches: number, segmentBytes = 64 * 1024 * 1024): Promise<PartitionLog> {
  const fs = new HandleCache(new NodeFileSystem({ durable: false }), 2);
  const log = await PartitionLog.create(root, TOPIC, 0, { fs, config: testConfig({ segmentBytes, indexIntervalBytes: 4096, segmentIndexBytes: 1 << 20 }), nowMs: new ManualClock().nowMs });
  for (let i = 0; i < batches; i++) await log.append(batch(i), { leaderEpoch: 0 });
  log.updateHighWatermark(log.logEndOffset);
  return log;
}

function deferred(read: LogReadResult | DeferredRead): DeferredRead {
  expect('deferred' in read, 'a read on the thread pool').toBe(true);
  return read as DeferredRead;
}

function records(read: LogReadResult | DeferredRead): Buffer {
  expect(read.errorCode).toBe(ErrorCode.NONE);
  expect('records' in read, 'a read at once').toBe(true);
  return (read as { records: Buffer }).records;
}

describe('PartitionLog.readLarge', () => {
  it('reads large ranges on the thread pool with the bytes read() returns, small ones at once', async () => {
    // 8 MB: the ranges read start more than 4 MiB before the end.
    const log = await logWith(100);
    for (const [offset, maxBytes, maxOffset] of [[0, 1 << 20, log.logEndOffset], [100, 700_000, log.logEndOffset], [0, 1 << 20, 390], [20, 300_000, 800]] as const) {
      const large = deferred(log.readLarge(offset, maxBytes, maxOffset));
      const data = await large.deferred;
      expect(data.equals(records(log.read(offset, maxBytes, maxOffset))), `${offset} ${maxBytes} ${maxOffset}`).toBe(true);
      expect(data.length).toBeGreaterThan(0);
      expect(data.length).toBeLessThanOrEqual(large.maxBytes);
      expect(splitBatches(data)[0]!.baseOffset).toBe(Math.floor(offset / 20) * 20);
      expect(splitBatches(data).at(-1)!.lastOffset).toBeLessThan(maxOffset);
    }
    expect(records(log.readLarge(0, 100_000)).equals(records(log.read(0, 100_000)))).toBe(true);
    // With pools, a read takes a buffer of the smallest that holds it (its size known by then).
    const small = new BufferPool(128 * 1024, 2);
    const large = new BufferPool(1 << 20, 2);
    const pools = new BufferPools([small, large]);
    const fromSmall = records(log.readLarge(0, 100_000, log.logEndOffset, pools));
    expect([small.lends(fromSmall), fromSmall.equals(records(log.read(0, 100_000)))]).toEqual([true, true]);
    const fromLarge = await deferred(log.readLarge(0, 500_000, log.logEndOffset, pools)).deferred;
    expect([large.lends(fromLarge), fromLarge.equals(records(log.read(0, 500_000)))]).toEqual([true, true]);
    expect(records(log.readLarge(log.logEndOffset, 1 << 20))).toHaveLength(0);
    expect(log.readLarge(log.logEndOffset + 1, 1 << 20).errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    await log.close();
  });

  it('with recentAtOnce (a consumer), reads the newest 4 MiB of the active segment at once, however large the read', async () => {
    const log = await logWith(100);
    const end = log.logEndOffset;
    // 40 batches of 80 KiB from the end: 3.3 MB, inside the newest 4 MiB.
    for (const [offset, maxBytes] of [[end - 40 * 20, 1 << 20], [end - 10 * 20, 3 << 20]] as const) {
      const data = records(log.readLarge(offset, maxBytes, log.logEndOffset, undefined, true));
      expect(data.length).toBeGreaterThan(256 * 1024);
      expect(data.equals(records(log.read(offset, maxBytes))), `${offset} ${maxBytes}`).toBe(true);
      // Without it (a follower), the same read goes to the pool.
      expect((await deferred(log.readLarge(offset, maxBytes)).deferred).equals(data)).toBe(true);
    }
    // 60 batches from the end (4.9 MB): older, so on the thread pool.
    expect(await deferred(log.readLarge(end - 60 * 20, 1 << 20, log.logEndOffset, undefined, true)).deferred).toEqual(records(log.read(end - 60 * 20, 1 << 20)));
    await log.close();
  });

  it('finishes a read whose segment is deleted, and whose descriptor the cache would close, while it runs', async () => {
    // Segments of four batches (over 256 KiB), read whole; two descriptors for the whole log.
    const log = await logWith(40, 400 * 1024);
    const expected = records(log.read(0, 1 << 20));
    const reads = Array.from({ length: 8 }, () => deferred(log.readLarge(0, 1 << 20)).deferred);
    await log.deleteRecordsBefore(log.logEndOffset - 1);
    const deleted = await log.deleteOldSegments();
    expect(deleted?.kind).toBe('segmentsDeleted');
    for (const data of await Promise.all(reads)) expect(data.equals(expected)).toBe(true);
    expect(log.readLarge(0, 1 << 20).errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    await log.close();
  });
});

describe('NodeFileSystem.readAsync', () => {
  it('fills the target, stops short at the end of the file, and defers close() until it is done', async () => {
    const fs = new NodeFileSystem({ durable: false });
    const file = fs.open(join(root, 'f'), { create: true });
    const bytes = Buffer.alloc(3 << 20, 7);
    bytes.write('start', 0);
    file.write(bytes, 0);
    const whole = Buffer.alloc(3 << 20);
    const tail = Buffer.alloc(1 << 20);
    const reads = [file.readAsync!(whole, 0), file.readAsync!(tail, (3 << 20) - 1000)];
    file.close();
    expect(await Promise.all(reads)).toEqual([3 << 20, 1000]);
    expect(whole.equals(bytes)).toBe(true);
    // Closed for real now: the descriptor is gone.
    await expect(file.readAsync!(tail, 0)).rejects.toMatchObject({ code: 'EBADF' });
  });

  it('through the descriptor cache: a descriptor under a read is not closed to make room', async () => {
    const cache = new HandleCache(new NodeFileSystem({ durable: false }), 1);
    const a = cache.open(join(root, 'a'), { create: true });
    a.write(Buffer.alloc(2 << 20, 1), 0);
    const target = Buffer.alloc(2 << 20);
    const read = a.readAsync!(target, 0);
    const b = cache.open(join(root, 'b'), { create: true });
    b.write(Buffer.from('b'), 0);
    expect(cache.openFiles).toBe(2);
    expect(await read).toBe(2 << 20);
    expect(target.every((x) => x === 1)).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(cache.openFiles).toBe(1);
    a.close();
    b.close();
  });
});
