// The replica fetcher on its error paths, with a real follower partition over the in-memory file
// system and a leader that answers from a script: every failed fetch pauses backoffMs (counted on a
// virtual clock, so no hot loop can hide behind a fast machine), and OFFSET_OUT_OF_RANGE truncates
// as Kafka's follower does, never wiping a log the leader still has. Its fetch session (KIP-227)
// sends only what changed, and a session the leader lost costs one full fetch, not a backoff.
import { describe, expect, it } from 'vitest';
import type { FetchRequest, FetchResponse, PartitionData } from '../../../protocol/generated/api/01-fetch.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { MetadataRecordType, record } from '../../../src/metadata/records.js';
import type { Partition } from '../../../src/replication/partition.js';
import { ReplicaFetchers, type FetchTransport } from '../../../src/replication/replica-fetcher.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { applyRecords, topicIdOf } from '../../helpers/metadata-images.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';

const BACKOFF_MS = 100;

/** t-0 on replicas [1, 2], led by broker 2 at epoch 6; this test's broker is the follower, 1. */
function image(): MetadataImage {
  const topicId = topicIdOf('t');
  return applyRecords(EMPTY_IMAGE, [
    record(MetadataRecordType.TOPIC, { name: 't', topicId }),
    record(MetadataRecordType.PARTITION, {
      partitionId: 0, topicId, replicas: [1, 2], isr: [1, 2], removingReplicas: [], addingReplicas: [], leader: 2,
      leaderRecoveryState: 0, leaderEpoch: 6, partitionEpoch: 0, directories: [], eligibleLeaderReplicas: null, lastKnownElr: null,
    }),
  ]);
}

type Answer = (req: FetchRequest) => FetchResponse;

/** Runs the follower's fetch loop against `answer` until it has sent `requests` fetches. */
async function follow(answer: Answer, requests: number, prepare?: (p: Partition) => Promise<void>): Promise<{ elapsedMs: number; follower: Partition }> {
  const clock = { nowMs: 0 };
  let calls = 0;
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const transport: FetchTransport = {
    async fetch(_leaderId, req) {
      if (++calls === requests) done();
      await new Promise((r) => setImmediate(r));
      return answer(req);
    },
  };
  const sleep = async (ms: number): Promise<void> => {
    clock.nowMs += ms;
    await new Promise((r) => setImmediate(r));
  };
  const fetchers = new ReplicaFetchers(transport, { nodeId: 1, maxWaitMs: 500, maxBytesPerPartition: 1 << 20, backoffMs: BACKOFF_MS, sleep }, () => undefined);
  const { logDir } = await LogDir.open({ fs: new MemoryFileSystem(), path: '/logs', nowMs: () => clock.nowMs, configFor: () => DEFAULT_LOG_CONFIG });
  const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) });
  const replicas = new ReplicaManager({ nodeId: 1, logDir, config, nowMs: () => clock.nowMs, fetchers: prepare ? undefined : fetchers });
  await replicas.applyImage(image(), EMPTY_IMAGE);
  const found = replicas.lookup('t', 0);
  if (!('partition' in found)) throw new Error('not hosted');
  if (prepare) {
    await prepare(found.partition);
    fetchers.follow(found.partition, 2);
  }
  try {
    await finished;
  } finally {
    fetchers.stop();
  }
  return { elapsedMs: clock.nowMs, follower: found.partition };
}

function response(partitions: Partial<PartitionData>[], errorCode: number = ErrorCode.NONE): FetchResponse {
  return {
    throttleTimeMs: 0, errorCode, sessionId: 0, nodeEndpoints: [],
    responses: partitions.length === 0 ? [] : [{ topic: 't', topicId: topicIdOf('t'), partitions: partitions.map((p) => ({
      partitionIndex: 0, errorCode: ErrorCode.NONE, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1,
      divergingEpoch: { epoch: -1, endOffset: -1 }, currentLeader: { leaderId: -1, leaderEpoch: -1 }, snapshotId: { endOffset: -1, epoch: -1 },
      abortedTransactions: null, preferredReadReplica: -1, records: null, ...p,
    })) }],
  };
}

