// After a crash the runtime's background opening recovers each log a slice at a time
// (LogDir.prepare), so a log with much to scan does not hold the event loop for all of it. The
// log it opens is the one an opening at once gives; a get(), a deletion or the close meanwhile
// finishes the scan; a crash in the middle of it leaves a log the next start recovers again.
import { describe, expect, it } from 'vitest';
import { LogDir, RECOVERY_SLICE_BYTES, type LogDirOptions } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import type { StorageEvent } from '../../../storage/storage-events.js';
import { readAll } from '../../helpers/compaction.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';
import { ManualClock, appendTornBatch, testConfig } from '../../helpers/storage-logs.js';

const BATCH_BYTES = 512 * 1024;
/** Enough batches for three slices and a part. */
const BATCHES = Math.ceil((3.5 * RECOVERY_SLICE_BYTES) / BATCH_BYTES);
const TOPIC_ID = 'AAAAAAAAAAAAAAAAAAAAAQ';

function options(fs: MemoryFileSystem, onEvent?: (e: StorageEvent) => void): LogDirOptions {
  return { fs, path: '/kafka-logs', nowMs: new ManualClock().nowMs, configFor: () => testConfig({ segmentBytes: 1 << 30 }), onEvent };
}

/** A log of BATCHES large batches and a small one, synced, then half a batch torn at its end by a
 * crash; and a small log beside it. */
async function crashed(): Promise<MemoryFileSystem> {
  const fs = new MemoryFileSystem();
  const { logDir } = await LogDir.open(options(fs));
  const big = await logDir.getOrCreate('big', 0, undefined, TOPIC_ID);
  for (let i = 0; i < BATCHES; i++) await big.append(encodeTestBatch({ valueBytes: BATCH_BYTES, fill: 0x61 + (i % 26) }), { leaderEpoch: i < 3 ? 0 : 1 });
  await big.append(encodeTestBatch({ valueBytes: 10 }), { leaderEpoch: 1 });
  await big.flush();
  const small = await logDir.getOrCreate('small', 0, undefined, TOPIC_ID);
  await small.append(encodeTestBatch({ valueBytes: 10 }), { leaderEpoch: 0 });
  await small.flush();
  await appendTornBatch(fs, '/kafka-logs/big-0/00000000000000000000.log');
  fs.crash();
  return fs;
}

/** Prepares 'big' one slice per call until it is open; returns how many calls said "not yet". */
function prepareBySlices(logDir: LogDir): number {
  let pending = 0;
  while (!logDir.prepare('big', 0, TOPIC_ID)) {
    pending++;
    expect(logDir.lazy('big', 0)).toBe('unopened');
  }
  return pending;
}

