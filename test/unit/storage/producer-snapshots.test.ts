// Producer state in storage: kept on every append, written to `<offset>.snapshot` files in Kafka's
// layout at each roll and at close, rebuilt from the newest readable snapshot plus the log after
// it, and cut with the log when it is truncated.
import { describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../../../protocol/records/record-batch.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { PartitionLog } from '../../../storage/partition-log.js';
import { decodeProducerSnapshot, encodeProducerSnapshot } from '../../../storage/producer-snapshot.js';
import type { StorageEvent } from '../../../storage/storage-events.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';
import { ManualClock, PARTITION_DIR, TOPIC, createTestLog, reopenTestLog, testConfig } from '../../helpers/storage-logs.js';

const PID = 1000;
/** The batches' timestamps: a minute before the test clock (older producers would have expired). */
const T0 = 1_700_000_000_000 - 60_000;
const config = testConfig({ segmentBytes: 2048 });

function idempotent(seq: number, count = 1, producerId = PID, epoch = 0): Buffer {
  return encodeRecordBatch({
    producerId, producerEpoch: epoch, baseSequence: seq,
    records: Array.from({ length: count }, (_, i) => ({ key: null, value: Buffer.from(`v${seq + i}`), timestamp: T0 + i })),
  });
}

/** Enough plain batches to roll the 2 KiB segments `rolls` times. */
async function fill(log: PartitionLog, rolls: number): Promise<void> {
  const segments = log.segmentBaseOffsets().length;
  while (log.segmentBaseOffsets().length < segments + rolls) {
    await log.append(encodeTestBatch({ valueBytes: 300 }), { leaderEpoch: 0 });
  }
}

function reopen(fs: MemoryFileSystem, hadCleanShutdown: boolean, events: StorageEvent[] = []): Promise<PartitionLog> {
  const options = { fs, config, nowMs: new ManualClock().nowMs, hadCleanShutdown, onEvent: (e: StorageEvent) => events.push(e) };
  return PartitionLog.open(PARTITION_DIR, TOPIC, 0, options).then((opened) => opened.log);
}

const snapshotFiles = (fs: MemoryFileSystem): string[] => fs.readdir(PARTITION_DIR).filter((n) => n.endsWith('.snapshot'));

describe('producer snapshot file', () => {
  it("has Kafka's layout: version 1, CRC-32C of the rest, int32 count, 46-byte entries", () => {
    const entries = [
      { producerId: 1000, producerEpoch: 3, lastSequence: 41, lastOffset: 517, offsetDelta: 9, timestampMs: 1_700_000_000_123, coordinatorEpoch: -1, currentTxnFirstOffset: -1 },
      { producerId: 2 ** 40 + 5, producerEpoch: 0, lastSequence: 0, lastOffset: 12, offsetDelta: 0, timestampMs: -1, coordinatorEpoch: -1, currentTxnFirstOffset: -1 },
    ];
    const bytes = encodeProducerSnapshot(entries);
    expect(bytes.toString('hex')).toBe([
      '0001', 'ce9b5638', '00000002',
      '00000000000003e8', '0003', '00000029', '0000000000000205', '00000009', '0000018bcfe5687b', 'ffffffff', 'ffffffffffffffff',
      '0000010000000005', '0000', '00000000', '000000000000000c', '00000000', 'ffffffffffffffff', 'ffffffff', 'ffffffffffffffff',
    ].join(''));
    expect(decodeProducerSnapshot(bytes)).toEqual(entries);
    expect(encodeProducerSnapshot([]).toString('hex')).toBe('000148674bc700000000');
    const flipped = Buffer.from(bytes);
    flipped[20] ^= 1;
    expect(decodeProducerSnapshot(flipped)).toEqual({ corrupt: expect.stringContaining('crc') });
    expect(decodeProducerSnapshot(bytes.subarray(0, 30))).toEqual({ corrupt: expect.stringContaining('crc') });
  });
});

describe('producer state across rolls and reopens', () => {
  it('writes a snapshot at each roll (as of the new base offset) and at close (as of the log end)', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, config);
    await log.append(idempotent(0, 3), { leaderEpoch: 0 });
    await fill(log, 2);
    const [, second, third] = log.segmentBaseOffsets();
    expect(log.producerSnapshotOffsets()).toEqual([second, third]);
    const atRoll = decodeProducerSnapshot(fs.readFile(`${PARTITION_DIR}/${String(second).padStart(20, '0')}.snapshot`));
    expect(atRoll).toEqual([{ producerId: PID, producerEpoch: 0, lastSequence: 2, lastOffset: 2, offsetDelta: 2, timestampMs: T0 + 2, coordinatorEpoch: -1, currentTxnFirstOffset: -1 }]);
    const end = log.logEndOffset;
    await log.close();
    expect(snapshotFiles(fs).at(-1)).toBe(`${String(end).padStart(20, '0')}.snapshot`);
  });

  for (const ending of ['clean', 'crash'] as const) {
    it(`knows a producer whose only batch is in an older segment after a reopen (${ending})`, async () => {
      const fs = new MemoryFileSystem();
      const log = await createTestLog(fs, config);
      await log.append(idempotent(0, 3), { leaderEpoch: 0 });
      await fill(log, 3);
      if (ending === 'clean') await log.close();
      else {
        await log.flush();
        fs.crash();
      }
      const reopened = await reopen(fs, ending === 'clean');
      expect(reopened.segmentBaseOffsets().length).toBeGreaterThan(3);
      expect(reopened.producerEntry(PID)).toMatchObject({ epoch: 0, batches: [{ firstSeq: 0, lastSeq: 2, firstOffset: 0, lastOffset: 2, maxTimestampMs: T0 + 2 }] });
    });
  }

  it('follows follower appends too, keeping the last five batches per producer', async () => {
    const log = await createTestLog(new MemoryFileSystem(), config);
    for (let i = 0; i < 7; i++) {
      const batch = idempotent(i * 2, 2);
      batch.writeBigInt64BE(BigInt(i * 2), 0);
      await log.appendAsFollower(batch);
    }
    expect(log.producerEntry(PID)?.batches.map((b) => b.firstOffset)).toEqual([4, 6, 8, 10, 12]);
  });

  it('ignores a corrupt snapshot with a warning event and rebuilds from an older one and the log', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, config);
    await log.append(idempotent(0), { leaderEpoch: 0 });
    await fill(log, 1);
    await log.append(idempotent(1, 2), { leaderEpoch: 0 });
    await log.close();
    const latest = `${PARTITION_DIR}/${snapshotFiles(fs).at(-1)}`;
    const handle = fs.open(latest);
    handle.write(Buffer.from([0xff]), 12);
    handle.close();

    const events: StorageEvent[] = [];
    const reopened = await reopen(fs, true, events);
    const entry = reopened.producerEntry(PID);
    expect(events).toEqual([{ kind: 'producerSnapshotCorrupt', path: latest, reason: expect.stringContaining('crc') }]);
    // The roll's snapshot knew the first batch; the log after it adds the second.
    expect(entry?.batches.map((b) => [b.firstSeq, b.lastSeq])).toEqual([[0, 0], [1, 2]]);
    expect(fs.stat(latest)).toBeUndefined();
  });

  it('loads at open, before serving, when more than 1 MiB of log lies after the newest snapshot', async () => {
    const fs = new MemoryFileSystem();
    const big = { ...config, segmentBytes: 4 << 20 };
    const log = await createTestLog(fs, big);
    const chunk = (): Promise<unknown> => log.append(encodeTestBatch({ valueBytes: 100 << 10 }), { leaderEpoch: 0 });
    await log.append(idempotent(0), { leaderEpoch: 0 });
    while (log.segmentBaseOffsets().length < 2) await chunk();
    await log.append(idempotent(1), { leaderEpoch: 0 });
    for (let i = 0; i < 12; i++) await chunk();
    expect(log.producerSnapshotOffsets()).toHaveLength(1);
    await log.flush();
    const snapshot = `${PARTITION_DIR}/${snapshotFiles(fs)[0]}`;
    await fs.writeFileAtomic(snapshot, Buffer.from('not a snapshot'));
    fs.crash();

    const events: StorageEvent[] = [];
    const options = { fs, config: big, nowMs: new ManualClock().nowMs, hadCleanShutdown: false, onEvent: (e: StorageEvent) => events.push(e) };
    const { log: reopened } = await PartitionLog.open(PARTITION_DIR, TOPIC, 0, options);
    // The load ran during open: it met the damaged snapshot and walked the whole log instead.
    expect(events).toEqual([expect.objectContaining({ kind: 'producerSnapshotCorrupt', path: snapshot })]);
    expect(reopened.producerEntry(PID)?.batches.map((b) => b.firstSeq)).toEqual([0, 1]);
  });

  it('a truncation deletes the snapshots above the new end and the state it cut', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, config);
    await log.append(idempotent(0), { leaderEpoch: 0 });
    await fill(log, 1);
    const cut = log.logEndOffset;
    await log.append(idempotent(1), { leaderEpoch: 0 });
    await fill(log, 2);
    expect(log.producerEntry(PID)?.batches).toHaveLength(2);
    expect(log.producerSnapshotOffsets().filter((o) => o > cut).length).toBeGreaterThan(0);

    await log.truncateTo(cut);
    expect(log.producerSnapshotOffsets().every((o) => o <= cut)).toBe(true);
    expect(snapshotFiles(fs).map((n) => Number(n.slice(0, 20))).every((o) => o <= cut)).toBe(true);
    expect(log.producerEntry(PID)?.batches.map((b) => b.firstSeq)).toEqual([0]);
    // A new leader's different batch at the same offsets is what the state then holds.
    const replacement = idempotent(0, 1, PID, 1);
    replacement.writeBigInt64BE(BigInt(cut), 0);
    await log.appendAsFollower(replacement);
    await log.flush();
    fs.crash();
    const reopened = await reopen(fs, false);
    expect(reopened.producerEntry(PID)?.epoch).toBe(1);
  });

  it('recovery deletes snapshots above the recovered log end', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, config);
    await log.append(idempotent(0), { leaderEpoch: 0 });
    await log.close();
    const stray = `${PARTITION_DIR}/${String(50).padStart(20, '0')}.snapshot`;
    await fs.writeFileAtomic(stray, encodeProducerSnapshot([]));
    const reopened = await reopen(fs, false);
    expect(fs.stat(stray)).toBeUndefined();
    expect(reopened.producerEntry(PID)?.batches).toHaveLength(1);
  });

  it('retention deletes the snapshots of deleted segments and at most a few are kept', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, config);
    await log.append(idempotent(0), { leaderEpoch: 0 });
    await fill(log, 6);
    expect(log.producerSnapshotOffsets()).toHaveLength(3);
    log.config = { ...config, retentionBytes: 2048 };
    log.updateHighWatermark(log.logEndOffset);
    await log.deleteOldSegments();
    const first = log.segmentBaseOffsets()[0]!;
    expect(log.producerSnapshotOffsets().every((o) => o >= first)).toBe(true);
    expect(snapshotFiles(fs)).toHaveLength(log.producerSnapshotOffsets().length);
    await log.close();
    expect((await reopen(fs, true)).producerEntry(PID)?.batches[0]?.firstOffset).toBe(0);
  });
});

