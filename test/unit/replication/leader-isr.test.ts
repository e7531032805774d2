// The leader's side of acks=all and the ISR, on real partitions over the in-memory file system:
// min.insync.replicas is checked again once the high watermark passes a waiting request (the ISR
// may have shrunk meanwhile), the high watermark counts a follower whose ISR expansion is in flight
// (Kafka's maximal ISR), AlterPartition carries each member's broker epoch (KIP-903), and a pass
// over many partitions asks for all their changes in one request.
import { describe, expect, it } from 'vitest';
import type { AlterPartitionRequest, AlterPartitionResponse } from '../../../protocol/generated/api/56-alter-partition.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../../../src/metadata/records.js';
import type { Partition } from '../../../src/replication/partition.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { applyRecords, topicIdOf, topicRecords } from '../../helpers/metadata-images.js';
import { encodeTestBatch } from '../../helpers/storage-batches.js';

const NODE_ID = 1;
const BROKER_EPOCH = 7;

interface Sent {
  req: AlterPartitionRequest;
  answer: (res: AlterPartitionResponse) => void;
}

interface Leader {
  replicas: ReplicaManager;
  p: Partition;
  sent: Sent[];
  clock: { now: number };
  image: { current: MetadataImage };
}

/** Node 1 hosting what `records` create; AlterPartition requests wait in `sent`. */
async function node1(records: MetadataRecord[], minInsync = 2): Promise<Omit<Leader, 'p'>> {
  const clock = { now: 1_000_000 };
  const nowMs = (): number => clock.now;
  const { logDir } = await LogDir.open({ fs: new MemoryFileSystem(), path: '/logs', nowMs, configFor: () => DEFAULT_LOG_CONFIG });
  const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1'], ['min.insync.replicas', String(minInsync)]]) });
  const sent: Sent[] = [];
  const replicas = new ReplicaManager({
    nodeId: NODE_ID, logDir, config, nowMs, brokerEpoch: () => BROKER_EPOCH,
    alterPartition: (req) => new Promise((answer) => sent.push({ req, answer })),
  });
  const image = { current: applyRecords(EMPTY_IMAGE, records) };
  await replicas.applyImage(image.current, EMPTY_IMAGE);
  return { replicas, sent, clock, image };
}

/** Node 1 leads t-0 with replicas [1, 2, 3] and the given ISR. */
async function leader(isr: number[], minInsync = 2): Promise<Leader> {
  const node = await node1([...topicRecords('t', 1, () => [1, 2, 3]), isrChange(isr)], minInsync);
  const found = node.replicas.lookup('t', 0);
  if (!('partition' in found)) throw new Error('not hosted');
  return { ...node, p: found.partition };
}

function isrChange(isr: number[]) {
  return record(MetadataRecordType.PARTITION_CHANGE, {
    partitionId: 0, topicId: topicIdOf('t'), isr, leader: -2, replicas: null, removingReplicas: null, addingReplicas: null,
    leaderRecoveryState: -1, directories: null, eligibleLeaderReplicas: null, lastKnownElr: null,
  });
}

/** The controller commits an ISR change: the image gets it. */
async function commitIsr(l: Leader, isr: number[]): Promise<void> {
  const next = applyRecords(l.image.current, [isrChange(isr)]);
  await l.replicas.applyImage(next, l.image.current);
  l.image.current = next;
}

function produce(l: Leader, acks: number, records = 1) {
  return Promise.resolve(l.replicas.produce('t', 0, encodeTestBatch({ recordCount: records, baseTimestampMs: l.clock.now }), { acks, timeoutMs: 60_000, requestVersion: 9 }));
}

