// A fetch whose response budget is spent by its first partitions answers the rest empty without
// reading them: the offset is still checked (OFFSET_OUT_OF_RANGE), but no batch is read from a
// segment only to be dropped. Reads of .log files are counted under the log directory.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE } from '../../../src/metadata/image.js';
import { fetch, type FetchPartitionInput, type FetchPartitionOutput } from '../../../src/replication/fetch.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import type { FileHandle } from '../../../storage/file-system.js';
import { ForwardingFileSystem } from '../../../storage/forwarding-file-system.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { applyRecords, topicRecords } from '../../helpers/metadata-images.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';

/** Counts reads of segment files. */
class ReadCounting extends ForwardingFileSystem {
  segmentReads = 0;

  override open(path: string, options?: { create?: boolean }): FileHandle {
    const handle = super.open(path, options);
    if (!path.endsWith('.log')) return handle;
    const reads = (): number => ++this.segmentReads;
    return {
      write: (data, position) => handle.write(data, position),
      writev: (chunks, position) => handle.writev(chunks, position),
      read: (target, position) => {
        reads();
        return handle.read(target, position);
      },
      size: () => handle.size(),
      truncate: (length) => handle.truncate(length),
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  }
}

describe('a fetch over its budget', () => {
  it('answers the partitions past the budget empty without reading them, and still checks their offsets', async () => {
    const fs = new ReadCounting(new MemoryFileSystem());
    const { logDir } = await LogDir.open({ fs, path: '/logs', nowMs: () => 0, configFor: () => DEFAULT_LOG_CONFIG });
    const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) });
    const rm = new ReplicaManager({ nodeId: 1, logDir, config, nowMs: () => 0 });
    await rm.applyImage(applyRecords(EMPTY_IMAGE, topicRecords('t', 3, () => [1])), EMPTY_IMAGE);
    for (let p = 0; p < 3; p++) {
      const appended = await rm.produce('t', p, encodeTestBatch({ recordCount: 5, valueBytes: 200 }), { acks: 1, timeoutMs: 1_000, requestVersion: 9 });
      expect(appended.errorCode).toBe(ErrorCode.NONE);
    }
    const at = (partition: number, fetchOffset = 0): FetchPartitionInput => ({
      topic: 't', partition, fetchOffset, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, lastFetchedEpoch: -1,
    });
    const consume = (partitions: FetchPartitionInput[], maxBytes: number): FetchPartitionOutput[] =>
      fetch(rm, { replicaId: -1, maxWaitMs: 0, minBytes: 1, maxBytes, partitions }) as FetchPartitionOutput[];

    const before = fs.segmentReads;
    // A budget of one byte: the first partition gets its first batch, the others nothing.
    const out = consume([at(0), at(1), at(2)], 1);
    expect(out.map((o) => [o.errorCode, (o.records?.length ?? 0) > 0])).toEqual([[ErrorCode.NONE, true], [ErrorCode.NONE, false], [ErrorCode.NONE, false]]);
    expect(fs.segmentReads - before).toBe(1);
    expect(consume([at(0), at(1, 99)], 1)[1]!.errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
  });
});
