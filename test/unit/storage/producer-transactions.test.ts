// Transactions in the log's producer state (Kafka's ProducerStateManager): a transactional batch
// opens its producer's transaction at its first offset, a COMMIT/ABORT marker closes it, the last
// stable offset stays below the first open transaction (and below a marker the high watermark has
// not passed), and the open transaction's first offset survives a restart through the producer
// snapshot (Kafka's CurrentTxnFirstOffset) and through a crash (the log walk after the snapshot).
import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import type { PartitionLog } from '../../../storage/partition-log.js';
import { decodeProducerSnapshot } from '../../../storage/producer-snapshot.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';
import { marker, txnBatch } from '../../helpers/txn-batches.js';
import { PARTITION_DIR, appendCommitted, createTestLog, reopenTestLog, testConfig } from '../../helpers/storage-logs.js';

const config = testConfig({ segmentBytes: 2048 });

const reopen = (fs: MemoryFileSystem, hadCleanShutdown: boolean): Promise<PartitionLog> => reopenTestLog(fs, config, { hadCleanShutdown }).then((o) => o.log);
const append = appendCommitted;

describe('transactions in the producer state', () => {
  it('opens a transaction at its first offset, closes it with a marker, and bounds the last stable offset', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, config);
    await append(log, encodeTestBatch());
    const first = await append(log, txnBatch(7, 0, 3));
    await append(log, encodeTestBatch());
    expect(log.producerEntry(7)).toMatchObject({ currentTxnFirstOffset: first, coordinatorEpoch: -1 });
    expect(log.lastStableOffset).toBe(first);
    const other = await append(log, txnBatch(8, 0));
    await append(log, txnBatch(7, 3));
    expect(log.lastStableOffset).toBe(first);
    await append(log, marker(7, true, 0, 4));
    expect(log.producerEntry(7)).toMatchObject({ currentTxnFirstOffset: -1, coordinatorEpoch: 4 });
    expect(log.lastStableOffset).toBe(other);
    await append(log, marker(8, false));
    expect(log.lastStableOffset).toBe(log.logEndOffset);
  });

  it('keeps a completed transaction unstable until the high watermark passes its marker', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, config);
    const first = await append(log, txnBatch(7, 0, 2));
    const markerOffset = (await log.append(marker(7, true), { leaderEpoch: 0 })).baseOffset;
    log.updateHighWatermark(markerOffset);
    expect(log.lastStableOffset).toBe(first);
    log.updateHighWatermark(markerOffset + 1);
    expect(log.lastStableOffset).toBe(markerOffset + 1);
  });

  it('writes the open transaction into the snapshot and restores it after a clean restart', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, config);
    await append(log, encodeTestBatch());
    const first = await append(log, txnBatch(7, 0, 2));
    await append(log, marker(9, true, 0, 3));
    await log.close();
    const snapshot = fs.readdir(PARTITION_DIR).find((n) => n.endsWith('.snapshot'))!;
    const entries = decodeProducerSnapshot(fs.readFile(`${PARTITION_DIR}/${snapshot}`));
    expect(entries).toEqual(expect.arrayContaining([
      expect.objectContaining({ producerId: 7, currentTxnFirstOffset: first, coordinatorEpoch: -1 }),
      expect.objectContaining({ producerId: 9, currentTxnFirstOffset: -1, coordinatorEpoch: 3, lastSequence: -1 }),
    ]));
    const reopened = await reopen(fs, true);
    reopened.updateHighWatermark(reopened.logEndOffset);
    expect(reopened.producerEntry(7)).toMatchObject({ currentTxnFirstOffset: first });
    expect(reopened.lastStableOffset).toBe(first);
  });

  it('rebuilds an open transaction after a power cut from the synced log past the last snapshot', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, config);
    // Rolls write snapshots; the transaction opens in the last segment, then everything is synced.
    while (log.segmentBaseOffsets().length < 3) await append(log, encodeTestBatch({ valueBytes: 300 }));
    const first = await append(log, txnBatch(7, 0, 2));
    await append(log, txnBatch(7, 2));
    await log.flush();
    await append(log, marker(7, false)); // not synced: lost in the cut
    fs.crash();
    const reopened = await reopen(fs, false);
    reopened.updateHighWatermark(reopened.logEndOffset);
    expect(reopened.producerEntry(7)).toMatchObject({ currentTxnFirstOffset: first });
    expect(reopened.lastStableOffset).toBe(first);
  });
});
