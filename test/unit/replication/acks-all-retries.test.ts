// A retried idempotent batch under acks=all, on a real partition over the in-memory file system:
// the leader recognises it as already written, and answers it as Kafka's DelayedProduce does, only
// once the in-sync replicas have it and min.insync.replicas still holds. Its first attempt may
// have timed out with the batch on the leader alone; an immediate success would acknowledge a
// record that the leader's death loses. A retry waiting on a first attempt whose append failed
// gets that attempt's error code, not a rejected request.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { encodeRecordBatch } from '../../../protocol/records/record-batch.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE, type MetadataImage } from '../../../src/metadata/image.js';
import { MetadataRecordType, record } from '../../../src/metadata/records.js';
import type { Partition } from '../../../src/replication/partition.js';
import type { PartitionProduceResult } from '../../../src/replication/produce.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { applyRecords, topicIdOf, topicRecords } from '../../helpers/metadata-images.js';

const NOW_MS = 1_700_000_000_000;

interface Leader {
  fs: MemoryFileSystem;
  replicas: ReplicaManager;
  p: Partition;
  commitIsr(isr: number[]): Promise<void>;
}

/** Node 1 leads t-0 with replicas and ISR [1, 2, 3]; min.insync.replicas=2. */
async function leader(): Promise<Leader> {
  const nowMs = (): number => NOW_MS;
  const fs = new MemoryFileSystem();
  const { logDir } = await LogDir.open({ fs, path: '/logs', nowMs, configFor: () => DEFAULT_LOG_CONFIG });
  const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1'], ['min.insync.replicas', '2']]) });
  const replicas = new ReplicaManager({ nodeId: 1, logDir, config, nowMs });
  let image: MetadataImage = applyRecords(EMPTY_IMAGE, topicRecords('t', 1, () => [1, 2, 3]));
  await replicas.applyImage(image, EMPTY_IMAGE);
  const found = replicas.lookup('t', 0);
  if (!('partition' in found)) throw new Error('not hosted');
  const commitIsr = async (isr: number[]): Promise<void> => {
    const next = applyRecords(image, [record(MetadataRecordType.PARTITION_CHANGE, {
      partitionId: 0, topicId: topicIdOf('t'), isr, leader: -2, replicas: null, removingReplicas: null,
      addingReplicas: null, leaderRecoveryState: -1, directories: null, eligibleLeaderReplicas: null, lastKnownElr: null,
    })]);
    await replicas.applyImage(next, image);
    image = next;
  };
  return { fs, replicas, p: found.partition, commitIsr };
}

/** The same idempotent batch of three records every time: producer 42, epoch 0, sequence 0. */
const BATCH = encodeRecordBatch({
  producerId: 42, producerEpoch: 0, baseSequence: 0,
  records: ['a', 'b', 'c'].map((v, i) => ({ key: null, value: Buffer.from(v), timestamp: NOW_MS + i })),
});

function produce(l: Leader, timeoutMs: number, acks = -1): { answer: Promise<PartitionProduceResult>; answered: () => boolean } {
  let done = false;
  const answer = Promise.resolve(l.replicas.produce('t', 0, BATCH, { acks, timeoutMs, requestVersion: 9 }))
    .finally(() => { done = true; });
  return { answer, answered: () => done };
}

/** Lets queued appends and promise callbacks run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}

/** The first attempt times out: no follower fetches, so the batch is on the leader alone. */
async function timedOutFirstAttempt(l: Leader): Promise<void> {
  const first = await produce(l, 0).answer;
  expect(first.errorCode).toBe(ErrorCode.REQUEST_TIMED_OUT);
  expect(l.p.log.logEndOffset).toBe(3);
  expect(l.p.highWatermark).toBe(0);
}

describe('a retried idempotent batch under acks=all', () => {
  it('is acknowledged only once the in-sync replicas have it, with its first offset, and written once', async () => {
    const l = await leader();
    await timedOutFirstAttempt(l);
    const retry = produce(l, 60_000);
    await settle();
    expect(retry.answered()).toBe(false);
    l.p.recordFollowerFetch(2, 3, NOW_MS);
    await settle();
    expect(retry.answered()).toBe(false);
    l.p.recordFollowerFetch(3, 3, NOW_MS);
    expect(await retry.answer).toMatchObject({ errorCode: ErrorCode.NONE, baseOffset: 0 });
    expect(l.p.log.logEndOffset).toBe(3);
  });

  it('answers NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR shrinks below min.insync.replicas meanwhile', async () => {
    const l = await leader();
    await timedOutFirstAttempt(l);
    const retry = produce(l, 60_000);
    await settle();
    await l.commitIsr([1]);
    expect(l.p.highWatermark).toBe(3);
    expect((await retry.answer).errorCode).toBe(ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND);
  });

  it('times out again when the replicas still do not have it', async () => {
    const l = await leader();
    await timedOutFirstAttempt(l);
    expect((await produce(l, 0).answer).errorCode).toBe(ErrorCode.REQUEST_TIMED_OUT);
    expect(l.p.log.logEndOffset).toBe(3);
  });

  it('answers KAFKA_STORAGE_ERROR, as its first attempt, when that append failed while the retry waited for it', async () => {
    const l = await leader();
    l.fs.failNext('write');
    const first = produce(l, 60_000, 1);
    const retry = produce(l, 60_000, 1);
    expect((await first.answer).errorCode).toBe(ErrorCode.KAFKA_STORAGE_ERROR);
    expect((await retry.answer).errorCode).toBe(ErrorCode.KAFKA_STORAGE_ERROR);
  });
});
