// A follower fetch parked at the leader's log end is answered once the produce request that woke it
// has appended all of its partitions (Kafka completes delayed fetches after the whole request, from
// its action queue), not after the first: otherwise acks=all with RF 3 pays one follower round trip
// per partition of the request.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE } from '../../../src/metadata/image.js';
import { fetch } from '../../../src/replication/fetch.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { applyRecords, topicRecords } from '../../helpers/metadata-images.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';

const NOW_MS = 1_700_000_000_000;
const PARTITIONS = 4;

/** Broker 1 leading t's partitions (followed by broker 2), and a follower fetch of each from 0. */
async function leaderOfT() {
  const nowMs = (): number => NOW_MS;
  const { logDir } = await LogDir.open({ fs: new MemoryFileSystem(), path: '/logs', nowMs, configFor: () => DEFAULT_LOG_CONFIG });
  const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) });
  const rm = new ReplicaManager({ nodeId: 1, logDir, config, nowMs });
  await rm.applyImage(applyRecords(EMPTY_IMAGE, topicRecords('t', PARTITIONS, () => [1, 2])), EMPTY_IMAGE);
  const partitions = Array.from({ length: PARTITIONS }, (_, partition) => ({
    topic: 't', partition, fetchOffset: 0, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, lastFetchedEpoch: -1,
  }));
  return { rm, partitions };
}

describe('a waiting follower fetch', () => {
  it('carries every partition one produce request appended', async () => {
    const { rm, partitions } = await leaderOfT();
    const parked = fetch(rm, { replicaId: 2, maxWaitMs: 30_000, minBytes: 1, maxBytes: 1 << 24, partitions });
    expect(parked).toBeInstanceOf(Promise);

    // One Produce request's partitions, appended in the same turn as the handler does.
    const produced = partitions.map((p) => rm.produce('t', p.partition, encodeTestBatch({ recordCount: 2, baseTimestampMs: NOW_MS }),
      { acks: 1, timeoutMs: 1_000, requestVersion: 9 }));
    const answer = await parked;
    for (const p of await Promise.all(produced)) expect(p.errorCode).toBe(ErrorCode.NONE);
    expect(answer.map((p) => p.records?.length ?? 0).every((bytes) => bytes > 0)).toBe(true);
  });

  it('leaves no waiter behind on any partition once answered, woken or timed out', async () => {
    const { rm, partitions } = await leaderOfT();
    const waiters = (): number[] => partitions.map((p) => {
      const found = rm.lookup('t', p.partition);
      return 'partition' in found ? ((found.partition as unknown as { dataWaiters?: Set<unknown> }).dataWaiters?.size ?? 0) : -1;
    });
    // Timed out: nothing arrived.
    await fetch(rm, { replicaId: 2, maxWaitMs: 5, minBytes: 1, maxBytes: 1 << 24, partitions });
    expect(waiters()).toEqual([0, 0, 0, 0]);
    // Woken by data on one partition; several fetches parked at once.
    const parked = [1, 2, 3].map(() => fetch(rm, { replicaId: 2, maxWaitMs: 30_000, minBytes: 1, maxBytes: 1 << 24, partitions }));
    expect(waiters()).toEqual([3, 3, 3, 3]);
    await rm.produce('t', 2, encodeTestBatch({ recordCount: 1, baseTimestampMs: NOW_MS }), { acks: 1, timeoutMs: 1_000, requestVersion: 9 });
    for (const answer of await Promise.all(parked)) expect(answer[2]!.records!.length).toBeGreaterThan(0);
    expect(waiters()).toEqual([0, 0, 0, 0]);
  });
});
