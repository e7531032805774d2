// The transaction index (`<base>.txnindex`, Kafka's TransactionIndex): 34-byte entries per aborted
// transaction in the segment holding its ABORT marker, searched as Kafka's collectAbortedTxns does,
// rebuilt after a power cut from the log past the newest producer snapshot, cut with the log and
// deleted with its segment.
import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import type { PartitionLog } from '../../../storage/partition-log.js';
import { decodeAbortedTxns, encodeAbortedTxn } from '../../../storage/transaction-index.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';
import { ManualClock, PARTITION_DIR, appendCommitted, createTestLog, reopenTestLog, testConfig } from '../../helpers/storage-logs.js';
import { marker, txnBatch } from '../../helpers/txn-batches.js';

const config = testConfig({ segmentBytes: 2048 });
const txnIndexFiles = (fs: MemoryFileSystem): string[] => fs.readdir(PARTITION_DIR).filter((n) => n.endsWith('.txnindex')).sort();

const reopen = (fs: MemoryFileSystem, hadCleanShutdown: boolean): Promise<PartitionLog> => reopenTestLog(fs, config, { hadCleanShutdown }).then((o) => o.log);
const append = appendCommitted;

/** Producer 7 aborts a transaction while producer 8's stays open across it; then 8 commits. */
async function abortedAndCommitted(log: PartitionLog): Promise<{ first7: number; abort7: number; first8: number }> {
  await append(log, encodeTestBatch());
  const first7 = await append(log, txnBatch(7, 0, 2));
  const first8 = await append(log, txnBatch(8, 0));
  await append(log, txnBatch(7, 2));
  const abort7 = await append(log, marker(7, false));
  await append(log, marker(8, true));
  return { first7, abort7, first8 };
}

describe('transaction index', () => {
  it("encodes Kafka's AbortedTxn: version 0, producer id, first, last and last stable offsets", () => {
    const bytes = encodeAbortedTxn({ producerId: 2 ** 40 + 3, firstOffset: 5, lastOffset: 9, lastStableOffset: 7 });
    expect(bytes.toString('hex')).toBe(['0000', '0000010000000003', '0000000000000005', '0000000000000009', '0000000000000007'].join(''));
    // A torn or zero-filled tail ends the entries.
    expect(decodeAbortedTxns(Buffer.concat([bytes, Buffer.alloc(34), bytes.subarray(0, 10)]))).toHaveLength(1);
  });

  it('records an abort with the last stable offset after it, and only aborts', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, config);
    const { first7, abort7, first8 } = await abortedAndCommitted(log);
    const entry = { producerId: 7, firstOffset: first7, lastOffset: abort7, lastStableOffset: first8 };
    expect(log.abortedTransactions(0, log.logEndOffset)).toEqual([entry]);
    expect(txnIndexFiles(fs)).toEqual(['00000000000000000000.txnindex']);
    expect(decodeAbortedTxns(fs.readFile(`${PARTITION_DIR}/00000000000000000000.txnindex`))).toEqual([entry]);
    // Kafka's overlap rule: marker at or past the fetch offset, first offset below the upper bound.
    expect(log.abortedTransactions(abort7 + 1, log.logEndOffset)).toEqual([]);
    expect(log.abortedTransactions(0, first7)).toEqual([]);
  });

  it('is rebuilt after a power cut that lost its unsynced entries, from the log past the snapshot', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, config);
    while (log.segmentBaseOffsets().length < 2) await append(log, encodeTestBatch({ valueBytes: 300 }));
    const { first7, abort7, first8 } = await abortedAndCommitted(log);
    await log.flush();
    fs.crash();
    const reopened = await reopen(fs, false);
    expect(reopened.abortedTransactions(0, reopened.logEndOffset)).toEqual([{ producerId: 7, firstOffset: first7, lastOffset: abort7, lastStableOffset: first8 }]);
  });

  it('drops an abort whose marker a power cut took, and keeps those below a snapshot', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, config);
    const kept = await abortedAndCommitted(log);
    // Rolls write snapshots: the first abort's entry is synced before them.
    while (log.segmentBaseOffsets().length < 3) await append(log, encodeTestBatch({ valueBytes: 300 }));
    await log.flush();
    await append(log, txnBatch(9, 0));
    await append(log, marker(9, false));
    fs.crash();
    const reopened = await reopen(fs, false);
    expect(reopened.abortedTransactions(0, reopened.logEndOffset).map((t) => t.lastOffset)).toEqual([kept.abort7]);
  });

  it('loses the entries past a truncation, and goes with its segment', async () => {
    const fs = new MemoryFileSystem();
    const clock = new ManualClock();
    const log = await createTestLog(fs, { ...config, retentionMs: 1000 }, clock);
    const { abort7 } = await abortedAndCommitted(log);
    await log.truncateTo(abort7);
    expect(log.abortedTransactions(0, log.logEndOffset + 10)).toEqual([]);
    const again = await append(log, marker(7, false));
    expect(log.abortedTransactions(0, log.logEndOffset).map((t) => t.lastOffset)).toEqual([again]);
    while (log.segmentBaseOffsets().length < 3) await append(log, encodeTestBatch({ valueBytes: 300, baseTimestampMs: clock.ms }));
    expect(txnIndexFiles(fs)).toEqual(['00000000000000000000.txnindex']);
    clock.ms += 10 * 60_000;
    await log.deleteOldSegments();
    expect(log.segmentBaseOffsets()[0]).toBeGreaterThan(0);
    expect(txnIndexFiles(fs)).toEqual([]);
  });
});
