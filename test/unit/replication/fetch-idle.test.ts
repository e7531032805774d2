// Fetch session partitions left out as idle (see IdleMark in replication/fetch.ts): a fetch that
// carries a partition's idle mark does not read it while the partition's state is the same, but
// still records the follower as caught up there, and reads it as soon as anything moved, even the
// log end alone (a follower's own fetch moves the high watermark only after it).
import { describe, expect, it } from 'vitest';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE } from '../../../src/metadata/image.js';
import { fetch, UNCHANGED, type FetchPartitionInput, type FetchPartitionOutput } from '../../../src/replication/fetch.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { applyRecords, topicRecords } from '../../helpers/metadata-images.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';

const START_MS = 1_700_000_000_000;
const PARTITIONS = 3;
const FOLLOWER = 2;

async function leaderOfT() {
  let now = START_MS;
  const nowMs = (): number => now;
  const { logDir } = await LogDir.open({ fs: new MemoryFileSystem(), path: '/logs', nowMs, configFor: () => DEFAULT_LOG_CONFIG });
  const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) });
  const rm = new ReplicaManager({ nodeId: 1, logDir, config, nowMs });
  await rm.applyImage(applyRecords(EMPTY_IMAGE, topicRecords('t', PARTITIONS, () => [1, FOLLOWER])), EMPTY_IMAGE);
  const follow = (partitions: FetchPartitionInput[]): FetchPartitionOutput[] =>
    fetch(rm, { replicaId: FOLLOWER, maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 24, partitions }) as FetchPartitionOutput[];
  const progress = (partition: number) => {
    const found = rm.lookup('t', partition);
    if (!('partition' in found)) throw new Error(`t-${partition} not hosted`);
    return found.partition.followers.get(FOLLOWER)!;
  };
  return { rm, follow, progress, advance: (ms: number) => (now += ms) };
}

const at = (partition: number, fetchOffset: number, idle?: FetchPartitionOutput['idle']): FetchPartitionInput => ({
  topic: 't', partition, fetchOffset, partitionMaxBytes: 1 << 20, currentLeaderEpoch: -1, lastFetchedEpoch: -1, idle,
});

describe('idle partitions of a fetch session', () => {
  it('are not read while nothing moved, keep their follower caught up, and are read once the log end moves', async () => {
    const { rm, follow, progress, advance } = await leaderOfT();
    const first = follow([0, 1, 2].map((p) => at(p, 0)));
    for (const out of first) expect(out.idle).toBeDefined();

    // A minute later (far past replica.lag.time.max.ms), the same positions with their marks.
    advance(60_000);
    const marked = [0, 1, 2].map((p) => at(p, 0, first[p]!.idle));
    expect(follow(marked)).toEqual([UNCHANGED, UNCHANGED, UNCHANGED]);
    for (const p of [0, 1, 2]) expect(progress(p).lastCaughtUpMs).toBe(START_MS + 60_000);

    // An append moves the leader's log end; the high watermark waits for this follower.
    const appended = await rm.produce('t', 1, encodeTestBatch({ recordCount: 2, baseTimestampMs: START_MS }), { acks: 1, timeoutMs: 1_000, requestVersion: 9 });
    expect(appended.errorCode).toBe(0);
    const after = follow(marked);
    expect([after[0], after[2]]).toEqual([UNCHANGED, UNCHANGED]);
    expect(after[1]!.records!.length).toBeGreaterThan(0);
    expect(after[1]!.idle).toBeUndefined();
  });

  it('are read again with a mark that no longer matches (a leader epoch, a high watermark)', async () => {
    const { follow } = await leaderOfT();
    const [out] = follow([at(0, 0)]);
    const stale = [{ ...out!.idle!, leaderEpoch: out!.idle!.leaderEpoch - 1 }, { ...out!.idle!, highWatermark: 7 }];
    for (const idle of stale) {
      const [again] = follow([at(0, 0, idle)]);
      expect(again).not.toBe(UNCHANGED);
      expect(again!.idle).toEqual(out!.idle);
    }
  });
});
