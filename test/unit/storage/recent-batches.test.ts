// A segment remembers its last appended batches, so a read from near the end finds its batch
// without walking headers in the file. Whatever the appends (several batches at once), rolls and
// truncations, a read from any offset must start at the batch holding it: checked against the
// batches the test appended (seeded), and against the same log reopened (which remembers nothing).
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import type { PartitionLog } from '../../../storage/partition-log.js';
import { encodeTestBatch, seededRandom, splitBatches } from '../../helpers/storage-batches.js';
import { createTestLog, reopenTestLog, testConfig } from '../../helpers/storage-logs.js';

/** [baseOffset, lastOffset] of the first batch a one-byte read from `offset` returns. */
function firstBatch(log: PartitionLog, offset: number): [number, number] | undefined {
  const result = log.read(offset, 1);
  if (result.errorCode !== ErrorCode.NONE) throw new Error(`read error ${result.errorCode}`);
  const first = splitBatches(result.records)[0];
  return first === undefined ? undefined : [first.baseOffset, first.lastOffset];
}

function expectReadsFromEveryOffset(log: PartitionLog, batches: [number, number][]): void {
  for (let offset = log.logStartOffset; offset <= log.logEndOffset; offset++) {
    const holding = batches.find(([, last]) => last >= offset);
    expect(firstBatch(log, offset), `offset ${offset}`).toEqual(holding);
  }
}

describe('reads from near the end of a log', () => {
  it('start at the batch holding the offset, through multi-batch appends, rolls and truncations (seeded)', async () => {
    const random = seededRandom(0x7ec3);
    const fs = new MemoryFileSystem();
    const config = testConfig({ segmentBytes: 4 * 1024 });
    const log = await createTestLog(fs, config);
    let batches: [number, number][] = [];
    for (let step = 0; step < 120; step++) {
      if (step % 17 === 16 && log.logEndOffset > 3) {
        const to = log.logEndOffset - 1 - Math.floor(random() * Math.min(8, log.logEndOffset - 1));
        await log.truncateTo(to);
        batches = batches.filter(([, last]) => last < to);
        expect(log.logEndOffset).toBe(batches.at(-1)?.[1] === undefined ? 0 : batches.at(-1)![1] + 1);
      } else {
        const sizes = Array.from({ length: 1 + Math.floor(random() * 3) }, () => 1 + Math.floor(random() * 4));
        const appended = Buffer.concat(sizes.map((recordCount) => encodeTestBatch({ recordCount, valueBytes: 40 })));
        const result = await log.append(appended, { leaderEpoch: 0 });
        let base = result.baseOffset;
        for (const n of sizes) {
          batches.push([base, base + n - 1]);
          base += n;
        }
      }
      expectReadsFromEveryOffset(log, batches);
    }
    await log.close();
    const reopened = (await reopenTestLog(fs, config, { hadCleanShutdown: true })).log;
    expectReadsFromEveryOffset(reopened, batches);
  });
});
