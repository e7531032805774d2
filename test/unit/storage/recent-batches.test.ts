// A segment remembers its last appended batches, so a read from near the end finds its batch
// without walking headers in the file. Whatever the appends (several batches at once), rolls and
// truncations, a read from any offset must start at the batch holding it: checked against the
// batches the test appended (seeded), and against the same log reopened (which remembers nothing).
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import type { FileHandle } from '../../../storage/file-system.js';
import { ForwardingFileSystem } from '../../../storage/forwarding-file-system.js';
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

/** Counts the reads of segment files (.log) made through it. */
class LogReadCounting extends ForwardingFileSystem {
  logReads = 0;

  override open(path: string, options?: { create?: boolean }): FileHandle {
    const handle = this.inner.open(path, options);
    if (!path.endsWith('.log')) return handle;
    return new Proxy(handle, {
      get: (target, key) => {
        const value = Reflect.get(target, key) as unknown;
        if (key !== 'read' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return (buf: Uint8Array, position: number) => {
          this.logReads++;
          return target.read(buf, position);
        };
      },
    });
  }
}

describe('reads from near the end of a log', () => {
  it('find the batch of a reader a few batches behind the end without reading headers from the file, once one such read was made', async () => {
    const fs = new LogReadCounting(new MemoryFileSystem());
    const log = await createTestLog(fs, testConfig({ segmentBytes: 1 << 20 }));
    const append = async (): Promise<number> => (await log.append(encodeTestBatch({ recordCount: 1, valueBytes: 40 }), { leaderEpoch: 0 })).baseOffset;
    for (let i = 0; i < 20; i++) await append();
    // A tailing consumer: each read asks for the batch five appends back, then five more arrive.
    const headerReads: number[] = [];
    for (let round = 0; round < 12; round++) {
      const behind = log.logEndOffset - 5;
      for (let i = 0; i < 5; i++) await append();
      const before = fs.logReads;
      // A one-byte budget: the batch itself, so what is read past the lookup is that batch alone.
      expect(firstBatch(log, behind)).toEqual([behind, behind]);
      headerReads.push(fs.logReads - before);
    }
    // The first rounds walk headers in the file (the batch's own read aside); then every lookup is
    // remembered and each read is the batch's alone.
    expect(headerReads.slice(-6)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(headerReads[0]).toBeGreaterThan(1);
    await log.close();
  });

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
