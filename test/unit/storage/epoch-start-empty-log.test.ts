// A new leader records where its epoch starts (Kafka's makeLeader). On an empty log that entry
// describes no batch and the loader would drop it (it cuts entries at or after the log end), so it
// is kept in memory only, neither written then nor at close: a restart that makes 100,000 empty
// partitions leaders at once must not queue 100,000 checkpoint writes. A log with data still
// writes the entry at once, and an epoch that gets a batch is written with it.
import { describe, expect, it } from 'vitest';
import { LEADER_EPOCH_CHECKPOINT } from '../../../storage/file-names.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';
import { PARTITION_DIR, createTestLog, reopenTestLog, testConfig } from '../../helpers/storage-logs.js';

const CHECKPOINT = `${PARTITION_DIR}/${LEADER_EPOCH_CHECKPOINT}`;

function checkpointText(fs: MemoryFileSystem): string | undefined {
  return fs.stat(CHECKPOINT) === undefined ? undefined : fs.readFile(CHECKPOINT).toString();
}

describe('the epoch start of a new leader', () => {
  it('on an empty log is in memory at once and writes no checkpoint of its own', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, testConfig());
    await log.assignEpochStartOffset(3);
    expect(log.latestEpoch()).toBe(3);
    expect(log.epochEntries()).toEqual([{ epoch: 3, startOffset: 0 }]);
    expect(checkpointText(fs)).toBeUndefined();
    await log.close();
    expect(checkpointText(fs)).toBeUndefined();
    const { log: reopened } = await reopenTestLog(fs, testConfig(), { hadCleanShutdown: true });
    expect(reopened.epochEntries()).toEqual([]);
  });

  it('on an empty log that then takes a write survives a restart with that write', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, testConfig());
    await log.assignEpochStartOffset(3);
    await log.append(encodeTestBatch({ recordCount: 2 }), { leaderEpoch: 3 });
    await log.close();
    const { log: reopened } = await reopenTestLog(fs, testConfig(), { hadCleanShutdown: true });
    expect(reopened.epochEntries()).toEqual([{ epoch: 3, startOffset: 0 }]);
    expect(reopened.logEndOffset).toBe(2);
  });

  it('on a log with data is written before the call resolves', async () => {
    const fs = new MemoryFileSystem();
    const log = await createTestLog(fs, testConfig());
    await log.append(encodeTestBatch({ recordCount: 2 }), { leaderEpoch: 1 });
    await log.flush();
    await log.assignEpochStartOffset(4);
    expect(checkpointText(fs)).toContain('4 2');
  });
});
