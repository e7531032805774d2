// The log cleaner's progress survives a restart (cleaner-offset-checkpoint, as Kafka's): a
// restarted cleaner does not clean the same log again, and still removes tombstones once the
// delete horizon stamped before the restart has passed.
import { describe, expect, it } from 'vitest';
import { LogCleanerManager } from '../../../storage/log-cleaner-manager.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { COMPACTION, keyedBatch, readAll } from '../../helpers/compaction.js';
import { ManualClock, testConfig } from '../../helpers/storage-logs.js';

const config = testConfig({ segmentBytes: 2048, compaction: COMPACTION });

function cleanerFor(logDir: LogDir): LogCleanerManager {
  return new LogCleanerManager({
    maxMapEntries: 1000,
    checkpoints: { get: (l) => logDir.cleanerOffset(l), set: (l, o) => logDir.setCleanerOffset(l, o) },
  });
}

describe('cleaner-offset-checkpoint', () => {
  it('a restarted cleaner resumes where it stopped, and tombstones still go after their horizon', async () => {
    const fs = new MemoryFileSystem();
    const clock = new ManualClock();
    const open = () => LogDir.open({ fs, path: '/kafka-logs', nowMs: clock.nowMs, configFor: () => config });
    const { logDir } = await open();
    const log = await logDir.getOrCreate('table', 0);
    for (let round = 0; round < 60; round++) {
      const records = Array.from({ length: 5 }, (_, k) => ({ key: `k${k}`, value: round === 30 && k === 0 ? null : `v${round}` }));
      await log.append(keyedBatch(records, clock.ms), { leaderEpoch: 0 });
      clock.ms += 10;
    }
    await log.append(keyedBatch([{ key: 'gone', value: null }], clock.ms), { leaderEpoch: 0 });
    for (let round = 0; round < 20; round++) await log.append(keyedBatch([{ key: 'k1', value: `w${round}` }], clock.ms), { leaderEpoch: 0 });
    log.updateHighWatermark(log.logEndOffset);
    const first = await cleanerFor(logDir).cleanOnce(logDir.all(), clock.ms);
    expect(first?.completed).toBe(true);
    expect(readAll(log).some((r) => r.key === 'gone')).toBe(true);
    await logDir.close();
    expect(fs.readdir('/kafka-logs')).toContain('cleaner-offset-checkpoint');

    const { logDir: again } = await open();
    const reopened = again.get('table', 0)!;
    reopened.updateHighWatermark(reopened.logEndOffset);
    expect(again.cleanerOffset(reopened)).toBe(first?.cleanedTo);
    const cleaner = cleanerFor(again);
    expect(await cleaner.cleanOnce(again.all(), clock.ms)).toBeUndefined();
    clock.ms += COMPACTION.deleteRetentionMs + 1;
    expect((await cleaner.cleanOnce(again.all(), clock.ms))?.reason).toBe('deleteHorizon');
    expect(readAll(reopened).some((r) => r.key === 'gone')).toBe(false);
  });
});
