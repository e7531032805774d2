import { describe, expect, it } from 'vitest';
import { MemoryFileSystem, type FaultOp } from '../../../storage/memory-file-system.js';
import { LogDir, type LogDirOptions } from '../../../storage/log-dir.js';
import { FileSystemError, LogOfflineError } from '../../../storage/errors.js';
import type { StorageEvent } from '../../../storage/storage-events.js';
import type { LogConfig } from '../../../storage/log-config.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';
import { ManualClock, appendTornBatch, testConfig } from '../../helpers/storage-logs.js';

/** Records the files synced (the memory file system checks each sync for an injected fault). */
class SyncRecorder extends MemoryFileSystem {
  readonly synced: string[] = [];

  override fault(op: FaultOp, path: string): void {
    if (op === 'sync') this.synced.push(path);
    super.fault(op, path);
  }
}

function options(
  fs: MemoryFileSystem,
  config: LogConfig = testConfig({ segmentBytes: 2048 }),
  clock = new ManualClock(),
): LogDirOptions {
  return { fs, path: '/kafka-logs', nowMs: clock.nowMs, configFor: () => config };
}

async function fill(logDir: LogDir, topic: string, batches: number): Promise<void> {
  const log = await logDir.getOrCreate(topic, 0);
  for (let i = 0; i < batches; i++) await log.append(encodeTestBatch({ valueBytes: 200 }), { leaderEpoch: 0 });
  log.updateHighWatermark(log.logEndOffset);
}

/** Logs 'a' (3 batches) and 'b' (2), flushed, then half a batch at a's end that reached the disk
 * before a crash: a torn write. */
async function crashedWithTornTail(): Promise<MemoryFileSystem> {
  const fs = new MemoryFileSystem();
  const { logDir } = await LogDir.open(options(fs));
  await fill(logDir, 'a', 3);
  await fill(logDir, 'b', 2);
  await logDir.get('a', 0)?.flush();
  await logDir.get('b', 0)?.flush();
  await appendTornBatch(fs, '/kafka-logs/a-0/00000000000000000000.log');
  fs.crash();
  return fs;
}

