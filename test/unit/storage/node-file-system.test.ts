// The Node file system and the log on a real disk: Kafka's file names, index bytes and sizes.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSystemError } from '../../../storage/errors.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { NodeFileSystem } from '../../../storage/node-file-system.js';
import { batchOfSize, encodeTestBatch } from '../../helpers/storage-batches.js';
import { ManualClock } from '../../helpers/storage-logs.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kraftling-storage-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('NodeFileSystem', () => {
  it('writes positionally, reads, truncates, syncs and renames', async () => {
    const fs = new NodeFileSystem();
    const path = join(root, 'a');
    const f = fs.open(path, { create: true });
    f.write(Buffer.from('hello'), 0);
    f.write(Buffer.from('!'), 7);
    await f.sync();
    expect(f.size()).toBe(8);
    const target = Buffer.alloc(10);
    expect(f.read(target, 1)).toBe(7);
    expect(target.subarray(0, 7)).toEqual(Buffer.from('ello\0\0!'));
    f.truncate(2);
    f.close();
    expect(readFileSync(path).toString()).toBe('he');
    fs.rename(path, join(root, 'b'));
    expect(fs.readdir(root)).toEqual(['b']);
    await fs.syncDir(root);
  });

  it('writes a gather of more chunks than one system call takes (IOV_MAX is 1024) in order', async () => {
    const fs = new NodeFileSystem();
    const path = join(root, 'gather');
    const f = fs.open(path, { create: true });
    const chunks = Array.from({ length: 3000 }, (_, i) => Buffer.alloc(1 + (i % 7), i % 251));
    await f.writev(chunks, 5);
    f.close();
    expect(readFileSync(path).equals(Buffer.concat([Buffer.alloc(5), ...chunks]))).toBe(true);
  });

  it('replaces a file atomically and leaves no temp file', async () => {
    const fs = new NodeFileSystem();
    const path = join(root, 'checkpoint');
    await fs.writeFileAtomic(path, Buffer.from('one'));
    await fs.writeFileAtomic(path, Buffer.from('two'));
    expect(readFileSync(path).toString()).toBe('two');
    expect(readdirSync(root)).toEqual(['checkpoint']);
  });

  it('wraps errors with the OS code', () => {
    const fs = new NodeFileSystem();
    expect(() => fs.open(join(root, 'missing'))).toThrow(FileSystemError);
    expect(() => fs.readFile(join(root, 'missing'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(fs.stat(join(root, 'missing'))).toBeUndefined();
    fs.mkdir(join(root, 'x', 'y'));
    expect(fs.stat(join(root, 'x'))?.isDirectory).toBe(true);
  });

  it('lists a directory on the thread pool as readdir does: sorted, errors with the OS code', async () => {
    const fs = new NodeFileSystem();
    for (const name of ['b-1', 'a-10', 'a-2', '.kafka_cleanshutdown', 'B-0']) fs.mkdir(join(root, 'd', name));
    expect(await fs.readdirAsync(join(root, 'd'))).toEqual(fs.readdir(join(root, 'd')));
    expect(fs.readdir(join(root, 'd'))).toEqual(['.kafka_cleanshutdown', 'B-0', 'a-10', 'a-2', 'b-1']);
    await expect(fs.readdirAsync(join(root, 'missing'))).rejects.toThrow(expect.objectContaining({ name: 'FileSystemError', code: 'ENOENT' }));
  });
});

describe('NodeFileSystem.mkdir', () => {
  it('creates missing parents, and accepts a directory that exists', () => {
    const fs = new NodeFileSystem();
    fs.mkdir(join(root, 'a', 'b', 'c'));
    fs.mkdir(join(root, 'a', 'b', 'c'));
    expect(statSync(join(root, 'a', 'b', 'c')).isDirectory()).toBe(true);
  });

  it('fails with an error where mkdir cannot create a directory, never loops (a path under /proc, a file)', () => {
    const fs = new NodeFileSystem();
    // Node's recursive mkdirSync spins for ever on this one: ENOENT although /proc exists.
    expect(() => fs.mkdir('/proc/kraftling-no-such/node-1')).toThrow(FileSystemError);
    writeFileSync(join(root, 'file'), 'x');
    expect(() => fs.mkdir(join(root, 'file', 'node-1'))).toThrow(FileSystemError);
  });
});

describe('partition log on disk', () => {
  it("uses Kafka's file names and index formats", async () => {
    const clock = new ManualClock();
    const logDirPath = join(root, 'logs');
    const fs = new NodeFileSystem();
    const { logDir } = await LogDir.open({ fs, path: logDirPath, nowMs: clock.nowMs, configFor: () => DEFAULT_LOG_CONFIG });
    const log = await logDir.getOrCreate('orders', 3);
    const partitionDir = join(logDirPath, 'orders-3');
    // Files come with the first append; the active segment's indexes are preallocated once written.
    expect(readdirSync(partitionDir)).toEqual([]);
    for (let i = 0; i < 12; i++) {
      await log.append(batchOfSize(1024, { baseTimestampMs: 1000 + i }), { leaderEpoch: 7 });
    }
    expect(statSync(join(partitionDir, '00000000000000000000.index')).size).toBe(10 * 1024 * 1024);
    expect(statSync(join(partitionDir, '00000000000000000000.timeindex')).size).toBe(10 * 1024 * 1024 - 4);
    log.updateHighWatermark(12);
    await logDir.close();

    expect(readdirSync(logDirPath).sort()).toEqual([
      '.kafka_cleanshutdown',
      'log-start-offset-checkpoint',
      'orders-3',
      'recovery-point-offset-checkpoint',
    ]);
    expect(readdirSync(partitionDir).sort()).toEqual([
      '00000000000000000000.index',
      '00000000000000000000.log',
      '00000000000000000000.timeindex',
      '00000000000000000012.snapshot',
      'leader-epoch-checkpoint',
    ]);
    expect(statSync(join(partitionDir, '00000000000000000000.log')).size).toBe(12 * 1024);
    // index.interval.bytes 4096: an entry for the first batch starting more than 4096 bytes after
    // the last entry; int32 relative offset, int32 position.
    expect(readFileSync(join(partitionDir, '00000000000000000000.index')).toString('hex')).toBe(
      ['00000005', '00001400', '0000000a', '00002800'].join(''),
    );
    // int64 timestamp, int32 relative offset; the last entry was added when the segment closed.
    expect(readFileSync(join(partitionDir, '00000000000000000000.timeindex')).toString('hex')).toBe(
      ['00000000000003ed', '00000005', '00000000000003f2', '0000000a', '00000000000003f3', '0000000b'].join(''),
    );
    expect(readFileSync(join(partitionDir, 'leader-epoch-checkpoint'), 'utf8')).toBe('0\n1\n7 0\n');
    expect(readFileSync(join(logDirPath, 'recovery-point-offset-checkpoint'), 'utf8')).toBe('0\n1\norders 3 12\n');
    expect(readFileSync(join(logDirPath, 'log-start-offset-checkpoint'), 'utf8')).toBe('0\n1\norders 3 0\n');
  });

  it('reopens after a clean shutdown, then rolls into a second segment file', async () => {
    const clock = new ManualClock();
    const logDirPath = join(root, 'logs');
    const config = { ...DEFAULT_LOG_CONFIG, segmentBytes: 4096 };
    const options = { fs: new NodeFileSystem(), path: logDirPath, nowMs: clock.nowMs, configFor: () => config };
    const first = await LogDir.open(options);
    const log = await first.logDir.getOrCreate('t', 0);
    for (let i = 0; i < 3; i++) await log.append(batchOfSize(1024), { leaderEpoch: 0 });
    await first.logDir.close();
    const second = await LogDir.open(options);
    expect(second.hadCleanShutdown).toBe(true);
    expect(readdirSync(logDirPath)).not.toContain('.kafka_cleanshutdown');
    const again = second.logDir.get('t', 0);
    expect(again?.logEndOffset).toBe(3);
    await again?.append(batchOfSize(1024), { leaderEpoch: 0 });
    await again?.append(encodeTestBatch(), { leaderEpoch: 0 });
    expect(readdirSync(join(logDirPath, 't-0')).filter((n) => n.endsWith('.log'))).toEqual([
      '00000000000000000000.log',
      '00000000000000000004.log',
    ]);
    expect(statSync(join(logDirPath, 't-0', '00000000000000000000.index')).size).toBe(0);
    await second.logDir.close();
  });

  it('deletes segments and partitions off the event loop: renamed first, unlinked in the background, leftovers removed at the next opening', async () => {
    const clock = new ManualClock();
    const logDirPath = join(root, 'logs');
    const config = { ...DEFAULT_LOG_CONFIG, segmentBytes: 4096, retentionBytes: 4096 };
    const options = { fs: new NodeFileSystem(), path: logDirPath, nowMs: clock.nowMs, configFor: () => config };
    const { logDir } = await LogDir.open(options);
    const log = await logDir.getOrCreate('t', 0);
    for (let i = 0; i < 12; i++) await log.append(batchOfSize(1024), { leaderEpoch: 0 });
    log.updateHighWatermark(log.logEndOffset);
    const segments = (): string[] => readdirSync(join(logDirPath, 't-0')).filter((n) => /^\d{20}\.log/.test(n));
    expect(segments()).toHaveLength(3);
    await logDir.deleteOldSegments();
    // Gone for the log at once; the files go meanwhile (renamed, then unlinked off the event loop).
    expect(log.segmentBaseOffsets()).toEqual([8]);
    expect(segments().every((n) => n === '00000000000000000008.log' || n.endsWith('.deleted'))).toBe(true);
    await (await logDir.getOrCreate('u', 0)).append(batchOfSize(1024), { leaderEpoch: 0 });
    await logDir.delete('u', 0);
    expect(readdirSync(logDirPath).filter((n) => n.startsWith('u-0') && !n.endsWith('-delete'))).toEqual([]);
    await logDir.close();
    expect(segments()).toEqual(['00000000000000000008.log']);
    expect(readdirSync(logDirPath).filter((n) => n.startsWith('u-0'))).toEqual([]);

    // A crash between the rename and the unlink leaves a `.deleted` file: the next opening removes it.
    writeFileSync(join(logDirPath, 't-0', '00000000000000000004.log.deleted'), Buffer.alloc(100));
    const again = await LogDir.open(options);
    expect(again.logDir.get('t', 0)?.segmentBaseOffsets()).toEqual([8]);
    await again.logDir.close();
    expect(segments()).toEqual(['00000000000000000008.log']);
  });
});
