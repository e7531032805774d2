import { describe, expect, it } from 'vitest';
import { CorruptSegmentError } from '../../../storage/errors.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import type { PartitionLog } from '../../../storage/partition-log.js';
import { encodeTestBatch, splitBatches } from '../../helpers/storage-batches.js';
import { PARTITION_DIR, createTestLog, readAllBatches, reopenTestLog, testConfig } from '../../helpers/storage-logs.js';

const config = testConfig({ segmentBytes: 4096 });

function segmentPath(base: number, suffix = '.log'): string {
  return `${PARTITION_DIR}/${String(base).padStart(20, '0')}${suffix}`;
}

async function filledLog(fs: MemoryFileSystem, batches = 40): Promise<PartitionLog> {
  const log = await createTestLog(fs, config);
  for (let i = 0; i < batches; i++) {
    const batch = encodeTestBatch({ recordCount: 2, valueBytes: 120, baseTimestampMs: 1000 + i, fill: i });
    await log.append(batch, { leaderEpoch: 1 + (i >> 4) });
  }
  await log.flush();
  return log;
}

function allRecords(log: PartitionLog): Buffer {
  return Buffer.concat(readAllBatches(log).map((b) => b.bytes));
}

function corrupt(fs: MemoryFileSystem, path: string, position: number, bytes: number[]): void {
  const handle = fs.open(path);
  handle.write(Buffer.from(bytes), position);
  handle.close();
}