describe('LogDir', () => {
  it('writes the clean shutdown marker on close and removes it once loaded', async () => {
    const fs = new MemoryFileSystem();
    const first = await LogDir.open(options(fs));
    expect(first.hadCleanShutdown).toBe(false);
    await fill(first.logDir, 'a', 5);
    await first.logDir.close();
    expect(fs.readdir('/kafka-logs')).toContain('.kafka_cleanshutdown');
    const second = await LogDir.open(options(fs));
    expect(second.hadCleanShutdown).toBe(true);
    expect(fs.readdir('/kafka-logs')).not.toContain('.kafka_cleanshutdown');
    expect(second.logDir.get('a', 0)?.logEndOffset).toBe(5);
    fs.crash();
    const third = await LogDir.open(options(fs));
    expect(third.hadCleanShutdown).toBe(false);
    expect(third.logDir.get('a', 0)?.logEndOffset).toBe(5);
  });

  it('names the broker epoch it closed under in the marker, as Kafka writes it; no marker, or one without an epoch, names none', async () => {
    const fs = new MemoryFileSystem();
    const first = await LogDir.open(options(fs));
    expect(first.previousBrokerEpoch).toBe(-1);
    await fill(first.logDir, 'a', 2);
    await first.logDir.close(42);
    expect(JSON.parse(fs.readFile('/kafka-logs/.kafka_cleanshutdown').toString())).toEqual({ version: 0, brokerEpoch: 42 });
    const second = await LogDir.open(options(fs));
    expect(second).toMatchObject({ hadCleanShutdown: true, previousBrokerEpoch: 42 });
    // Killed: the marker went when the logs were loaded, so the next start names no epoch.
    const third = await LogDir.open(options(fs));
    expect(third).toMatchObject({ hadCleanShutdown: false, previousBrokerEpoch: -1 });
    for (const content of ['', 'not json', '{"version":0}', '{"version":0,"brokerEpoch":-3}', '{"version":0,"brokerEpoch":"7"}']) {
      await fs.writeFileAtomic('/kafka-logs/.kafka_cleanshutdown', Buffer.from(content));
      const reopened = await LogDir.open(options(fs));
      expect(reopened, content).toMatchObject({ hadCleanShutdown: true, previousBrokerEpoch: -1 });
    }
  });

  it('makes DeleteRecords durable before it returns', async () => {
    const fs = new MemoryFileSystem();
    const { logDir } = await LogDir.open(options(fs));
    await fill(logDir, 'a', 20);
    await fill(logDir, 'b', 3);
    await logDir.get('a', 0)?.flush();
    await logDir.get('a', 0)?.deleteRecordsBefore(13);
    fs.crash();
    const reopened = await LogDir.open(options(fs));
    expect(reopened.logDir.get('a', 0)?.logStartOffset).toBe(13);
    expect(reopened.logDir.get('b', 0)?.logStartOffset).toBe(0);
    expect(fs.readFile('/kafka-logs/log-start-offset-checkpoint').toString()).toBe('0\n2\na 0 13\nb 0 0\n');
  });

  it('after a crash opens no log at start: each is recovered when it opens, and serves only what recovery kept', async () => {
    const fs = await crashedWithTornTail();

    const events: StorageEvent[] = [];
    const reopened = await LogDir.open({ ...options(fs), onEvent: (e) => events.push(e) });
    expect(reopened).toMatchObject({ hadCleanShutdown: false, events: [] });
    expect(reopened.logDir.unopenedCount).toBe(2);
    expect(reopened.logDir.all()).toEqual([]);
    const a = reopened.logDir.get('a', 0)!;
    expect(events).toEqual([expect.objectContaining({ kind: 'tailTruncated', path: '/kafka-logs/a-0/00000000000000000000.log' })]);
    expect(a.logEndOffset).toBe(3);
    await a.append(encodeTestBatch({ valueBytes: 200 }), { leaderEpoch: 0 });
    await a.flush();
    expect(reopened.logDir.unopenedCount).toBe(1);
    fs.crash();

    const again = await LogDir.open(options(fs));
    expect(again.logDir.get('a', 0)?.logEndOffset).toBe(4);
    expect(again.logDir.get('b', 0)?.logEndOffset).toBe(2);
  });

  it('after a crash, a stop before every log was recovered writes no clean shutdown marker: the next start still recovers them', async () => {
    const fs = await crashedWithTornTail();

    const stoppedEarly = await LogDir.open(options(fs));
    expect(stoppedEarly.logDir.get('b', 0)?.logEndOffset).toBe(2);
    await stoppedEarly.logDir.close(7);
    expect(fs.readdir('/kafka-logs')).not.toContain('.kafka_cleanshutdown');

    const events: StorageEvent[] = [];
    const next = await LogDir.open({ ...options(fs), onEvent: (e) => events.push(e) });
    expect(next).toMatchObject({ hadCleanShutdown: false, previousBrokerEpoch: -1 });
    expect(next.logDir.get('a', 0)?.logEndOffset).toBe(3);
    expect(events.map((e) => e.kind)).toEqual(['tailTruncated']);
    expect(next.logDir.get('b', 0)?.logEndOffset).toBe(2);
    // Every log recovered: this stop is clean.
    await next.logDir.close(8);
    expect((await LogDir.open(options(fs))).previousBrokerEpoch).toBe(8);
  });

  it('checkpoints recovery points so recovery skips segments known to be synced', async () => {
    const fs = new MemoryFileSystem();
    const { logDir } = await LogDir.open(options(fs));
    await fill(logDir, 'a', 20);
    const log = logDir.get('a', 0);
    await log?.flush();
    await logDir.checkpoint();
    expect(fs.readFile('/kafka-logs/recovery-point-offset-checkpoint').toString()).toBe('0\n1\na 0 20\n');
    // Damage the first segment: below the recovery point it is trusted, so the log still opens.
    const handle = fs.open('/kafka-logs/a-0/00000000000000000000.log');
    handle.write(Buffer.from([0xff]), 100);
    await handle.sync();
    fs.crash();
    const reopened = await LogDir.open(options(fs));
    expect(reopened.logDir.get('a', 0)?.logEndOffset).toBe(20);
    await fs.writeFileAtomic('/kafka-logs/recovery-point-offset-checkpoint', Buffer.from('0\n0\n'));
    // Without the recovery point the damage is found: the log stays offline, the directory opens.
    const events: StorageEvent[] = [];
    const damaged = await LogDir.open({ ...options(fs), onEvent: (e) => events.push(e) });
    let failure: unknown;
    try {
      damaged.logDir.get('a', 0);
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(LogOfflineError);
    expect((failure as LogOfflineError).cause).toMatchObject({ code: 'CORRUPT_SEGMENT', path: '/kafka-logs/a-0/00000000000000000000.log' });
    expect(events).toEqual([expect.objectContaining({ kind: 'logOpenFailed', dir: '/kafka-logs/a-0' })]);
    // Not recovered, so no clean stop: the next start tries again, from the start of the log.
    await damaged.logDir.close();
    expect(fs.readdir('/kafka-logs')).not.toContain('.kafka_cleanshutdown');
  });

  it('deletes a partition without flushing it: none of its files is synced for data about to go', async () => {
    const fs = new SyncRecorder();
    const { logDir } = await LogDir.open(options(fs));
    await fill(logDir, 'a', 3);
    fs.synced.length = 0;
    await logDir.delete('a', 0);
    expect(logDir.partitions()).toEqual([]);
    expect(fs.synced.filter((path) => path.includes('/a-0'))).toEqual([]);
    expect(fs.readdir('/kafka-logs').filter((n) => n.startsWith('a-0'))).toEqual([]);
  });

  it('deletes a partition durably and finishes an interrupted deletion on open', async () => {
    const fs = new MemoryFileSystem();
    const { logDir } = await LogDir.open(options(fs));
    await fill(logDir, 'a', 3);
    await fill(logDir, 'b', 3);
    await logDir.delete('a', 0);
    fs.crash();
    expect(fs.readdir('/kafka-logs').filter((n) => n.includes('-0'))).toEqual(['b-0']);
    fs.mkdir('/kafka-logs/c-0.1f0-delete');
    await fs.syncDir('/kafka-logs');
    const reopened = await LogDir.open(options(fs));
    expect(reopened.logDir.partitions().map((l) => l.topic)).toEqual(['b']);
    expect(fs.readdir('/kafka-logs').filter((n) => n.includes('-0'))).toEqual(['b-0']);
  });

  it('flushes logs whose unflushed data is flush.ms old', async () => {
    const clock = new ManualClock();
    const fs = new MemoryFileSystem();
    const { logDir } = await LogDir.open(options(fs, testConfig({ flushMs: 1000 }), clock));
    await fill(logDir, 'a', 2);
    await fill(logDir, 'b', 0);
    expect(await logDir.flushDue()).toBe(0);
    clock.ms += 1000;
    expect(await logDir.flushDue()).toBe(1);
    expect(logDir.get('a', 0)?.unflushedMessages).toBe(0);
    expect(await logDir.flushDue()).toBe(0);
  });

  it('creates a log once when asked concurrently', async () => {
    const { logDir } = await LogDir.open(options(new MemoryFileSystem()));
    const [a, b] = await Promise.all([logDir.getOrCreate('t', 1), logDir.getOrCreate('t', 1)]);
    expect(a).toBe(b);
    expect(logDir.all()).toHaveLength(1);
  });

  it('runs retention over every log', async () => {
    const fs = new MemoryFileSystem();
    const { logDir } = await LogDir.open(options(fs, testConfig({ segmentBytes: 1024, retentionBytes: 1024 })));
    await fill(logDir, 'a', 20);
    const events = await logDir.deleteOldSegments();
    expect(events).toEqual([expect.objectContaining({ kind: 'segmentsDeleted', dir: '/kafka-logs/a-0', reason: 'retentionBytes' })]);
  });
});

describe('LogDir after a clean shutdown: logs open on first use', () => {
  async function cleanlyClosed(fs: MemoryFileSystem): Promise<void> {
    const { logDir } = await LogDir.open(options(fs));
    await fill(logDir, 'a', 20);
    await fill(logDir, 'b', 3);
    await logDir.get('a', 0)!.deleteRecordsBefore(7);
    await logDir.close();
  }

  it('lists the logs without opening them, and opens each once, as it was', async () => {
    const fs = new MemoryFileSystem();
    await cleanlyClosed(fs);
    const { logDir } = await LogDir.open(options(fs));
    expect(logDir.unopenedCount).toBe(2);
    expect(logDir.all()).toEqual([]);
    expect(logDir.has('a', 0) && logDir.has('b', 0) && !logDir.has('c', 0)).toBe(true);
    expect(logDir.partitions().map((p) => p.topic).sort()).toEqual(['a', 'b']);
    const a = logDir.get('a', 0)!;
    expect([a.logStartOffset, a.logEndOffset]).toEqual([7, 20]);
    expect(logDir.get('a', 0)).toBe(a);
    expect(await logDir.getOrCreate('a', 0)).toBe(a);
    expect(logDir.unopenedCount).toBe(1);
    // lazy: the open log itself, 'unopened' for one not open yet, nothing for a log it lacks.
    expect([logDir.lazy('a', 0) === a, logDir.lazy('b', 0), logDir.lazy('c', 0)]).toEqual([true, 'unopened', undefined]);
    expect(logDir.unopenedCount).toBe(1);
  });

  it('keeps the checkpointed offsets of unopened logs through checkpoints and a crash', async () => {
    const fs = new MemoryFileSystem();
    await cleanlyClosed(fs);
    const { logDir } = await LogDir.open(options(fs));
    await fill(logDir, 'b', 2);
    await logDir.checkpoint();
    expect(fs.readFile('/kafka-logs/log-start-offset-checkpoint').toString()).toBe('0\n2\nb 0 0\na 0 7\n');
    fs.crash();
    const reopened = await LogDir.open(options(fs));
    expect(reopened.hadCleanShutdown).toBe(false);
    const a = reopened.logDir.get('a', 0)!;
    expect([a.logStartOffset, a.logEndOffset]).toEqual([7, 20]);
  });

  it('deletes an unopened log without opening it', async () => {
    const fs = new MemoryFileSystem();
    await cleanlyClosed(fs);
    const { logDir } = await LogDir.open(options(fs));
    await logDir.delete('a', 0);
    expect(logDir.has('a', 0)).toBe(false);
    expect(fs.readdir('/kafka-logs').filter((n) => n.startsWith('a-'))).toEqual([]);
    expect(fs.readFile('/kafka-logs/log-start-offset-checkpoint').toString()).toBe('0\n1\nb 0 0\n');
  });

  it('takes a log that cannot be opened offline, with one event, and keeps serving the others', async () => {
    const fs = new MemoryFileSystem();
    await cleanlyClosed(fs);
    // A regular file where the partition directory was: listing it fails.
    for (const name of fs.readdir('/kafka-logs/b-0')) fs.unlink(`/kafka-logs/b-0/${name}`);
    fs.rmdir('/kafka-logs/b-0');
    fs.open('/kafka-logs/b-0', { create: true }).close();
    const events: string[] = [];
    const { logDir } = await LogDir.open({ ...options(fs), onEvent: (e) => events.push(e.kind) });
    expect(() => logDir.get('b', 0)).toThrow(/offline/);
    expect(() => logDir.get('b', 0)).toThrow(/offline/);
    expect(events).toEqual(['logOpenFailed']);
    expect(logDir.get('a', 0)!.logEndOffset).toBe(20);
  });

  it('opens over checkpoints naming the highest partition id and a directory no partition has', async () => {
    const fs = new MemoryFileSystem();
    await cleanlyClosed(fs);
    // A line for partition 2147483647 with its directory, and "a-07", which is not a-7's directory.
    fs.mkdir('/kafka-logs/big-2147483647');
    fs.mkdir('/kafka-logs/a-07');
    await fs.writeFileAtomic('/kafka-logs/recovery-point-offset-checkpoint', Buffer.from('0\n3\na 0 20\nb 0 3\nbig 2147483647 0\n'));
    const { logDir } = await LogDir.open(options(fs));
    expect(logDir.partitions().map((p) => `${p.topic}-${p.partition}`).sort()).toEqual(['a-0', 'b-0', 'big-2147483647']);
    expect([logDir.has('a', 7), logDir.get('big', 2147483647)!.logEndOffset]).toEqual([false, 0]);
    await logDir.close();
    expect(fs.readFile('/kafka-logs/recovery-point-offset-checkpoint').toString()).toContain('big 2147483647 0\n');
  });

  it('lists what the directory holds, whatever the checkpoints name, and survives a malformed one', async () => {
    const fs = new MemoryFileSystem();
    await cleanlyClosed(fs);
    // b's directory gone, c's new: the checkpoints name a and b.
    for (const name of fs.readdir('/kafka-logs/b-0')) fs.unlink(`/kafka-logs/b-0/${name}`);
    fs.rmdir('/kafka-logs/b-0');
    fs.mkdir('/kafka-logs/c-0');
    const { logDir } = await LogDir.open(options(fs));
    expect(logDir.partitions().map((p) => p.topic).sort()).toEqual(['a', 'c']);
    expect([logDir.has('b', 0), logDir.unopenedCount]).toEqual([false, 2]);
    expect([logDir.get('a', 0)!.logStartOffset, logDir.get('c', 0)!.logEndOffset]).toEqual([7, 0]);
    await logDir.close();
    // A malformed checkpoint is an event, and its offsets are unknown: a's start comes from its files.
    await fs.writeFileAtomic('/kafka-logs/log-start-offset-checkpoint', Buffer.from('0\n2\na 0\n'));
    const again = await LogDir.open(options(fs));
    expect(again.events.map((e) => e.kind)).toContain('checkpointMalformed');
    expect(again.logDir.partitions().map((p) => p.topic).sort()).toEqual(['a', 'c']);
    expect(again.logDir.get('a', 0)!.logEndOffset).toBe(20);
    expect(again.logDir.get('a', 0)!.logStartOffset).toBeLessThanOrEqual(7);
  });
});

/** Lists the log directory on a later turn, as the Node file system does on its thread pool, and
 * records what was read meanwhile; `failList` and `failRead` make the listing or a file read fail. */
class ListingLater extends MemoryFileSystem {
  readonly steps: string[] = [];
  failList = false;
  failRead: string | undefined;

  async readdirAsync(path: string): Promise<string[]> {
    this.steps.push('listing');
    await new Promise((resolve) => setImmediate(resolve));
    this.steps.push('listed');
    if (this.failList) throw new FileSystemError('EIO', 'readdir', path);
    return this.readdir(path);
  }

  override readFile(path: string): Buffer {
    if (path === this.failRead) throw new FileSystemError('EIO', 'read', path);
    this.steps.push(`read ${path.slice(path.lastIndexOf('/') + 1)}`);
    return super.readFile(path);
  }
}

describe('LogDir on a file system that lists on its thread pool', () => {
  async function closedWithChanges(fs: ListingLater): Promise<void> {
    const { logDir } = await LogDir.open(options(fs));
    await fill(logDir, 'a', 20);
    await fill(logDir, 'b', 3);
    await logDir.close();
    // b's directory gone, c's new, and a deletion a crash interrupted.
    for (const name of fs.readdir('/kafka-logs/b-0')) fs.unlink(`/kafka-logs/b-0/${name}`);
    fs.rmdir('/kafka-logs/b-0');
    fs.mkdir('/kafka-logs/c-0');
    fs.mkdir('/kafka-logs/d-0.1f0-delete');
    await fs.syncDir('/kafka-logs');
    fs.steps.length = 0;
  }

  it('reads the checkpoints while the directory is listed, and finds what it holds', async () => {
    const fs = new ListingLater();
    await closedWithChanges(fs);
    const { logDir } = await LogDir.open(options(fs));
    const listed = fs.steps.indexOf('listed');
    expect(fs.steps.indexOf('listing')).toBe(0);
    expect(fs.steps.slice(1, listed).filter((s) => s.endsWith('checkpoint'))).toEqual(
      ['read log-start-offset-checkpoint', 'read recovery-point-offset-checkpoint']);
    expect(logDir.partitions().map((p) => p.topic).sort()).toEqual(['a', 'c']);
    expect([logDir.has('b', 0), logDir.get('a', 0)!.logEndOffset]).toEqual([false, 20]);
    expect(fs.readdir('/kafka-logs').filter((n) => n.endsWith('-delete'))).toEqual([]);
  });

  it('fails to open with a listing that fails, and with its own error where a checkpoint cannot be read first', async () => {
    const fs = new ListingLater();
    await closedWithChanges(fs);
    fs.failList = true;
    await expect(LogDir.open(options(fs))).rejects.toThrow(/readdir/);
    // The listing fails after the opening gave up: handled, not an unhandled rejection.
    fs.failRead = '/kafka-logs/recovery-point-offset-checkpoint';
    await expect(LogDir.open(options(fs))).rejects.toThrow(/read .*recovery-point-offset-checkpoint/);
    await new Promise((resolve) => setImmediate(resolve));
    expect(fs.steps.at(-1)).toBe('listed');
    fs.failList = false;
    fs.failRead = undefined;
    const { logDir } = await LogDir.open(options(fs));
    expect(logDir.partitions().map((p) => p.topic).sort()).toEqual(['a', 'c']);
  });
});
