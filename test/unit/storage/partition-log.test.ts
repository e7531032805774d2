import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { UnexpectedAppendOffsetError } from '../../../storage/errors.js';
import type { PartitionLog } from '../../../storage/partition-log.js';
import { batchOfSize, encodeTestBatch, splitBatches } from '../../helpers/storage-batches.js';
import { ManualClock, createTestLog, reopenTestLog, testConfig } from '../../helpers/storage-logs.js';

function records(log: PartitionLog, fetchOffset: number, maxBytes = 1 << 20, maxOffset?: number): Buffer {
  const result = log.read(fetchOffset, maxBytes, maxOffset);
  if (result.errorCode !== ErrorCode.NONE) throw new Error(`read error ${result.errorCode}`);
  return result.records;
}

async function appendMany(log: PartitionLog, count: number, size = 300, recordCount = 1): Promise<void> {
  for (let i = 0; i < count; i++) {
    await log.append(encodeTestBatch({ recordCount, valueBytes: size, fill: i & 0xff }), { leaderEpoch: 0 });
  }
}

describe('PartitionLog append and read', () => {
  it('assigns offsets to whole batches, rewrites base offsets in place and stamps the epoch', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig());
    const first = encodeTestBatch({ recordCount: 3, baseOffset: 77 });
    const second = encodeTestBatch({ recordCount: 2 });
    const a = await log.append(first, { leaderEpoch: 4 });
    const b = await log.append(second, { leaderEpoch: 4 });
    expect(a).toMatchObject({ baseOffset: 0, lastOffset: 2, logAppendTimeMs: -1, logStartOffset: 0 });
    expect(b).toMatchObject({ baseOffset: 3, lastOffset: 4 });
    expect(first.readBigInt64BE(0)).toBe(0n);
    expect(second.readInt32BE(12)).toBe(4);
    expect(log.logEndOffset).toBe(5);
    expect(records(log, 0)).toEqual(Buffer.concat([first, second]));
  });

  it('assigns consecutive offsets to several batches of one append', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig());
    const batches = Buffer.concat([encodeTestBatch({ recordCount: 2 }), encodeTestBatch({ recordCount: 5 })]);
    const result = await log.append(batches, { leaderEpoch: 0 });
    expect(result).toMatchObject({ baseOffset: 0, lastOffset: 6 });
    expect(splitBatches(records(log, 0)).map((b) => [b.baseOffset, b.lastOffset])).toEqual([[0, 1], [2, 6]]);
  });

  it('reports the LogAppendTime stamped into the batch', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig());
    const result = await log.append(encodeTestBatch({ logAppendTime: true, baseTimestampMs: 5000 }), { leaderEpoch: 0 });
    expect(result.logAppendTimeMs).toBe(5000);
  });

  it('rejects malformed framing before writing anything', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig());
    const batch = encodeTestBatch();
    await expect(log.append(batch.subarray(0, batch.length - 1), { leaderEpoch: 0 })).rejects.toThrow(RangeError);
    await log.append(batch, { leaderEpoch: 0 });
    expect(log.logEndOffset).toBe(1);
  });

  it('reads from the batch holding fetchOffset, whole batches up to maxBytes, at least one', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig());
    await appendMany(log, 10, 300, 4);
    const size = encodeTestBatch({ recordCount: 4, valueBytes: 300 }).length;
    expect(splitBatches(records(log, 13)).map((b) => b.baseOffset)).toEqual([12, 16, 20, 24, 28, 32, 36]);
    expect(records(log, 13, 2 * size + 10).length).toBe(2 * size);
    expect(records(log, 13, 1).length).toBe(size);
    expect(records(log, 40).length).toBe(0);
  });

  it('reads no more than maxBytes into a larger lent buffer (a fetch\'s partition limit holds)', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig());
    await appendMany(log, 10, 300, 4);
    const size = encodeTestBatch({ recordCount: 4, valueBytes: 300 }).length;
    const into = Buffer.alloc(1 << 20);
    const read = (maxBytes: number): Buffer => {
      const result = log.read(0, maxBytes, log.logEndOffset, into);
      if (result.errorCode !== ErrorCode.NONE) throw new Error(`read: error ${result.errorCode}`);
      return result.records;
    };
    expect(read(2 * size + 10).length).toBe(2 * size);
    expect(read(2 * size + 10).buffer).toBe(into.buffer);
    expect(read(1).length).toBe(size);
  });

  it('stops below maxOffset (the high watermark for consumers)', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig());
    await appendMany(log, 5, 100, 2);
    expect(splitBatches(records(log, 0, 1 << 20, 6)).map((b) => b.lastOffset)).toEqual([1, 3, 5]);
    expect(records(log, 6, 1 << 20, 6).length).toBe(0);
  });

  it('answers OFFSET_OUT_OF_RANGE outside [logStartOffset, logEndOffset]', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig());
    await appendMany(log, 2);
    expect(log.read(3, 100).errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    expect(log.read(-1, 100).errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    expect(log.read(2, 100)).toEqual({ errorCode: ErrorCode.NONE, records: Buffer.alloc(0) });
  });

  it('follower appends keep offsets and epochs and must start at the log end offset', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig());
    const batches = Buffer.concat([
      encodeTestBatch({ baseOffset: 0, recordCount: 2, partitionLeaderEpoch: 1 }),
      encodeTestBatch({ baseOffset: 2, recordCount: 1, partitionLeaderEpoch: 3 }),
    ]);
    await log.appendAsFollower(batches);
    expect(log.logEndOffset).toBe(3);
    expect(log.epochEntries()).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 3, startOffset: 2 }]);
    await expect(log.appendAsFollower(encodeTestBatch({ baseOffset: 1 }))).rejects.toBeInstanceOf(UnexpectedAppendOffsetError);
    await log.appendAsFollower(encodeTestBatch({ baseOffset: 3, partitionLeaderEpoch: 3 }));
    expect(log.logEndOffset).toBe(4);
  });
});

