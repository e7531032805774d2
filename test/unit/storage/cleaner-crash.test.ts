// Power cut at every file-system step of a cleaning (in-memory file system, seeded torn writes):
// the log reopens with exactly the records it had or the cleaned ones, never fewer latest values,
// never a duplicate offset. Replay one seed: CLEANER_CRASH_SEED=<seed> npx vitest run <this file>
import { describe, expect, it } from 'vitest';
import { FileSystemError } from '../../../storage/errors.js';
import { PARTITION_DIR } from '../../helpers/storage-logs.js';
import type { FileHandle, FileStat, FileSystem } from '../../../storage/file-system.js';
import { LogCleanerManager } from '../../../storage/log-cleaner-manager.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { COMPACTION, keyedBatch, latestByKey, markerBatch, readAll, type ReadRecord } from '../../helpers/compaction.js';
import { seededRandom } from '../../helpers/storage-batches.js';
import { ManualClock, createTestLog, reopenTestLog, testConfig } from '../../helpers/storage-logs.js';

/** Cuts the power at its `dieAt`-th mutating call (and fails every call after it). */
class DyingFileSystem implements FileSystem {
  ops = 0;
  dieAt = Infinity;
  private dead = false;
  private onDeath: () => void = () => {};
  readonly died = new Promise<'died'>((resolve) => {
    this.onDeath = () => resolve('died');
  });

  constructor(readonly mem: MemoryFileSystem, private readonly random: () => number) {}

  /** Or at the first call this says yes to. */
  dieWhen: (op: string, path: string) => boolean = () => false;

  step(op: string, path: string): void {
    if (this.dead) throw new FileSystemError('EIO', op, path);
    if (++this.ops < this.dieAt && !this.dieWhen(op, path)) return;
    this.dead = true;
    this.mem.crash({ random: this.random });
    this.onDeath();
    throw new FileSystemError('EIO', op, path);
  }

  open(path: string, options?: { create?: boolean }): FileHandle {
    this.step('open', path);
    const inner = this.mem.open(path, options);
    return {
      write: (data, position) => {
        this.step('write', path);
        inner.write(data, position);
      },
      writev: async (chunks, position) => {
        this.step('write', path);
        await inner.writev(chunks, position);
      },
      read: (target, position) => inner.read(target, position),
      size: () => inner.size(),
      truncate: (length) => {
        this.step('truncate', path);
        inner.truncate(length);
      },
      sync: () => {
        this.step('sync', path);
        return inner.sync();
      },
      close: () => inner.close(),
    };
  }

  readFile(path: string): Buffer {
    return this.mem.readFile(path);
  }

  async writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
    this.step('writeFileAtomic', path);
    return this.mem.writeFileAtomic(path, data);
  }

  stat(path: string): FileStat | undefined {
    return this.mem.stat(path);
  }

  readdir(path: string): string[] {
    return this.mem.readdir(path);
  }

  mkdir(path: string): void {
    this.step('mkdir', path);
    this.mem.mkdir(path);
  }

  rename(fromPath: string, toPath: string): void {
    this.step('rename', fromPath);
    this.mem.rename(fromPath, toPath);
  }

  unlink(path: string): void {
    this.step('unlink', path);
    this.mem.unlink(path);
  }

  async unlinkAsync(path: string): Promise<void> {
    this.unlink(path);
  }

  rmdir(path: string): void {
    this.step('rmdir', path);
    this.mem.rmdir(path);
  }

  syncDir(path: string): Promise<void> {
    this.step('syncDir', path);
    return this.mem.syncDir(path);
  }
}

const config = testConfig({ segmentBytes: 1024, compaction: COMPACTION });

/** A log of updates and tombstones over 8 keys, flushed, on a file system that can die. */
async function preparedLog(fs: DyingFileSystem, clock: ManualClock) {
  const log = await createTestLog(fs, config, clock);
  // An aborted transaction first: its data goes, its marker and index entry stay until the horizon.
  await log.append(keyedBatch([{ key: 'k0', value: 'aborted' }], clock.ms, { txn: { producerId: 9, baseSequence: 0 } }), { leaderEpoch: 0 });
  await log.append(markerBatch(9, false, clock.ms), { leaderEpoch: 0 });
  for (let round = 0; round < 40; round++) {
    const records = Array.from({ length: 3 }, (_, i) => {
      const key = `k${(round * 3 + i) % 8}`;
      return { key, value: round % 7 === 6 && i === 0 ? null : `v${round}-${i}` };
    });
    await log.append(keyedBatch(records, clock.ms), { leaderEpoch: 0 });
    clock.ms += 5;
  }
  await log.flush();
  log.updateHighWatermark(log.logEndOffset);
  return log;
}

