// The log cleaner on the in-memory file system: latest value per key, offsets unchanged, only
// closed segments, tombstones and transaction markers kept for delete.retention.ms, aborted data
// removed, min.cleanable.dirty.ratio and min.compaction.lag.ms.
import { describe, expect, it } from 'vitest';
import { CompressionType } from '../../../protocol/compression/index.js';
import { LogCleanerManager } from '../../../storage/log-cleaner-manager.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { PartitionLog } from '../../../storage/partition-log.js';
import { COMPACTION, keyedBatch, latestByKey, markerBatch, readAll } from '../../helpers/compaction.js';
import { LOG_PARENT, ManualClock, TOPIC, createTestLog, reopenTestLog, testConfig } from '../../helpers/storage-logs.js';

const config = (overrides = {}) => testConfig({ segmentBytes: 2048, compaction: { ...COMPACTION, ...overrides } });

async function appendUpdates(log: PartitionLog, clock: ManualClock, rounds: number, keys: number, compression?: number): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const records = Array.from({ length: keys }, (_, k) => ({ key: `k${k}`, value: `v${round}-${k}` }));
    await log.append(keyedBatch(records, clock.ms, { compression }), { leaderEpoch: 0 });
    clock.ms += 10;
  }
  log.updateHighWatermark(log.logEndOffset);
}

