// A follower fetch past the leader's log end (a follower ahead of its leader that sends no last
// fetched epoch, so no divergence can be named) is answered OFFSET_OUT_OF_RANGE, and says nothing
// about which records the follower holds: the leader must not count it toward the high watermark,
// or records the follower does not have would be acknowledged to acks=all producers.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE } from '../../../src/metadata/image.js';
import { fetch, type FetchPartitionOutput } from '../../../src/replication/fetch.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { applyRecords, topicRecords } from '../../helpers/metadata-images.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';

const NOW_MS = 1_700_000_000_000;

async function followerFetch(rm: ReplicaManager, fetchOffset: number): Promise<FetchPartitionOutput> {
  const out = await fetch(rm, {
    replicaId: 2, maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20,
    partitions: [{ topic: 't', partition: 0, fetchOffset, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, lastFetchedEpoch: -1 }],
  });
  return out[0]!;
}

describe('a follower fetch past the leader log end', () => {
  it('is OFFSET_OUT_OF_RANGE and does not move the high watermark', async () => {
    const nowMs = (): number => NOW_MS;
    const { logDir } = await LogDir.open({ fs: new MemoryFileSystem(), path: '/logs', nowMs, configFor: () => DEFAULT_LOG_CONFIG });
    const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) });
    const rm = new ReplicaManager({ nodeId: 1, logDir, config, nowMs });
    await rm.applyImage(applyRecords(EMPTY_IMAGE, topicRecords('t', 1, () => [1, 2])), EMPTY_IMAGE);
    const produced = rm.produce('t', 0, encodeTestBatch({ recordCount: 3, baseTimestampMs: NOW_MS }), { acks: 1, timeoutMs: 1_000, requestVersion: 9 });
    expect((await produced).errorCode).toBe(ErrorCode.NONE);
    const found = rm.lookup('t', 0);
    if (!('partition' in found)) throw new Error('not hosted');
    expect(found.partition.highWatermark).toBe(0);

    expect((await followerFetch(rm, 10)).errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    expect(found.partition.highWatermark).toBe(0);
    expect(found.partition.followers.get(2)!.logEndOffset).toBeLessThanOrEqual(0);

    const caughtUp = await followerFetch(rm, 3);
    expect(caughtUp).toMatchObject({ errorCode: ErrorCode.NONE, highWatermark: 3 });
  });
});