describe('LogDir.prepare after a crash', () => {
  it('recovers a log a slice at a time into the log an opening at once gives', async () => {
    const fs = await crashed();
    const events: StorageEvent[] = [];
    const { logDir } = await LogDir.open(options(fs, (e) => events.push(e)));
    expect(prepareBySlices(logDir)).toBe(Math.ceil((BATCHES * BATCH_BYTES) / RECOVERY_SLICE_BYTES) - 1);
    expect(events.map((e) => e.kind)).toEqual(['tailTruncated']);
    const sliced = logDir.get('big', 0)!;
    expect(sliced.logEndOffset).toBe(BATCHES + 1);
    const slicedRecords = readAll(sliced);
    const slicedEpochs = sliced.epochEntries();

    const whole = (await LogDir.open(options(await crashed()))).logDir.get('big', 0)!;
    expect(readAll(whole)).toEqual(slicedRecords);
    expect(slicedRecords).toHaveLength(BATCHES + 1);
    expect(slicedEpochs).toEqual(whole.epochEntries());
    // Its indexes were rebuilt as the slices went: a read from the middle finds its batch.
    expect(readAll(sliced).length).toBe(BATCHES + 1);
    const middle = sliced.read(BATCHES - 2, 1 << 20);
    expect('records' in middle && middle.records.length).toBeGreaterThan(BATCH_BYTES);
    // And it takes appends after the recovered end.
    await sliced.append(encodeTestBatch({ valueBytes: 10 }), { leaderEpoch: 2 });
    expect(sliced.logEndOffset).toBe(BATCHES + 2);
  });

  it('finishes the scan at once for a get() in the middle of it, once', async () => {
    const events: StorageEvent[] = [];
    const { logDir } = await LogDir.open(options(await crashed(), (e) => events.push(e)));
    expect(logDir.prepare('big', 0, TOPIC_ID)).toBe(false);
    expect(logDir.get('big', 0)!.logEndOffset).toBe(BATCHES + 1);
    expect(logDir.prepare('big', 0, TOPIC_ID)).toBe(true);
    expect(events.map((e) => e.kind)).toEqual(['tailTruncated']);
    expect(logDir.unopenedCount).toBe(1);
  });

  it('deletes a log in the middle of its recovery, and closes cleanly with one in the middle', async () => {
    const fs = await crashed();
    const { logDir } = await LogDir.open(options(fs));
    expect(logDir.prepare('big', 0, TOPIC_ID)).toBe(false);
    await logDir.delete('big', 0);
    expect(logDir.has('big', 0)).toBe(false);
    expect(fs.readdir('/kafka-logs').filter((n) => n.startsWith('big-0') && !n.endsWith('-delete'))).toEqual([]);

    const fs2 = await crashed();
    const second = await LogDir.open(options(fs2));
    expect(second.logDir.prepare('big', 0, TOPIC_ID)).toBe(false);
    second.logDir.get('small', 0);
    await second.logDir.close(5);
    // Every log recovered (the one in the middle finished at the close): the stop was clean.
    const third = await LogDir.open(options(fs2));
    expect(third.previousBrokerEpoch).toBe(5);
    expect(third.logDir.get('big', 0)!.logEndOffset).toBe(BATCHES + 1);
  });

  it('recovers again after a crash in the middle of a recovery', async () => {
    const fs = await crashed();
    const { logDir } = await LogDir.open(options(fs));
    expect(logDir.prepare('big', 0, TOPIC_ID)).toBe(false);
    expect(logDir.prepare('big', 0, TOPIC_ID)).toBe(false);
    fs.crash();
    const events: StorageEvent[] = [];
    const again = await LogDir.open(options(fs, (e) => events.push(e)));
    expect(again.hadCleanShutdown).toBe(false);
    prepareBySlices(again.logDir);
    const big = again.logDir.get('big', 0)!;
    expect(big.logEndOffset).toBe(BATCHES + 1);
    expect(readAll(big)).toHaveLength(BATCHES + 1);
    expect(again.logDir.get('small', 0)!.logEndOffset).toBe(1);
  });

  it('takes a log offline when a slice finds an older segment corrupt; get() then throws', async () => {
    const fs = new MemoryFileSystem();
    const { logDir } = await LogDir.open({ ...options(fs), configFor: () => testConfig({ segmentBytes: 3 * RECOVERY_SLICE_BYTES }) });
    const big = await logDir.getOrCreate('big', 0, undefined, TOPIC_ID);
    for (let i = 0; i < BATCHES; i++) await big.append(encodeTestBatch({ valueBytes: BATCH_BYTES }), { leaderEpoch: 0 });
    await big.flush();
    // A flipped byte in the first (synced, older) segment, in its third slice.
    const first = fs.open('/kafka-logs/big-0/00000000000000000000.log');
    const at = 2.5 * RECOVERY_SLICE_BYTES;
    const byte = Buffer.alloc(1);
    first.read(byte, at);
    byte[0] ^= 0xff;
    first.write(byte, at);
    await first.sync();
    first.close();
    // No checkpoint was written, so recovery scans every segment, the synced older one too.
    fs.crash();
    const events: string[] = [];
    const reopened = await LogDir.open({ ...options(fs, (e) => events.push(e.kind)), configFor: () => testConfig({ segmentBytes: 3 * RECOVERY_SLICE_BYTES }) });
    // Found by the third slice (a slice also checks the batch that crosses its end).
    expect(reopened.logDir.prepare('big', 0, TOPIC_ID)).toBe(false);
    expect(reopened.logDir.prepare('big', 0, TOPIC_ID)).toBe(false);
    expect(reopened.logDir.prepare('big', 0, TOPIC_ID)).toBe(true);
    expect(events).toEqual(['logOpenFailed']);
    expect(() => reopened.logDir.get('big', 0)).toThrow(/offline/);
  });
});
