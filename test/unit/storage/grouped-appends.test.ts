// Leader appends queued while the log is busy are written together: one writev for a connection's
// burst of produce requests instead of one system call each. What must not change: offsets follow
// call order, a mutation queued between appends (truncation, a new leader epoch) stays between
// them, a group never overfills a segment, a failed write fails every append it carried, and a
// power cut loses nothing acknowledged and duplicates nothing.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import type { FileHandle, FileSystem } from '../../../storage/file-system.js';
import { LogOfflineError } from '../../../storage/errors.js';
import { offsetFileName } from '../../../storage/file-names.js';
import { ForwardingFileSystem } from '../../../storage/forwarding-file-system.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import type { PartitionLog } from '../../../storage/partition-log.js';
import { encodeTestBatch, seededRandom, splitBatches } from '../../helpers/storage-batches.js';
import { PARTITION_DIR, createTestLog, readAllBatches, reopenTestLog, testConfig } from '../../helpers/storage-logs.js';

/** Counts the writev calls on .log files and the chunks each carried. */
class WritevCounter extends ForwardingFileSystem {
  readonly calls: number[] = [];

  override open(path: string, options?: { create?: boolean }): FileHandle {
    const inner = this.inner.open(path, options);
    if (!path.endsWith('.log')) return inner;
    return {
      write: (data, position) => inner.write(data, position),
      writev: (chunks, position) => {
        this.calls.push(chunks.length);
        return inner.writev(chunks, position);
      },
      read: (target, position) => inner.read(target, position),
      size: () => inner.size(),
      truncate: (length) => inner.truncate(length),
      sync: () => inner.sync(),
      close: () => inner.close(),
    };
  }
}

/** Each batch's value fill byte, in log order: the tests tell batches apart by it. */
function fills(log: PartitionLog): number[] {
  return readAllBatches(log).map((b) => b.bytes[b.bytes.length - 2]!);
}

function batch(fill: number, valueBytes = 10): Buffer {
  return encodeTestBatch({ fill, valueBytes });
}

describe('grouped leader appends', () => {
  it('writes the appends queued in one turn with one writev, offsets in call order', async () => {
    const fs = new WritevCounter(new MemoryFileSystem());
    const log = await createTestLog(fs as FileSystem, testConfig());
    await log.append(batch(0), { leaderEpoch: 0 });
    const written = fs.calls.length;
    const results = await Promise.all([1, 2, 3, 4, 5].map((f) => log.append(encodeTestBatch({ fill: f, recordCount: f }), { leaderEpoch: 0 })));
    expect(results.map((r) => r.baseOffset)).toEqual([1, 2, 4, 7, 11]);
    expect(results.map((r) => r.lastOffset)).toEqual([1, 3, 6, 10, 15]);
    expect(fs.calls.slice(written)).toEqual([5]);
    expect(fills(log)).toEqual([0, 1, 2, 3, 4, 5]);
    // The index and the remembered last batches hold the run's positions, not each request's.
    for (let offset = 0; offset <= 15; offset++) {
      const r = log.read(offset, 1);
      expect(r.errorCode === ErrorCode.NONE && splitBatches(r.records)[0]!.lastOffset).toBeGreaterThanOrEqual(offset);
    }
  });

  it('keeps a mutation queued between appends between them', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig());
    const a = log.append(batch(1), { leaderEpoch: 0 });
    const b = log.append(batch(2), { leaderEpoch: 0 });
    const truncated = log.truncateTo(1);
    const epoch = log.assignEpochStartOffset(1);
    const c = log.append(batch(3), { leaderEpoch: 1 });
    const d = log.append(batch(4), { leaderEpoch: 1 });
    expect((await a).baseOffset).toBe(0);
    expect((await b).baseOffset).toBe(1);
    await Promise.all([truncated, epoch]);
    expect([(await c).baseOffset, (await d).baseOffset]).toEqual([1, 2]);
    expect(fills(log)).toEqual([1, 3, 4]);
    expect(log.endOffsetForEpoch(0)).toMatchObject({ epoch: 0, endOffset: 1 });
    expect(log.endOffsetForEpoch(1)).toMatchObject({ epoch: 1, endOffset: 3 });
  });

  it('writes a group larger than a segment in runs that each fit one', async () => {
    const config = testConfig();
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, config);
    await log.append(batch(0), { leaderEpoch: 0 });
    const appends = Array.from({ length: 12 }, (_, i) => log.append(batch(i + 1, 5000), { leaderEpoch: 0 }));
    const results = await Promise.all(appends);
    expect(results.map((r) => r.baseOffset)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(fills(log)).toEqual(Array.from({ length: 13 }, (_, i) => i));
    const sizes = log.segmentBaseOffsets().map((o) => fs.stat(`${PARTITION_DIR}/${offsetFileName(o, '.log')}`)!.size);
    expect(sizes.length).toBeGreaterThan(3);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(config.segmentBytes);
  });

  it('fails every append of a group whose write fails, and takes the log offline', async () => {
    const fs = new MemoryFileSystem();
    const config = testConfig({ fsyncBeforeAck: true });
    const log = await createTestLog(fs, config);
    const acknowledged = await log.append(batch(1), { leaderEpoch: 0 });
    fs.failNext('write');
    const group = [2, 3, 4].map((f) => log.append(batch(f), { leaderEpoch: 0 }));
    const outcomes = await Promise.allSettled(group);
    expect(outcomes.map((o) => o.status === 'rejected' && String(o.reason))).toEqual(Array(3).fill(expect.stringMatching(/EIO/)));
    await expect(log.append(batch(5), { leaderEpoch: 0 })).rejects.toBeInstanceOf(LogOfflineError);
    fs.crash();
    const { log: reopened } = await reopenTestLog(fs, config, { hadCleanShutdown: false });
    expect(acknowledged.baseOffset).toBe(0);
    expect(fills(reopened)).toEqual([1]);
  });

  it('loses no acknowledged append to a power cut and duplicates none (seeded)', async () => {
    const config = testConfig({ fsyncBeforeAck: true });
    for (let seed = 1; seed <= 20; seed++) {
      const random = seededRandom(seed);
      const fs = new MemoryFileSystem();
      const log = await createTestLog(fs, config);
      const acked: number[] = [];
      let fill = 0;
      for (let turn = 0; turn < 8; turn++) {
        const group = Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
          const f = ++fill;
          return log.append(batch(f, 1 + Math.floor(random() * 3000)), { leaderEpoch: 0 }).then(() => acked.push(f));
        });
        if (turn < 7) await Promise.all(group);
      }
      // The last group is cut off mid-flight: at its write, or at the sync after it.
      await new Promise((resolve) => setImmediate(resolve));
      fs.crash({ random });
      const { log: reopened } = await reopenTestLog(fs, config, { hadCleanShutdown: false });
      const kept = fills(reopened);
      expect(kept, `seed ${seed}`).toEqual(Array.from({ length: kept.length }, (_, i) => i + 1));
      expect(kept.length, `seed ${seed}`).toBeGreaterThanOrEqual(acked.length);
    }
  });
});