describe('the replica fetcher backs off on every failure', () => {
  const failures: [string, Answer][] = [
    ['the transport fails', () => { throw new Error('connection refused'); }],
    ['the whole request fails', () => response([], ErrorCode.UNKNOWN_SERVER_ERROR)],
    ['the leader moved', () => response([{ errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER }])],
    ['the follower is at an older leader epoch', () => response([{ errorCode: ErrorCode.FENCED_LEADER_EPOCH }])],
    ['the leader is at an older leader epoch', () => response([{ errorCode: ErrorCode.UNKNOWN_LEADER_EPOCH }])],
    ['the leader cannot read its log', () => response([{ errorCode: ErrorCode.KAFKA_STORAGE_ERROR }])],
    ['the leader leaves the partition out of its answer', () => response([])],
    ['OFFSET_OUT_OF_RANGE that changes nothing', () => response([{ errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, logStartOffset: 0, highWatermark: 0 }])],
    ['a divergence that changes nothing', () => response([{ divergingEpoch: { epoch: 6, endOffset: 0 } }])],
    ['records that cannot be appended', () => response([{ records: Buffer.from('not a batch') }])],
  ];
  for (const [name, answer] of failures) {
    it(`when ${name}`, async () => {
      const { elapsedMs } = await follow(answer, 40);
      // Every fetch after the first waited out a backoff: a loop that skips one never reaches 40
      // fetches with the virtual clock at 39 backoffs.
      expect(elapsedMs).toBeGreaterThanOrEqual(39 * BACKOFF_MS);
    });
  }
});

describe('OFFSET_OUT_OF_RANGE on a follower', () => {
  /** Offsets 0-1 in epoch 0 and 2 in epoch 3, then epoch 5 recorded as a leader that wrote nothing. */
  async function formerLeader(p: Partition): Promise<void> {
    const epochs = [0, 0, 3];
    for (const [offset, epoch] of epochs.entries()) await p.log.appendAsFollower(encodeTestBatch({ baseOffset: offset, partitionLeaderEpoch: epoch }));
    await p.log.assignEpochStartOffset(5);
  }

  it('keeps the records the leader has committed and drops only the epoch entry it does not know', async () => {
    const { follower } = await follow(() => response([{ errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, logStartOffset: 0, highWatermark: 3 }]), 3, formerLeader);
    expect(follower.log.logEndOffset).toBe(3);
    expect(follower.log.logStartOffset).toBe(0);
    expect(follower.log.epochEntries()).toEqual([{ epoch: 0, startOffset: 0 }, { epoch: 3, startOffset: 2 }]);
  });

  it('cuts back to the leader high watermark when ahead of it', async () => {
    const { follower } = await follow(() => response([{ errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, logStartOffset: 0, highWatermark: 2 }]), 3, formerLeader);
    expect(follower.log.logEndOffset).toBe(2);
    expect(follower.log.epochEntries()).toEqual([{ epoch: 0, startOffset: 0 }]);
  });

  it('starts over at the leader log start when behind it', async () => {
    const { follower } = await follow(() => response([{ errorCode: ErrorCode.OFFSET_OUT_OF_RANGE, logStartOffset: 7, highWatermark: 9 }]), 3, formerLeader);
    expect(follower.log.logStartOffset).toBe(7);
    expect(follower.log.logEndOffset).toBe(7);
  });
});

describe('fetch sessions on a follower (KIP-227)', () => {
  it('sends only what changed in its session, and fetches in full at once when the leader lost it', async () => {
    const requests: FetchRequest[] = [];
    const answers: Answer[] = [
      () => ({ ...response([{ records: encodeTestBatch({ baseOffset: 0, partitionLeaderEpoch: 6 }), highWatermark: 1 }]), sessionId: 7 }),
      () => ({ ...response([]), sessionId: 7 }),
      () => ({ ...response([]), sessionId: 7, errorCode: ErrorCode.FETCH_SESSION_ID_NOT_FOUND }),
      () => response([{ highWatermark: 1 }]),
    ];
    // One fetch more than scripted: the harness stops at the last one sent, before it is answered.
    const { elapsedMs } = await follow((req) => {
      requests.push(req);
      return (answers[requests.length - 1] ?? answers[3]!)(req);
    }, answers.length + 1);
    const sent = requests.slice(0, answers.length).map((r) => ({
      session: [r.sessionId, r.sessionEpoch],
      partitions: r.topics.flatMap((t) => t.partitions.map((p) => [t.topicId, p.partition, p.fetchOffset])),
    }));
    const id = topicIdOf('t');
    expect(sent).toEqual([
      { session: [0, 0], partitions: [[id, 0, 0]] },
      // The append moved the partition's position: sent again, within the session.
      { session: [7, 1], partitions: [[id, 0, 1]] },
      // Nothing moved: an empty fetch, which the leader answers from the session.
      { session: [7, 2], partitions: [] },
      // The session is gone: a full fetch that asks for a new one.
      { session: [0, 0], partitions: [[id, 0, 1]] },
    ]);
    // An answer without news and a lost session are no failures: no backoff.
    expect(elapsedMs).toBe(0);
  });
});