describe('log cleaner', () => {
  it('runs passes side by side on different logs, never two on one (log.cleaner.threads)', async () => {
    const fs = new MemoryFileSystem();
    const clock = new ManualClock();
    const a = await createTestLog(fs, config(), clock);
    const b = await PartitionLog.create(LOG_PARENT, TOPIC, 1, { fs, config: config(), nowMs: clock.nowMs });
    await appendUpdates(a, clock, 60, 5);
    await appendUpdates(b, clock, 40, 5);
    const before = [readAll(a), readAll(b)];
    let running = 0;
    let overlapped = false;
    const cleaner = new LogCleanerManager({ maxMapEntries: 1000, yieldTurn: async () => {
      overlapped ||= running > 1;
      await new Promise((resolve) => setImmediate(resolve));
    } });
    const pass = async (): Promise<number | undefined> => {
      running++;
      try {
        return (await cleaner.cleanOnce([a, b], clock.ms))?.partition;
      } finally {
        running--;
      }
    };
    const cleaned = await Promise.all([pass(), pass(), pass()]);
    // Two passes, one per log, at the same time; the third found nothing free.
    expect([...cleaned].sort()).toEqual([0, 1, undefined]);
    expect(overlapped).toBe(true);
    expect([latestByKey(readAll(a)), latestByKey(readAll(b))]).toEqual(before.map(latestByKey));
    expect(await cleaner.cleanOnce([a, b], clock.ms)).toBeUndefined();
  });

  it('keeps the latest record per key in closed segments, offsets unchanged', async () => {
    for (const compression of [CompressionType.NONE, CompressionType.GZIP]) {
      const clock = new ManualClock();
      const log = await createTestLog(new MemoryFileSystem(), config(), clock);
      await appendUpdates(log, clock, 60, 5, compression);
      const before = readAll(log);
      const segmentsBefore = log.segmentBaseOffsets();
      expect(segmentsBefore.length).toBeGreaterThan(3);
      const cleaned = await new LogCleanerManager({ maxMapEntries: 1000 }).cleanOnce([log], clock.ms);
      expect(cleaned?.completed).toBe(true);
      const after = readAll(log);
      expect(log.sizeBytes).toBeLessThan(before.length * 10);
      expect(latestByKey(after)).toEqual(latestByKey(before));
      const byOffset = new Map(before.map((r) => [r.offset, r]));
      for (const r of after) expect(byOffset.get(r.offset)).toEqual(r);
      // The active segment is never cleaned: all of its records are still there.
      const activeBase = segmentsBefore.at(-1) as number;
      expect(after.filter((r) => r.offset >= activeBase)).toEqual(before.filter((r) => r.offset >= activeBase));
      const cleanedPart = after.filter((r) => r.offset < activeBase);
      expect(new Set(cleanedPart.map((r) => r.key)).size).toBe(cleanedPart.length);
      expect(log.logEndOffset).toBe(300);
    }
  });

  it('tells its turns what it read and wrote, for the I/O throttle (Kafka counts both)', async () => {
    const clock = new ManualClock();
    const log = await createTestLog(new MemoryFileSystem(), config(), clock);
    await appendUpdates(log, clock, 60, 5);
    let ioBytes = 0;
    const cleaner = new LogCleanerManager({ maxMapEntries: 1000, yieldTurn: async (n) => void (ioBytes += n ?? 0) });
    const cleaned = await cleaner.cleanOnce([log], clock.ms);
    expect(cleaned?.completed).toBe(true);
    // The first pass reads the closed segments twice (the key map, then the copy) and writes the copy.
    expect(ioBytes).toBe(2 * cleaned!.bytesBefore + cleaned!.bytesAfter);
  });

  it('keeps tombstones for delete.retention.ms after their first cleaning, then removes them', async () => {
    const clock = new ManualClock();
    const log = await createTestLog(new MemoryFileSystem(), config(), clock);
    await appendUpdates(log, clock, 20, 4);
    await log.append(keyedBatch([{ key: 'k1', value: null }], clock.ms), { leaderEpoch: 0 });
    await appendUpdates(log, clock, 20, 2); // k1 comes back after its tombstone
    await log.append(keyedBatch([{ key: 'k3', value: null }], clock.ms), { leaderEpoch: 0 });
    await appendUpdates(log, clock, 30, 1);
    const cleaner = new LogCleanerManager({ maxMapEntries: 1000 });
    await cleaner.cleanOnce([log], clock.ms);
    const tombstone = readAll(log).find((r) => r.key === 'k3');
    expect(tombstone?.value).toBeNull();
    clock.ms += COMPACTION.deleteRetentionMs - 1;
    expect(await cleaner.cleanOnce([log], clock.ms)).toBeUndefined();
    clock.ms += 2;
    const second = await cleaner.cleanOnce([log], clock.ms);
    expect(second?.reason).toBe('deleteHorizon');
    const after = readAll(log);
    expect(after.find((r) => r.key === 'k3')).toBeUndefined();
    expect(latestByKey(after).get('k2')).toBe('v19-2');
  });

  it('removes aborted transactional data, keeps committed data and markers while their data remains', async () => {
    const clock = new ManualClock();
    const log = await createTestLog(new MemoryFileSystem(), config(), clock);
    const txnA = { producerId: 7, baseSequence: 0 };
    const txnB = { producerId: 8, baseSequence: 0 };
    await log.append(keyedBatch([{ key: 'a', value: 'aborted' }], clock.ms, { txn: txnA }), { leaderEpoch: 0 });
    await log.append(keyedBatch([{ key: 'b', value: 'committed' }], clock.ms, { txn: txnB }), { leaderEpoch: 0 });
    await log.append(markerBatch(7, false, clock.ms), { leaderEpoch: 0 });
    await log.append(markerBatch(8, true, clock.ms), { leaderEpoch: 0 });
    await appendUpdates(log, clock, 60, 3);
    const cleaner = new LogCleanerManager({ maxMapEntries: 1000 });
    const abortedProducers = (): number[] => log.abortedTransactions(0, log.logEndOffset).map((t) => t.producerId);
    expect(abortedProducers()).toEqual([7]);
    await cleaner.cleanOnce([log], clock.ms);
    // The ABORT marker is kept (until its horizon), and so is its transaction index entry.
    expect(abortedProducers()).toEqual([7]);
    const after = readAll(log);
    expect(after.find((r) => r.key === 'a')).toBeUndefined();
    expect(after.find((r) => r.key === 'b')?.value).toBe('committed');
    expect(after.filter((r) => r.control).map((r) => r.offset)).toEqual([2, 3]);
    // Aborted data gone: its marker goes once delete.retention.ms has passed; the commit marker
    // stays as long as 'b' does.
    expect(await cleaner.cleanOnce([log], clock.ms)).toBeUndefined();
    clock.ms += COMPACTION.deleteRetentionMs + 1;
    await cleaner.cleanOnce([log], clock.ms);
    expect(readAll(log).filter((r) => r.control).map((r) => r.offset)).toEqual([3]);
    // With the marker gone, no read_committed fetch may be told of that abort any more.
    expect(abortedProducers()).toEqual([]);
  });

  it('waits for min.cleanable.dirty.ratio and min.compaction.lag.ms', async () => {
    const clock = new ManualClock();
    const log = await createTestLog(new MemoryFileSystem(), config({ minCompactionLagMs: 1_000_000 }), clock);
    // Distinct keys: the cleaned log stays about as large as it was.
    for (let round = 0; round < 100; round++) {
      await log.append(keyedBatch([{ key: `u${round}`, value: 'x'.repeat(40) }], clock.ms), { leaderEpoch: 0 });
    }
    await appendUpdates(log, clock, 30, 5);
    const cleaner = new LogCleanerManager({ maxMapEntries: 1000 });
    expect(await cleaner.cleanOnce([log], clock.ms)).toBeUndefined();
    clock.ms += 2_000_000;
    expect((await cleaner.cleanOnce([log], clock.ms))?.reason).toBe('dirtyRatio');
    // A little more dirt stays below the ratio.
    await appendUpdates(log, clock, 12, 5);
    clock.ms += 2_000_000;
    expect(await cleaner.cleanOnce([log], clock.ms)).toBeUndefined();
  });

  it('a cleaned log reopens with the same records, after a clean shutdown or a crash', async () => {
    const clock = new ManualClock();
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, config(), clock);
    await appendUpdates(log, clock, 60, 5);
    await new LogCleanerManager({ maxMapEntries: 1000 }).cleanOnce([log], clock.ms);
    await log.flush();
    const expected = readAll(log);
    fs.crash();
    const { log: reopened } = await reopenTestLog(fs, config(), { hadCleanShutdown: false, clock });
    reopened.updateHighWatermark(reopened.logEndOffset);
    expect(readAll(reopened)).toEqual(expected);
  });

  it('max.compaction.lag.ms cleans a log whose dirty ratio stays below min.cleanable.dirty.ratio', async () => {
    const clock = new ManualClock();
    const log = await createTestLog(new MemoryFileSystem(), config({ minCleanableDirtyRatio: 1, maxCompactionLagMs: 60_000 }), clock);
    await appendUpdates(log, clock, 60, 5);
    const cleaner = new LogCleanerManager({ maxMapEntries: 1000 });
    expect((await cleaner.cleanOnce([log], clock.ms))?.reason).toBe('dirtyRatio'); // all dirty: ratio 1
    await appendUpdates(log, clock, 30, 5);
    clock.ms += 1_000;
    expect(await cleaner.cleanOnce([log], clock.ms)).toBeUndefined();
    clock.ms += 60_000;
    expect((await cleaner.cleanOnce([log], clock.ms))?.reason).toBe('maxCompactionLag');
  });

  it('segment.ms rolls an idle compacted log at its next append, which makes the rest cleanable', async () => {
    const clock = new ManualClock();
    const log = await createTestLog(new MemoryFileSystem(), testConfig({ segmentBytes: 1 << 20, segmentMs: 10_000, compaction: COMPACTION }), clock);
    await appendUpdates(log, clock, 40, 5);
    const cleaner = new LogCleanerManager({ maxMapEntries: 1000 });
    expect(log.segmentBaseOffsets()).toEqual([0]);
    expect(await cleaner.cleanOnce([log], clock.ms)).toBeUndefined();
    clock.ms += 10_001;
    await appendUpdates(log, clock, 1, 1);
    expect(log.segmentBaseOffsets()).toEqual([0, 200]);
    const cleaned = await cleaner.cleanOnce([log], clock.ms);
    expect(cleaned?.completed).toBe(true);
    expect(readAll(log).filter((r) => r.offset < 200).map((r) => r.offset)).toEqual([195, 196, 197, 198, 199]);
  });
});