describe('PartitionLog segments', () => {
  it('rolls by segment.bytes and serves reads from one segment at a time', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig({ segmentBytes: 4096 }));
    await appendMany(log, 30, 300);
    const bases = log.segmentBaseOffsets();
    expect(bases.length).toBeGreaterThan(2);
    expect(bases[0]).toBe(0);
    const fromFirst = splitBatches(records(log, 0));
    expect(fromFirst.at(-1)?.lastOffset).toBe((bases[1] as number) - 1);
    expect(splitBatches(records(log, bases[1] as number))[0]?.baseOffset).toBe(bases[1]);
    for (let offset = 0; offset < 30; offset++) expect(splitBatches(records(log, offset, 1))[0]?.baseOffset).toBe(offset);
  });

  it('rolls by segment.ms measured from the first batch timestamp', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig({ segmentMs: 1000 }));
    await log.append(encodeTestBatch({ baseTimestampMs: 10_000 }), { leaderEpoch: 0 });
    await log.append(encodeTestBatch({ baseTimestampMs: 11_000 }), { leaderEpoch: 0 });
    expect(log.segmentBaseOffsets()).toEqual([0]);
    await log.append(encodeTestBatch({ baseTimestampMs: 11_001 }), { leaderEpoch: 0 });
    expect(log.segmentBaseOffsets()).toEqual([0, 2]);
  });

  it('rolls by segment.ms on the clock for batches without timestamps', async () => {
    const clock = new ManualClock(50_000);
    const log = await createTestLog(new MemoryFileSystem(), testConfig({ segmentMs: 1000 }), clock);
    await log.append(encodeTestBatch({ baseTimestampMs: -1, recordCount: 1 }), { leaderEpoch: 0 });
    clock.ms += 1000;
    await log.append(encodeTestBatch({ baseTimestampMs: -1 }), { leaderEpoch: 0 });
    expect(log.segmentBaseOffsets()).toEqual([0]);
    clock.ms += 1;
    await log.append(encodeTestBatch({ baseTimestampMs: -1 }), { leaderEpoch: 0 });
    expect(log.segmentBaseOffsets()).toEqual([0, 2]);
  });

  it('rolls when the offset index is full (segment.index.bytes)', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig({ segmentIndexBytes: 24, indexIntervalBytes: 100 }));
    await appendMany(log, 9, 100);
    // 3 offset entries fit and every batch after the first gets one: a segment holds 4 batches.
    expect(log.segmentBaseOffsets()).toEqual([0, 4, 8]);
  });

  it('finds offsets by timestamp and the max timestamp', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig({ segmentBytes: 2048 }));
    for (let i = 0; i < 20; i++) {
      await log.append(encodeTestBatch({ recordCount: 2, valueBytes: 200, baseTimestampMs: 1000 + i * 10 }), { leaderEpoch: 0 });
    }
    expect(log.segmentBaseOffsets().length).toBeGreaterThan(2);
    // Batch i holds offsets 2i, 2i+1 with timestamps 1000+10i, 1001+10i.
    expect(log.offsetForTimestamp(0)).toEqual({ timestampMs: 1001, offset: 0 });
    expect(log.offsetForTimestamp(1095)).toEqual({ timestampMs: 1101, offset: 20 });
    expect(log.offsetForTimestamp(1100)).toEqual({ timestampMs: 1101, offset: 20 });
    expect(log.offsetForTimestamp(1191)).toEqual({ timestampMs: 1191, offset: 38 });
    expect(log.offsetForTimestamp(1192)).toBeUndefined();
    expect(log.maxTimestampAndOffset()).toEqual({ timestampMs: 1191, offset: 39 });
    const picked = log.offsetForTimestamp(1101, (_batch, target) => ({ timestampMs: target, offset: 21 }));
    expect(picked).toEqual({ timestampMs: 1101, offset: 21 });
  });
});