describe('producer id expiration (producer.id.expiration.ms)', () => {
  const EXPIRY_MS = 60_000;
  const expiring = testConfig({ segmentBytes: 2048, producerIdExpirationMs: EXPIRY_MS });
  const at = (producerId: number, timestamp: number, transactional = false): Buffer => encodeRecordBatch({
    producerId, producerEpoch: 0, baseSequence: 0, isTransactional: transactional,
    records: [{ key: null, value: Buffer.from(`p${producerId}`), timestamp }],
  });
  const ids = (log: PartitionLog): number[] => [...log.producerEntries().keys()].sort((a, b) => a - b);

  it('a check drops producers idle that long, never one with a transaction open, and the next snapshot leaves them out', async () => {
    const fs = new MemoryFileSystem();
    const clock = new ManualClock();
    const log = await createTestLog(fs, expiring, clock);
    await log.append(at(1, clock.ms - EXPIRY_MS), { leaderEpoch: 0 });
    await log.append(at(2, clock.ms - EXPIRY_MS + 1), { leaderEpoch: 0 });
    await log.append(at(3, clock.ms - 10 * EXPIRY_MS, true), { leaderEpoch: 0 });
    expect(ids(log)).toEqual([1, 2, 3]);
    expect(log.removeExpiredProducers()).toBe(1);
    expect(ids(log)).toEqual([2, 3]);
    clock.ms += 1;
    expect(log.removeExpiredProducers()).toBe(1);
    expect(ids(log)).toEqual([3]);
    await log.close();
    const atClose = fs.readFile(`${PARTITION_DIR}/${String(log.logEndOffset).padStart(20, '0')}.snapshot`);
    expect((decodeProducerSnapshot(atClose) as { producerId: number }[]).map((e) => e.producerId)).toEqual([3]);
  });

  for (const ending of ['clean shutdown', 'crash'] as const) {
    it(`after a ${ending}, loading the state drops the producers that expired meanwhile, from the snapshot and from the log after it`, async () => {
      const fs = new MemoryFileSystem();
      const clock = new ManualClock();
      const log = await createTestLog(fs, expiring, clock);
      await log.append(at(1, clock.ms), { leaderEpoch: 0 });
      await log.append(at(2, clock.ms + EXPIRY_MS), { leaderEpoch: 0 });
      while (log.producerSnapshotOffsets().length === 0) await log.append(encodeTestBatch({ valueBytes: 300 }), { leaderEpoch: 0 });
      await log.append(at(3, clock.ms), { leaderEpoch: 0 });
      await log.append(at(4, clock.ms + EXPIRY_MS), { leaderEpoch: 0 });
      await log.append(at(5, clock.ms, true), { leaderEpoch: 0 });
      if (ending === 'clean shutdown') {
        await log.close();
      } else {
        await log.flush();
        fs.crash();
      }
      // The snapshot of the roll holds 1 and 2; the segment after it 3, 4 and 5.
      clock.ms += EXPIRY_MS;
      const reopened = await reopenTestLog(fs, expiring, { hadCleanShutdown: ending === 'clean shutdown', clock });
      expect(ids(reopened.log)).toEqual([2, 4, 5]);
    });
  }
});
