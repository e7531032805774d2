// Leader epochs on the data plane, on real partitions over the in-memory file system: a new leader
// records where its epoch starts (Kafka's makeLeader), a follower whose last epoch the leader does
// not know gets OFFSET_OUT_OF_RANGE rather than a DivergingEpoch of -1/-1 (which reads as "none"),
// and the follower's fetch loop truncates and converges on the leader's log in a few fetches.
import { describe, expect, it } from 'vitest';
import type { FetchRequest, FetchResponse } from '../../../protocol/generated/api/01-fetch.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE, partitionState, type MetadataImage } from '../../../src/metadata/image.js';
import { MetadataRecordType, record } from '../../../src/metadata/records.js';
import { fetch } from '../../../src/replication/fetch.js';
import { offsetForLeaderEpoch } from '../../../src/replication/offsets.js';
import type { Partition } from '../../../src/replication/partition.js';
import { ReplicaFetchers } from '../../../src/replication/replica-fetcher.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { applyRecords, leaderChange, topicIdOf } from '../../helpers/metadata-images.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';

/** t-0 on replicas [1, 2] led by `leader` at `leaderEpoch`. */
function image(leader: number, leaderEpoch: number): MetadataImage {
  const topicId = topicIdOf('t');
  return applyRecords(EMPTY_IMAGE, [
    record(MetadataRecordType.TOPIC, { name: 't', topicId }),
    record(MetadataRecordType.PARTITION, {
      partitionId: 0, topicId, replicas: [1, 2], isr: [1, 2], removingReplicas: [], addingReplicas: [], leader,
      leaderRecoveryState: 0, leaderEpoch, partitionEpoch: 0, directories: [], eligibleLeaderReplicas: null, lastKnownElr: null,
    }),
  ]);
}

async function node(nodeId: number, fetchers?: ReplicaFetchers): Promise<ReplicaManager> {
  const nowMs = (): number => 1_000_000;
  const { logDir } = await LogDir.open({ fs: new MemoryFileSystem(), path: '/logs', nowMs, configFor: () => DEFAULT_LOG_CONFIG });
  const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', String(nodeId)]]) });
  return new ReplicaManager({ nodeId, logDir, config, nowMs, fetchers });
}

function hosted(replicas: ReplicaManager): Partition {
  const found = replicas.lookup('t', 0);
  if (!('partition' in found)) throw new Error('not hosted');
  return found.partition;
}

/** Batches as a follower holds them: `epochs[i]` is the leader epoch of offset i. */
async function write(p: Partition, epochs: number[]): Promise<void> {
  for (let offset = p.log.logEndOffset; offset < epochs.length; offset++) {
    await p.log.appendAsFollower(encodeTestBatch({ baseOffset: offset, partitionLeaderEpoch: epochs[offset]!, fill: 0x61 + epochs[offset]! }));
  }
}

/** The leader's Fetch handling, without the wire: what a follower's transport gets back. */
function leaderTransport(leader: ReplicaManager, calls: { count: number }) {
  return {
    async fetch(_leaderId: number, req: FetchRequest): Promise<FetchResponse> {
      calls.count++;
      // A network hop: a fetch loop that never pauses still lets timers run (and the test count it).
      await new Promise((r) => setImmediate(r));
      const topic = req.topics[0]!;
      const parts = topic.partitions;
      const outs = await fetch(leader, {
        replicaId: req.replicaState.replicaId, replicaEpoch: req.replicaState.replicaEpoch, maxWaitMs: req.maxWaitMs, minBytes: 1, maxBytes: req.maxBytes,
        partitions: parts.map((p) => ({ topic: topic.topic, partition: p.partition, fetchOffset: p.fetchOffset, partitionMaxBytes: p.partitionMaxBytes, currentLeaderEpoch: p.currentLeaderEpoch, lastFetchedEpoch: p.lastFetchedEpoch })),
      });
      return {
        throttleTimeMs: 0, errorCode: ErrorCode.NONE, sessionId: 0, nodeEndpoints: [],
        responses: [{ topic: topic.topic, topicId: topic.topicId, partitions: outs.map((o, i) => ({
          partitionIndex: parts[i]!.partition, errorCode: o.errorCode, highWatermark: o.highWatermark, lastStableOffset: o.lastStableOffset,
          logStartOffset: o.logStartOffset, divergingEpoch: o.divergingEpoch ?? { epoch: -1, endOffset: -1 },
          currentLeader: { leaderId: -1, leaderEpoch: -1 }, snapshotId: { endOffset: -1, epoch: -1 }, abortedTransactions: null,
          preferredReadReplica: -1, records: o.records,
        })) }],
      };
    },
  };
}

function bytes(p: Partition): Buffer | undefined {
  const read = p.log.read(0, 1 << 20);
  return 'records' in read ? read.records : undefined;
}

