// A partition that is never written costs its directory: segment files come with the first append,
// index files with their first entry or the seal, and every crash in between recovers cleanly.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { LogDir, type LogDirOptions } from '../../../storage/log-dir.js';
import type { FileSystem } from '../../../storage/file-system.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import type { PartitionLog } from '../../../storage/partition-log.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';
import { ManualClock, PARTITION_DIR, createTestLog, reopenTestLog, testConfig } from '../../helpers/storage-logs.js';
import { CountingFileSystem } from './counting-file-system.js';

const DIR = '/kafka-logs';

function options(fs: FileSystem, config = testConfig()): LogDirOptions {
  return { fs, path: DIR, nowMs: new ManualClock().nowMs, configFor: () => config };
}

async function appendOne(log: PartitionLog, leaderEpoch = 3): Promise<void> {
  await log.append(encodeTestBatch({ valueBytes: 100, baseTimestampMs: 5000 }), { leaderEpoch });
}

/** Counts fsyncs of one directory. */
class DirSyncCounter extends MemoryFileSystem {
  syncs = 0;

  constructor(private readonly counted: string) {
    super();
  }

  override syncDir(path: string): Promise<void> {
    if (path === this.counted) this.syncs++;
    return super.syncDir(path);
  }
}

describe('lazy partition files', () => {
  it('a new partition is a directory only, answers reads, closes and reopens without files', async () => {
    const fs = new MemoryFileSystem();
    const { logDir } = await LogDir.open(options(fs));
    const log = await logDir.getOrCreate('t', 0);
    expect(fs.readdir(`${DIR}/t-0`)).toEqual([]);
    expect(log.read(0, 100)).toEqual({ errorCode: ErrorCode.NONE, records: Buffer.alloc(0) });
    expect(log.read(1, 100).errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    expect(log.offsetForTimestamp(0)).toBeUndefined();
    expect(log.maxTimestampAndOffset()).toBeUndefined();
    expect(await log.deleteOldSegments()).toBeUndefined();
    expect(await log.deleteRecordsBefore(0)).toEqual({ errorCode: ErrorCode.NONE, lowWatermark: 0 });
    await log.truncateTo(0);
    await log.flush();
    await logDir.close();
    expect(fs.readdir(`${DIR}/t-0`)).toEqual([]);
    for (const crash of [false, true]) {
      if (crash) fs.crash();
      const counting = new CountingFileSystem(fs);
      const reopened = await LogDir.open(options(counting));
      expect(reopened.events).toEqual([]);
      expect(counting.opens).toBe(0);
      expect(reopened.logDir.get('t', 0)?.logEndOffset).toBe(0);
      expect(fs.readdir(`${DIR}/t-0`)).toEqual([]);
    }
  });

  it('the first append creates the .log; indexes come with their first entry or the seal', async () => {
    const fs = new MemoryFileSystem();
    const { logDir } = await LogDir.open(options(fs));
    const log = await logDir.getOrCreate('t', 0);
    await appendOne(log);
    expect(fs.readdir(`${DIR}/t-0`)).toEqual(['00000000000000000000.log']);
    await logDir.close();
    expect(fs.readdir(`${DIR}/t-0`)).toEqual([
      '00000000000000000000.index', '00000000000000000000.log', '00000000000000000000.timeindex',
      '00000000000000000001.snapshot', 'leader-epoch-checkpoint',
    ]);
    expect(fs.stat(`${DIR}/t-0/00000000000000000000.index`)?.size).toBe(0);
    expect(fs.stat(`${DIR}/t-0/00000000000000000000.timeindex`)?.size).toBe(12);
    fs.crash();
    const reopened = await LogDir.open(options(fs));
    expect(reopened.events).toEqual([]);
    expect(reopened.logDir.get('t', 0)?.maxTimestampAndOffset()).toEqual({ timestampMs: 5000, offset: 0 });
  });

  it('a crash between mkdir and the first append recovers an empty, writable log', async () => {
    const fs = new MemoryFileSystem();
    const { logDir } = await LogDir.open(options(fs));
    await logDir.getOrCreate('t', 0);
    fs.crash();
    const { logDir: again, events } = await LogDir.open(options(fs));
    expect(events).toEqual([]);
    const log = again.get('t', 0) as PartitionLog;
    expect([log.logStartOffset, log.logEndOffset]).toEqual([0, 0]);
    await appendOne(log);
    expect(log.logEndOffset).toBe(1);
  });

  // Batches without a leader epoch write no leader-epoch-checkpoint, whose own directory sync would
  // hide a flush that forgot the directory.
  it('the flush after a first append makes the new file durable, not only its bytes', async () => {
    const fs = new MemoryFileSystem();
    const { logDir } = await LogDir.open(options(fs));
    await appendOne(await logDir.getOrCreate('unflushed', 0), -1);
    await appendOne(await logDir.getOrCreate('flushed', 0), -1);
    await logDir.get('flushed', 0)?.flush();
    fs.crash();
    const { logDir: again } = await LogDir.open(options(fs));
    expect(again.get('unflushed', 0)?.logEndOffset).toBe(0);
    expect(again.get('flushed', 0)?.logEndOffset).toBe(1);
  });

  it('fsyncBeforeAck: a first append is durable when it resolves', async () => {
    const fs = new MemoryFileSystem();
    const { logDir } = await LogDir.open(options(fs, testConfig({ fsyncBeforeAck: true })));
    await appendOne(await logDir.getOrCreate('t', 0), -1);
    await appendOne(await logDir.getOrCreate('u', 0));
    fs.crash();
    const { logDir: again } = await LogDir.open(options(fs));
    expect(again.get('t', 0)?.logEndOffset).toBe(1);
    expect(again.get('u', 0)?.epochEntries()).toEqual([{ epoch: 3, startOffset: 0 }]);
  });

  it('partitions created together share fsyncs of the log directory', async () => {
    const fs = new DirSyncCounter(DIR);
    const { logDir } = await LogDir.open(options(fs));
    const before = fs.syncs;
    await Promise.all(Array.from({ length: 200 }, (_, i) => logDir.getOrCreate('t', i)));
    // One per burst of creations (7 here), not one per partition.
    expect(fs.syncs - before).toBeLessThanOrEqual(10);
    fs.crash();
    const { logDir: again } = await LogDir.open(options(fs));
    expect(again.partitions()).toHaveLength(200);
  });

  it('truncateFullyAndStartAt on an unwritten log records the new start on disk at once', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, testConfig());
    await log.truncateFullyAndStartAt(500);
    fs.crash();
    const { log: again } = await reopenTestLog(fs, testConfig(), { hadCleanShutdown: false });
    expect([again.logStartOffset, again.logEndOffset]).toEqual([500, 500]);
    expect(fs.readdir(PARTITION_DIR)).toEqual(['00000000000000000500.log']);
  });

  it('deletes an unwritten partition', async () => {
    const fs = new MemoryFileSystem();
    const { logDir } = await LogDir.open(options(fs));
    await logDir.getOrCreate('t', 0);
    await logDir.delete('t', 0);
    fs.crash();
    expect(fs.readdir(DIR).filter((n) => n.startsWith('t-'))).toEqual([]);
  });
});