describe('recovery after an unclean shutdown', () => {
  it('keeps everything written before a kill -9 (the page cache survives a process crash)', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, config);
    for (let i = 0; i < 25; i++) await log.append(encodeTestBatch({ valueBytes: 200 }), { leaderEpoch: 0 });
    const before = allRecords(log);
    const { log: again, events } = await reopenTestLog(fs, config, { hadCleanShutdown: false });
    expect(events).toEqual([]);
    expect(again.logEndOffset).toBe(25);
    expect(allRecords(again)).toEqual(before);
  });

  it('truncates a torn write at the tail of the last segment with one event', async () => {
    const fs = new MemoryFileSystem();
    const log = await filledLog(fs);
    const lastBase = log.segmentBaseOffsets().at(-1) as number;
    const before = allRecords(log);
    const size = fs.stat(segmentPath(lastBase))?.size as number;
    const torn = encodeTestBatch({ recordCount: 2, valueBytes: 120 }).subarray(0, 70);
    corrupt(fs, segmentPath(lastBase), size, [...torn]);
    const { log: again, events } = await reopenTestLog(fs, config, { hadCleanShutdown: false });
    expect(events).toEqual([
      {
        kind: 'tailTruncated',
        path: segmentPath(lastBase),
        position: size,
        truncatedBytes: 70,
        reason: expect.stringContaining('runs past the end'),
      },
    ]);
    expect(fs.stat(segmentPath(lastBase))?.size).toBe(size);
    expect(again.logEndOffset).toBe(80);
    expect(allRecords(again)).toEqual(before);
    expect((await again.append(encodeTestBatch(), { leaderEpoch: 3 })).baseOffset).toBe(80);
  });

  it('truncates at the first batch failing its CRC in the last segment', async () => {
    const fs = new MemoryFileSystem();
    const log = await filledLog(fs);
    const lastBase = log.segmentBaseOffsets().at(-1) as number;
    const batches = splitBatches(allRecords(log)).filter((b) => b.baseOffset >= lastBase);
    const victim = batches[2];
    const victimPosition = (batches[0]?.bytes.length as number) * 2;
    corrupt(fs, segmentPath(lastBase), victimPosition + 100, [0xff, 0xee]);
    const { log: again, events } = await reopenTestLog(fs, config, { hadCleanShutdown: false });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'tailTruncated', position: victimPosition, reason: expect.stringContaining('crc') });
    expect(again.logEndOffset).toBe(victim?.baseOffset);
  });

  it('reports a corrupt batch in an older segment, naming the file and position', async () => {
    const fs = new MemoryFileSystem();
    const log = await filledLog(fs);
    const [first] = log.segmentBaseOffsets();
    const batchBytes = splitBatches(allRecords(log))[0]?.bytes.length as number;
    corrupt(fs, segmentPath(first as number), batchBytes * 3 + 80, [0x00, 0x01]);
    const opening = reopenTestLog(fs, config, { hadCleanShutdown: false });
    await expect(opening).rejects.toBeInstanceOf(CorruptSegmentError);
    await expect(opening).rejects.toMatchObject({ path: segmentPath(first as number), position: batchBytes * 3 });
    await expect(opening).rejects.toThrow(/corrupt record batch in .*00000000000000000000\.log at position \d+: crc/);
  });

  it('recovers only from the segment holding the recovery point', async () => {
    const fs = new MemoryFileSystem();
    const log = await filledLog(fs);
    const bases = log.segmentBaseOffsets();
    const batchBytes = splitBatches(allRecords(log))[0]?.bytes.length as number;
    corrupt(fs, segmentPath(bases[0] as number), batchBytes + 80, [0x00]);
    const { log: again } = await reopenTestLog(fs, config, { hadCleanShutdown: false, recoveryPoint: bases[1] });
    expect(again.logEndOffset).toBe(80);
  });

  it('rebuilds a missing index, byte for byte, and reports it', async () => {
    const fs = new MemoryFileSystem();
    const log = await filledLog(fs);
    await log.close();
    const [first] = log.segmentBaseOffsets();
    const original = fs.readFile(segmentPath(first as number, '.index'));
    const originalTime = fs.readFile(segmentPath(first as number, '.timeindex'));
    expect(original.length).toBeGreaterThan(0);
    fs.unlink(segmentPath(first as number, '.index'));
    const { events } = await reopenTestLog(fs, config, { hadCleanShutdown: true });
    expect(events).toEqual([{ kind: 'indexesRebuilt', path: segmentPath(first as number) }]);
    expect(fs.readFile(segmentPath(first as number, '.index'))).toEqual(original);
    expect(fs.readFile(segmentPath(first as number, '.timeindex'))).toEqual(originalTime);
  });

  it('rebuilds an index that fails its sanity check', async () => {
    const fs = new MemoryFileSystem();
    const log = await filledLog(fs);
    await log.close();
    const [first] = log.segmentBaseOffsets();
    const path = segmentPath(first as number, '.index');
    const original = fs.readFile(path);
    corrupt(fs, path, 4, [0x7f, 0, 0, 0]);
    const { events } = await reopenTestLog(fs, config, { hadCleanShutdown: true });
    expect(events.map((e) => e.kind)).toEqual(['indexesRebuilt']);
    expect(fs.readFile(path)).toEqual(original);
  });

  it('rebuilds leader epochs from the batches when the checkpoint is gone', async () => {
    const fs = new MemoryFileSystem();
    const log = await filledLog(fs);
    const epochs = log.epochEntries();
    expect(epochs.length).toBe(3);
    await log.close();
    fs.unlink(`${PARTITION_DIR}/leader-epoch-checkpoint`);
    const { log: again } = await reopenTestLog(fs, config, { hadCleanShutdown: true });
    expect(again.epochEntries()).toEqual(epochs);
  });

  it('re-derives leader epochs the checkpoint missed for recovered segments', async () => {
    const fs = new MemoryFileSystem();
    const log = await filledLog(fs);
    await log.close();
    const checkpoint = `${PARTITION_DIR}/leader-epoch-checkpoint`;
    expect(fs.readFile(checkpoint).toString()).toBe('0\n3\n1 0\n2 32\n3 64\n');
    await fs.writeFileAtomic(checkpoint, Buffer.from('0\n1\n1 0\n'));
    const { log: again } = await reopenTestLog(fs, config, { hadCleanShutdown: false });
    expect(again.epochEntries()).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 32 }, { epoch: 3, startOffset: 64 }]);
  });
});