describe('PartitionLog truncation, DeleteRecords and retention', () => {
  it('truncateTo removes later batches and segments, epochs and high watermark follow', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, testConfig({ segmentBytes: 2048 }));
    for (let epoch = 0; epoch < 3; epoch++) {
      for (let i = 0; i < 10; i++) await log.append(encodeTestBatch({ valueBytes: 200 }), { leaderEpoch: epoch });
    }
    log.updateHighWatermark(30);
    expect(log.epochEntries()).toEqual([{ epoch: 0, startOffset: 0 }, { epoch: 1, startOffset: 10 }, { epoch: 2, startOffset: 20 }]);
    await log.truncateTo(12);
    expect(log.logEndOffset).toBe(12);
    expect(log.highWatermark).toBe(12);
    expect(log.epochEntries()).toEqual([{ epoch: 0, startOffset: 0 }, { epoch: 1, startOffset: 10 }]);
    expect(log.segmentBaseOffsets().every((b) => b <= 12)).toBe(true);
    expect(fs.readdir('/data/orders-0').filter((n) => n.endsWith('.log')).length).toBe(log.segmentBaseOffsets().length);
    const result = await log.append(encodeTestBatch(), { leaderEpoch: 5 });
    expect(result.baseOffset).toBe(12);
    expect(splitBatches(records(log, 11)).map((b) => b.baseOffset)).toEqual([11, 12]);
    expect(log.endOffsetForEpoch(1)).toEqual({ epoch: 1, endOffset: 12 });
  });

  it('truncateTo inside a batch drops the whole batch', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig());
    await appendMany(log, 3, 50, 5);
    await log.truncateTo(7);
    expect(log.logEndOffset).toBe(5);
  });

  it('truncateFullyAndStartAt restarts the log empty at an offset', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig({ segmentBytes: 2048 }));
    await appendMany(log, 20, 200);
    await log.truncateFullyAndStartAt(500);
    expect([log.logStartOffset, log.logEndOffset, log.highWatermark]).toEqual([500, 500, 500]);
    expect(log.segmentBaseOffsets()).toEqual([500]);
    expect((await log.append(encodeTestBatch(), { leaderEpoch: 0 })).baseOffset).toBe(500);
  });

  it('deleteRecordsBefore moves logStartOffset up to the high watermark only', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig({ segmentBytes: 2048 }));
    await appendMany(log, 20, 200);
    log.updateHighWatermark(15);
    expect(await log.deleteRecordsBefore(16)).toEqual({ errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, lowWatermark: 0 });
    expect(await log.deleteRecordsBefore(9)).toEqual({ errorCode: ErrorCode.NONE, lowWatermark: 9 });
    expect(log.read(8, 100).errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    expect(splitBatches(records(log, 9))[0]?.baseOffset).toBe(9);
    expect(log.segmentBaseOffsets()[0]).toBe(0);
    const event = await log.deleteOldSegments();
    expect(event).toMatchObject({ kind: 'segmentsDeleted', reason: 'logStartOffset' });
    expect(log.segmentBaseOffsets()[0]).toBeLessThanOrEqual(9);
    expect(log.logStartOffset).toBe(9);
  });

  it('retention.bytes deletes whole old segments below the high watermark, never the active one', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig({ segmentBytes: 2048, retentionBytes: 3000 }));
    await appendMany(log, 40, 200);
    const before = log.segmentBaseOffsets();
    expect(await log.deleteOldSegments()).toBeUndefined();
    log.updateHighWatermark(log.logEndOffset);
    const event = await log.deleteOldSegments();
    expect(event).toMatchObject({ reason: 'retentionBytes' });
    expect(log.sizeBytes).toBeLessThanOrEqual(3000 + 2048);
    expect(log.segmentBaseOffsets()).toEqual(before.slice(before.length - log.segmentBaseOffsets().length));
    expect(log.logStartOffset).toBe(log.segmentBaseOffsets()[0]);
    expect(splitBatches(records(log, log.logStartOffset))[0]?.baseOffset).toBe(log.logStartOffset);
  });

  it('retention.ms deletes segments whose newest record is older, measured on the clock', async () => {
    const clock = new ManualClock(93_000);
    const log = await createTestLog(new MemoryFileSystem(), testConfig({ segmentBytes: 2048, retentionMs: 5000 }), clock);
    for (let i = 0; i < 30; i++) {
      await log.append(encodeTestBatch({ valueBytes: 200, baseTimestampMs: 90_000 + i * 100 }), { leaderEpoch: 0 });
    }
    log.updateHighWatermark(log.logEndOffset);
    const segments = log.segmentBaseOffsets();
    const firstSegmentNewestMs = 90_000 + ((segments[1] as number) - 1) * 100;
    clock.ms = firstSegmentNewestMs + 5000;
    expect(await log.deleteOldSegments()).toBeUndefined();
    clock.ms += 1;
    const event = await log.deleteOldSegments();
    expect(event).toMatchObject({ reason: 'retentionMs', baseOffsets: [0] });
    clock.ms = 1_000_000;
    await log.deleteOldSegments();
    expect(log.segmentBaseOffsets()).toEqual([segments.at(-1)]);
  });
});