function checkRecovered(recovered: ReadRecord[], original: ReadRecord[], where: string): void {
  const byOffset = new Map(original.map((r) => [r.offset, r]));
  let last = -1;
  for (const r of recovered) {
    expect(r.offset, `${where}: offsets increase (no duplicate)`).toBeGreaterThan(last);
    expect(r, `${where}: record at ${r.offset} is the original`).toEqual(byOffset.get(r.offset));
    last = r.offset;
  }
  const latest = latestByKey(original);
  const recoveredLatest = latestByKey(recovered);
  for (const [key, value] of latest) {
    // A tombstone may be gone with its key; a value never.
    if (value !== null) expect(recoveredLatest.get(key), `${where}: latest value of ${key}`).toBe(value);
  }
}

describe('log cleaner: power cut at every step of a cleaning', () => {
  const seeds = process.env.CLEANER_CRASH_SEED ? [Number(process.env.CLEANER_CRASH_SEED)] : [1, 2];
  for (const seed of seeds) {
    it(`loses nothing and duplicates nothing (seed ${seed})`, async () => {
      let steps = 0;
      for (let dieAt = 1; ; dieAt++) {
        const clock = new ManualClock();
        const fs = new DyingFileSystem(new MemoryFileSystem(), seededRandom(seed * 1000 + dieAt));
        const log = await preparedLog(fs, clock);
        const original = readAll(log);
        const endOffset = log.logEndOffset;
        fs.ops = 0;
        fs.dieAt = dieAt;
        const cleaning = new LogCleanerManager({ maxMapEntries: 1000 }).cleanOnce([log], clock.ms).then(() => 'done' as const, () => 'failed' as const);
        const outcome = await Promise.race([cleaning, fs.died]);
        const where = `seed ${seed}, power cut at step ${dieAt} (replay: CLEANER_CRASH_SEED=${seed})`;
        if (outcome !== 'died') {
          expect(outcome, where).toBe('done');
          steps = dieAt - 1;
          fs.mem.crash();
        }
        const { log: reopened } = await reopenTestLog(fs.mem, config, { hadCleanShutdown: false, clock });
        reopened.updateHighWatermark(reopened.logEndOffset);
        expect(reopened.logEndOffset, where).toBe(endOffset);
        const recovered = readAll(reopened);
        checkRecovered(recovered, original, where);
        // An abort a read_committed fetch is told of has its marker in the log.
        const offsets = new Set(recovered.map((r) => r.offset));
        for (const txn of reopened.abortedTransactions(0, endOffset)) expect(offsets.has(txn.lastOffset), where).toBe(true);
        if (outcome !== 'died') break;
      }
      expect(steps).toBeGreaterThan(10);
    });
  }
});

describe('log cleaner: a decided swap', () => {
  it('is completed at load when the replaced segments are partly gone (some of their removals reached the disk, the swap files\' renames did not)', async () => {
    const clock = new ManualClock();
    const fs = new DyingFileSystem(new MemoryFileSystem(), seededRandom(7));
    const log = await preparedLog(fs, clock);
    const original = readAll(log);
    const endOffset = log.logEndOffset;
    // Dies as the first replaced segment is removed (renamed to .deleted): the .swap files are
    // durable, the old ones too.
    fs.dieWhen = (op, path) => op === 'rename' && path.endsWith('.log');
    void new LogCleanerManager({ maxMapEntries: 1000 }).cleanOnce([log], clock.ms).catch(() => undefined);
    await fs.died;
    const names = fs.mem.readdir(PARTITION_DIR);
    const swap = names.find((n) => n.endsWith('.log.swap'));
    expect(swap).toBeDefined();
    // A disk that kept some unlinks of the swap: every replaced segment but the first is gone.
    const swapBase = Number((swap as string).slice(0, 20));
    const doomed = names.filter((n) => n.endsWith('.log') && Number(n.slice(0, 20)) > swapBase).slice(0, 2);
    expect(doomed.length).toBeGreaterThan(0);
    for (const name of doomed) fs.mem.unlink(`${PARTITION_DIR}/${name}`);
    await fs.mem.syncDir(PARTITION_DIR);
    const { log: reopened } = await reopenTestLog(fs.mem, config, { hadCleanShutdown: false, clock });
    reopened.updateHighWatermark(reopened.logEndOffset);
    expect(reopened.logEndOffset).toBe(endOffset);
    checkRecovered(readAll(reopened), original, 'partly applied swap');
    expect(fs.mem.readdir(PARTITION_DIR).filter((n) => n.includes('.swap') || n.includes('.cleaned'))).toEqual([]);
  });
});