describe('a new leader', () => {
  it('records its epoch as starting at its log end offset when it takes over', async () => {
    const replicas = await node(1);
    await replicas.applyImage(image(2, 4), EMPTY_IMAGE);
    const p = hosted(replicas);
    await write(p, [0, 0, 3]);
    const led = applyRecords(image(2, 4), [leaderChange('t', 0, 1)]);
    await replicas.applyImage(led, image(2, 4));
    expect(p.leaderEpoch).toBe(5);
    await p.log.assignEpochStartOffset(5); // queued behind the takeover's own: it has run
    expect(p.log.epochEntries()).toEqual([{ epoch: 0, startOffset: 0 }, { epoch: 3, startOffset: 2 }, { epoch: 5, startOffset: 3 }]);
    // A follower that saw epoch 4 (never written here) learns that the log agrees only up to 3.
    expect(offsetForLeaderEpoch(p, -1, 4)).toEqual({ errorCode: ErrorCode.NONE, leaderEpoch: 3, endOffset: 3 });
  });

  it('answers OFFSET_OUT_OF_RANGE, not a DivergingEpoch of -1/-1, to a follower whose last epoch it does not know', async () => {
    const replicas = await node(1);
    await replicas.applyImage(image(1, 2), EMPTY_IMAGE);
    const p = hosted(replicas);
    await p.log.appendAsFollower(encodeTestBatch({ baseOffset: 0, partitionLeaderEpoch: 1 }));
    await p.log.assignEpochStartOffset(2); // as a takeover after that write records it
    const [out] = await fetch(replicas, {
      replicaId: 2, maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20,
      partitions: [{ topic: 't', partition: 0, fetchOffset: 3, partitionMaxBytes: 1 << 20, currentLeaderEpoch: 2, lastFetchedEpoch: 9 }],
    });
    expect(out!.errorCode).toBe(ErrorCode.OFFSET_OUT_OF_RANGE);
    expect(out!.divergingEpoch).toBeNull();
    expect(out!.logStartOffset).toBe(0);
  });
});

describe('a new leader whose epoch start waits behind a write in flight', () => {
  it('answers followers NOT_LEADER_OR_FOLLOWER until it is recorded, then the right divergence', async () => {
    const replicas = await node(1);
    await replicas.applyImage(image(2, 4), EMPTY_IMAGE);
    const p = hosted(replicas);
    await write(p, [0, 0, 3]);
    // The last fetch as a follower is still being written when the image makes this broker leader.
    const appending = p.log.appendAsFollower(encodeTestBatch({ baseOffset: 3, partitionLeaderEpoch: 3 }));
    p.update(partitionState(image(1, 5), 't', 0)!, 1_000_000);
    const ask = () => fetch(replicas, {
      replicaId: 2, maxWaitMs: 0, minBytes: 1, maxBytes: 1 << 20,
      partitions: [{ topic: 't', partition: 0, fetchOffset: 4, partitionMaxBytes: 1 << 20, currentLeaderEpoch: 5, lastFetchedEpoch: 4 }],
    });
    const [early] = await ask();
    expect(early!.errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    expect(offsetForLeaderEpoch(p, 5, 4).errorCode).toBe(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    await appending;
    await p.log.assignEpochStartOffset(5); // queued behind the takeover's own: it has run
    const [late] = await ask();
    expect(late!.divergingEpoch).toEqual({ epoch: 3, endOffset: 4 });
    expect(offsetForLeaderEpoch(p, 5, 4)).toEqual({ errorCode: ErrorCode.NONE, leaderEpoch: 3, endOffset: 4 });
  });
});

describe('a follower', () => {
  async function converge(leaderEpochs: number[], followerEpochs: number[], leaderEpoch: number, followerLed?: number): Promise<{ calls: number; leader: Partition; follower: Partition }> {
    const leaderNode = await node(2);
    await leaderNode.applyImage(image(1, leaderEpoch - 1), EMPTY_IMAGE);
    await write(hosted(leaderNode), leaderEpochs);
    await leaderNode.applyImage(image(2, leaderEpoch), image(1, leaderEpoch - 1));
    const calls = { count: 0 };
    const fetchers = new ReplicaFetchers(leaderTransport(leaderNode, calls), { nodeId: 1, maxWaitMs: 5, maxBytesPerPartition: 1 << 20, backoffMs: 1, brokerEpoch: () => 3 }, () => undefined);
    const followerNode = await node(1, fetchers);
    await followerNode.applyImage(image(2, leaderEpoch - 1), EMPTY_IMAGE);
    const follower = hosted(followerNode);
    await write(follower, followerEpochs);
    // A former leader recorded its epoch's start and wrote nothing in it.
    if (followerLed !== undefined) await follower.log.assignEpochStartOffset(followerLed);
    const leader = hosted(leaderNode);
    try {
      await followerNode.applyImage(image(2, leaderEpoch), image(2, leaderEpoch - 1));
      // Counted in fetches, not time: a loop that makes no progress runs out of them.
      while (calls.count < 50 && follower.log.logEndOffset !== leader.log.logEndOffset) await new Promise((r) => setTimeout(r, 1));
      while (calls.count < 50 && JSON.stringify(follower.log.epochEntries()) !== JSON.stringify(leader.log.epochEntries().filter((e) => e.startOffset < leader.log.logEndOffset))) {
        await new Promise((r) => setTimeout(r, 1));
      }
    } finally {
      fetchers.stop();
    }
    return { calls: calls.count, leader, follower };
  }

  it('truncates where it is ahead of the leader with an epoch the leader never had, and catches up', async () => {
    const { calls, leader, follower } = await converge([0, 0, 0, 2], [0, 0, 0, 7, 7], 3);
    expect(calls).toBeLessThan(50);
    expect(follower.log.logEndOffset).toBe(4);
    expect(bytes(follower)).toEqual(bytes(leader));
  });

  it('drops the epoch it recorded as a leader that wrote nothing, rather than diverging forever', async () => {
    const { calls, leader, follower } = await converge([0, 0, 3, 3], [0, 0, 3], 6, 5);
    expect(calls).toBeLessThan(50);
    expect(follower.log.epochEntries()).toEqual([{ epoch: 0, startOffset: 0 }, { epoch: 3, startOffset: 2 }]);
    expect(bytes(follower)).toEqual(bytes(leader));
  });

  it('records the broker epoch it fetched with on the leader', async () => {
    const { leader } = await converge([0, 0], [0], 1);
    expect(leader.followers.get(1)!.brokerEpoch).toBe(3);
  });
});