function answer(sent: Sent, errorCode: number): void {
  const p = sent.req.topics[0]!.partitions[0]!;
  sent.answer({
    throttleTimeMs: 0, errorCode: ErrorCode.NONE,
    topics: [{ topicName: 't', topicId: topicIdOf('t'), partitions: [{
      partitionIndex: 0, errorCode, leaderId: NODE_ID, leaderEpoch: p.leaderEpoch, isr: p.newIsr,
      leaderRecoveryState: 0, partitionEpoch: p.partitionEpoch + 1,
    }] }],
  });
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

async function appended(l: Leader, endOffset: number): Promise<void> {
  while (l.p.log.logEndOffset < endOffset) await settle();
}

describe('acks=all and min.insync.replicas', () => {
  it('refuses before the append when the ISR is already too small (NOT_ENOUGH_REPLICAS)', async () => {
    const l = await leader([1]);
    expect((await produce(l, -1)).errorCode).toBe(ErrorCode.NOT_ENOUGH_REPLICAS);
    expect(l.p.log.logEndOffset).toBe(0);
  });

  it('answers NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR shrinks below it while the request waits', async () => {
    const l = await leader([1, 2, 3]);
    const waiting = produce(l, -1);
    await appended(l, 1);
    // Nobody fetched it; the followers leave the ISR and the high watermark passes the record.
    await commitIsr(l, [1]);
    expect(l.p.highWatermark).toBe(1);
    const result = await waiting;
    expect(result.errorCode).toBe(ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND);
  });

  it('succeeds when the ISR that reached the record still has min.insync.replicas members', async () => {
    const l = await leader([1, 2, 3]);
    const waiting = produce(l, -1);
    await appended(l, 1);
    l.p.recordFollowerFetch(2, 1, l.clock.now);
    await commitIsr(l, [1, 2]);
    expect((await waiting).errorCode).toBe(ErrorCode.NONE);
  });
});

describe('the high watermark over the maximal ISR', () => {
  it('counts a follower whose ISR expansion is in flight, so it never joins missing acknowledged records', async () => {
    const l = await leader([1, 2]);
    await produce(l, 1);
    l.p.recordFollowerFetch(2, 1, l.clock.now);
    l.p.recordFollowerFetch(3, 1, l.clock.now);
    expect(l.p.highWatermark).toBe(1);
    // Follower 3 caught up: the leader asks to add it.
    l.replicas.checkIsr([l.p], 3);
    await settle();
    expect(l.sent).toHaveLength(1);
    expect(l.sent[0]!.req.topics[0]!.partitions[0]!.newIsr).toEqual([1, 2, 3]);
    // Meanwhile a record gets to follower 2 but not to follower 3.
    await produce(l, 1);
    l.p.recordFollowerFetch(2, 2, l.clock.now);
    expect(l.p.highWatermark).toBe(1);
    // The controller commits 3 into the ISR: everything below the high watermark is on it.
    await commitIsr(l, [1, 2, 3]);
    answer(l.sent[0]!, ErrorCode.NONE);
    await settle();
    expect(l.p.highWatermark).toBeLessThanOrEqual(l.p.followers.get(3)!.logEndOffset);
    l.p.recordFollowerFetch(3, 2, l.clock.now);
    expect(l.p.highWatermark).toBe(2);
  });

  it('keeps counting the follower until the image has the committed change, and not after a refusal', async () => {
    const l = await leader([1, 2]);
    l.p.recordFollowerFetch(2, 0, l.clock.now);
    l.p.recordFollowerFetch(3, 0, l.clock.now);
    l.replicas.checkIsr([l.p], 3);
    await settle();
    await produce(l, 1);
    l.p.recordFollowerFetch(2, 1, l.clock.now);
    // Committed, but this broker's image has not caught up: still pending, no new request.
    answer(l.sent[0]!, ErrorCode.NONE);
    await settle();
    expect(l.p.highWatermark).toBe(0);
    l.replicas.checkIsr([l.p], 3);
    await settle();
    expect(l.sent).toHaveLength(1);

    const refused = await leader([1, 2]);
    refused.p.recordFollowerFetch(2, 0, refused.clock.now);
    refused.p.recordFollowerFetch(3, 0, refused.clock.now);
    refused.replicas.checkIsr([refused.p], 3);
    await settle();
    await produce(refused, 1);
    refused.p.recordFollowerFetch(2, 1, refused.clock.now);
    expect(refused.p.highWatermark).toBe(0);
    answer(refused.sent[0]!, ErrorCode.INELIGIBLE_REPLICA);
    await settle();
    expect(refused.p.highWatermark).toBe(1);
  });

  it('keeps the old, larger ISR for the high watermark while a shrink is pending', async () => {
    const l = await leader([1, 2, 3]);
    l.p.recordFollowerFetch(2, 0, l.clock.now);
    l.p.recordFollowerFetch(3, 0, l.clock.now);
    await produce(l, 1);
    l.p.recordFollowerFetch(2, 1, l.clock.now);
    l.clock.now += 60_000;
    l.p.recordFollowerFetch(2, 1, l.clock.now);
    // A fetch of a member changes nothing; the periodic check shrinks.
    l.replicas.checkIsr([l.p], 2);
    await settle();
    expect(l.sent).toEqual([]);
    l.replicas.checkIsr([l.p]);
    await settle();
    expect(l.sent[0]!.req.topics[0]!.partitions[0]!.newIsr).toEqual([1, 2]);
    expect(l.p.highWatermark).toBe(0);
    await commitIsr(l, [1, 2]);
    answer(l.sent[0]!, ErrorCode.NONE);
    await settle();
    expect(l.p.highWatermark).toBe(1);
  });
});

describe('broker epochs in AlterPartition (KIP-903)', () => {
  it('sends each member with the broker epoch it fetched with, and ours for the leader', async () => {
    const l = await leader([1, 2]);
    l.p.recordFollowerFetch(2, 0, l.clock.now, 41);
    l.p.recordFollowerFetch(3, 0, l.clock.now, 42);
    l.replicas.checkIsr([l.p], 3);
    await settle();
    const sent = l.sent[0]!.req;
    expect(sent.brokerEpoch).toBe(BROKER_EPOCH);
    expect(sent.topics[0]!.partitions[0]!.newIsrWithEpochs).toEqual([
      { brokerId: 1, brokerEpoch: BROKER_EPOCH }, { brokerId: 2, brokerEpoch: 41 }, { brokerId: 3, brokerEpoch: 42 },
    ]);
  });

  it('a restarted follower (new broker epoch) is not caught up on what its previous incarnation fetched', async () => {
    const l = await leader([1, 2, 3]);
    await produce(l, 1, 3);
    const start = l.clock.now;
    l.p.recordFollowerFetch(3, 3, start, 42);
    await produce(l, 1);
    // The old incarnation's fetch reached the leader's end of then: caught up as of that fetch.
    l.clock.now += 1_000;
    l.p.recordFollowerFetch(3, 3, l.clock.now, 42);
    expect(l.p.followers.get(3)!.lastCaughtUpMs).toBe(start);
    // The new incarnation fetches from the same offset: that says nothing about the old one's lag,
    // and it is not caught up until one of its own fetches reaches the leader's end.
    await produce(l, 1);
    l.clock.now += 1_000;
    l.p.recordFollowerFetch(3, 4, l.clock.now, 43);
    expect(l.p.followers.get(3)!.lastCaughtUpMs).toBe(0);
    expect(l.p.followers.get(3)!.brokerEpoch).toBe(43);
  });
});

describe('ISR changes of many partitions', () => {
  it('go to the controller as one AlterPartition request per pass, the next pass waiting for its answer', async () => {
    const { replicas, sent, clock } = await node1([...topicRecords('a', 30, () => [1, 2, 3]), ...topicRecords('b', 20, () => [1, 2, 3])]);
    // No follower fetched within replica.lag.time.max.ms: every partition shrinks to the leader.
    clock.now += ServerConfig.resolve({ profile: 'dev' }).int('replica.lag.time.max.ms') + 1;
    replicas.checkIsr();
    await settle();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.req.topics.map((t) => t.partitions.length).sort()).toEqual([20, 30]);
    // A pass while that one is in flight asks nothing new: each partition has a change pending.
    replicas.checkIsr();
    await settle();
    expect(sent).toHaveLength(1);
  });
});