describe('PartitionLog reopen', () => {
  it('a clean close and reopen keeps offsets, timestamps, epochs and indexes', async () => {
    const fs = new MemoryFileSystem();
    const config = testConfig({ segmentBytes: 4096 });
    const log = await createTestLog(fs, config);
    for (let i = 0; i < 40; i++) {
      await log.append(encodeTestBatch({ valueBytes: 150, baseTimestampMs: 5000 + i }), { leaderEpoch: i < 20 ? 1 : 2 });
    }
    const all = Buffer.concat(log.segmentBaseOffsets().map((b) => records(log, b)));
    await log.close();
    const { log: again, events } = await reopenTestLog(fs, config, { hadCleanShutdown: true });
    expect(events).toEqual([]);
    expect(again.logEndOffset).toBe(40);
    expect(again.epochEntries()).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 2, startOffset: 20 }]);
    expect(again.maxTimestampAndOffset()).toEqual({ timestampMs: 5039, offset: 39 });
    expect(again.offsetForTimestamp(5021)?.offset).toBe(21);
    expect(Buffer.concat(again.segmentBaseOffsets().map((b) => records(again, b)))).toEqual(all);
    expect((await again.append(encodeTestBatch(), { leaderEpoch: 2 })).baseOffset).toBe(40);
  });

  it('big batches: a batch larger than maxBytes is still returned whole', async () => {
    const log = await createTestLog(new MemoryFileSystem(), testConfig({ segmentBytes: 1 << 20 }));
    const big = batchOfSize(100_000);
    await log.append(big, { leaderEpoch: 0 });
    expect(records(log, 0, 10)).toEqual(big);
  });
});
