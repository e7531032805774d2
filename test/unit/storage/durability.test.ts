// Flush policy, group commit and I/O failures.
import { describe, expect, it } from 'vitest';
import { FileSystemError, LogOfflineError } from '../../../storage/errors.js';
import type { FileHandle } from '../../../storage/file-system.js';
import { GroupCommit } from '../../../storage/group-commit.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';
import { createTestLog, reopenTestLog, testConfig } from '../../helpers/storage-logs.js';

/** Counts fsyncs of .log files. */
class CountingFileSystem extends MemoryFileSystem {
  logSyncs = 0;

  override open(path: string, options?: { create?: boolean }): FileHandle {
    const handle = super.open(path, options);
    if (!path.endsWith('.log')) return handle;
    const sync = handle.sync.bind(handle);
    handle.sync = () => {
      this.logSyncs++;
      return sync();
    };
    return handle;
  }
}

describe('flush policy', () => {
  it('fsyncBeforeAck: concurrent appends resolve synced and share fsyncs', async () => {
    const fs = new CountingFileSystem();
    const log = await createTestLog(fs, testConfig({ fsyncBeforeAck: true, segmentBytes: 1 << 20 }));
    const syncsBefore = fs.logSyncs;
    const results = await Promise.all(Array.from({ length: 50 }, () => log.append(encodeTestBatch(), { leaderEpoch: 0 })));
    expect(results.map((r) => r.baseOffset)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(log.recoveryPoint).toBe(50);
    expect(fs.logSyncs - syncsBefore).toBeLessThanOrEqual(2);
    fs.crash();
    const { log: again } = await reopenTestLog(fs, testConfig(), { hadCleanShutdown: false });
    expect(again.logEndOffset).toBe(50);
  });

  it('without fsyncBeforeAck an append does not wait for a sync; flush() does', async () => {
    const fs = new CountingFileSystem();
    const log = await createTestLog(fs, testConfig());
    const syncsBefore = fs.logSyncs;
    await log.append(encodeTestBatch({ recordCount: 3 }), { leaderEpoch: 0 });
    expect(fs.logSyncs).toBe(syncsBefore);
    expect(log.unflushedMessages).toBe(3);
    await log.flush();
    expect(log.unflushedMessages).toBe(0);
    expect(fs.logSyncs).toBe(syncsBefore + 1);
  });

  it('flush.messages syncs once that many messages are unflushed', async () => {
    const fs = new CountingFileSystem();
    const log = await createTestLog(fs, testConfig({ flushMessages: 5 }));
    const syncsBefore = fs.logSyncs;
    for (let i = 0; i < 4; i++) await log.append(encodeTestBatch(), { leaderEpoch: 0 });
    expect(fs.logSyncs).toBe(syncsBefore);
    await log.append(encodeTestBatch(), { leaderEpoch: 0 });
    expect(fs.logSyncs).toBe(syncsBefore + 1);
    expect(log.unflushedMessages).toBe(0);
  });
});

describe('GroupCommit', () => {
  function controlledSync(): { commit: GroupCommit; finish: () => void; syncs: () => number; written: { offset: number } } {
    const written = { offset: 0 };
    const pending: (() => void)[] = [];
    const commit = new GroupCommit({ sync: () => new Promise<void>((resolve) => pending.push(resolve)), writtenOffset: () => written.offset }, 0);
    return { commit, finish: () => pending.shift()?.(), syncs: () => pending.length, written };
  }

  it('a waiter whose data was truncated before its sync learns it', async () => {
    const { commit, finish, written } = controlledSync();
    written.offset = 10;
    const waiting = commit.waitFor(10);
    commit.reset(4);
    written.offset = 4;
    finish();
    expect(await waiting).toBe(false);
    expect(commit.syncedOffset).toBe(4);
  });

  it('runs one sync at a time and lets later writers share the next', async () => {
    const { commit, finish, syncs, written } = controlledSync();
    written.offset = 1;
    const a = commit.waitFor(1);
    written.offset = 5;
    const b = commit.waitFor(3);
    const c = commit.waitFor(5);
    expect(syncs()).toBe(1);
    finish();
    expect(await a).toBe(true);
    await Promise.resolve();
    expect(syncs()).toBe(1);
    finish();
    expect(await Promise.all([b, c])).toEqual([true, true]);
    expect(commit.syncedOffset).toBe(5);
  });
});

describe('I/O failures', () => {
  it('a failed write rejects the append with the OS code and takes the log offline', async () => {
    const fs = new MemoryFileSystem();
    const config = testConfig();
    const log = await createTestLog(fs, config);
    await log.append(encodeTestBatch(), { leaderEpoch: 0 });
    fs.failNext('write');
    await expect(log.append(encodeTestBatch(), { leaderEpoch: 0 })).rejects.toMatchObject({ code: 'EIO' });
    await expect(log.append(encodeTestBatch(), { leaderEpoch: 0 })).rejects.toBeInstanceOf(LogOfflineError);
    expect(() => log.read(0, 100)).toThrow(expect.objectContaining({ code: 'KAFKA_STORAGE_ERROR' }));
    const { log: again } = await reopenTestLog(fs, config, { hadCleanShutdown: false });
    expect(again.logEndOffset).toBe(1);
    expect((await again.append(encodeTestBatch(), { leaderEpoch: 0 })).baseOffset).toBe(1);
  });

  it('a failed fsync fails the waiting appends and is never retried', async () => {
    const fs = new MemoryFileSystem();
    const config = testConfig({ fsyncBeforeAck: true });
    const log = await createTestLog(fs, config);
    await log.append(encodeTestBatch(), { leaderEpoch: 0 });
    fs.failNext('sync');
    const failed = log.append(encodeTestBatch(), { leaderEpoch: 0 });
    await expect(failed).rejects.toBeInstanceOf(FileSystemError);
    await expect(log.flush()).rejects.toBeInstanceOf(LogOfflineError);
    fs.crash();
    const { log: again } = await reopenTestLog(fs, config, { hadCleanShutdown: false });
    expect(again.logEndOffset).toBe(1);
  });
});
