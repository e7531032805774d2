// KIP-890 part 1 on a real partition leader over the in-memory file system, with the coordinator's
// answer stubbed at the seam (the runtime sends AddPartitionsToTxn v4 verifyOnly): a producer's
// first transactional batch on the partition is appended only once the coordinator says the
// partition is in the ongoing transaction; its errors reach the producer as Kafka translates them;
// a marker that lands while the verification is in flight voids it (Kafka's VerificationGuard), so
// a late batch cannot open a transaction the coordinator has already ended.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { ServerConfig } from '../../../src/config/server-config.js';
import { EMPTY_IMAGE } from '../../../src/metadata/image.js';
import { ReplicaManager } from '../../../src/replication/replica-manager.js';
import type { VerificationRequest } from '../../../src/replication/txn-verification.js';
import { DEFAULT_LOG_CONFIG } from '../../../storage/log-config.js';
import { LogDir } from '../../../storage/log-dir.js';
import { MemoryFileSystem } from '../../../storage/memory-file-system.js';
import { applyRecords, topicRecords } from '../../helpers/metadata-images.js';
import { txnBatch } from '../../helpers/txn-batches.js';

const PID = 42;

async function leader(answer: (req: VerificationRequest) => Promise<number>) {
  const nowMs = (): number => 1_000;
  const { logDir } = await LogDir.open({ fs: new MemoryFileSystem(), path: '/logs', nowMs, configFor: () => DEFAULT_LOG_CONFIG });
  const config = ServerConfig.resolve({ profile: 'dev', overrides: new Map([['node.id', '1']]) });
  const asked: VerificationRequest[] = [];
  const replicas = new ReplicaManager({ nodeId: 1, logDir, config, nowMs, verifyTxn: (req) => (asked.push(req), answer(req)) });
  await replicas.applyImage(applyRecords(EMPTY_IMAGE, topicRecords('t', 1, () => [1])), EMPTY_IMAGE);
  const produce = (seq: number, transactionalId: string | null = 'tx') =>
    Promise.resolve(replicas.produce('t', 0, txnBatch(PID, seq), { acks: -1, timeoutMs: 5_000, requestVersion: 9, transactionalId }));
  const logEnd = (): number => { const f = replicas.lookup('t', 0); return 'partition' in f ? f.partition.log.logEndOffset : -1; };
  return { replicas, asked, produce, logEnd };
}

describe('transactional produce verified with the coordinator', () => {
  it('asks once per transaction and partition, then appends without asking', async () => {
    const l = await leader(async () => ErrorCode.NONE);
    expect((await l.produce(0)).errorCode).toBe(ErrorCode.NONE);
    expect((await l.produce(1)).errorCode).toBe(ErrorCode.NONE);
    expect(l.asked).toEqual([{ transactionalId: 'tx', producerId: PID, producerEpoch: 0, topic: 't', partition: 0 }]);
    expect(await l.replicas.writeTxnMarker('t', 0, { producerId: PID, producerEpoch: 0, commit: true, coordinatorEpoch: 0 }, 5_000)).toBe(ErrorCode.NONE);
    expect((await l.produce(2)).errorCode).toBe(ErrorCode.NONE);
    expect(l.asked).toHaveLength(2);
  });

  it("refuses what the coordinator does not confirm, translating its errors as Kafka does", async () => {
    for (const [coordinator, producer] of [
      [ErrorCode.INVALID_TXN_STATE, ErrorCode.INVALID_TXN_STATE],
      [ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.NOT_ENOUGH_REPLICAS],
      [ErrorCode.NOT_COORDINATOR, ErrorCode.NOT_ENOUGH_REPLICAS],
      [ErrorCode.CONCURRENT_TRANSACTIONS, ErrorCode.NOT_ENOUGH_REPLICAS],
      [ErrorCode.PRODUCER_FENCED, ErrorCode.INVALID_PRODUCER_EPOCH],
    ]) {
      const l = await leader(async () => coordinator!);
      expect((await l.produce(0)).errorCode).toBe(producer);
      expect(l.logEnd()).toBe(0);
    }
  });

  it('voids a verification when a marker lands before its answer', async () => {
    let confirm!: (code: number) => void;
    const l = await leader(() => new Promise((resolve) => { confirm = resolve; }));
    const late = l.produce(0);
    // The coordinator aborts the transaction (timeout) while the leader waits for its answer.
    expect(await l.replicas.writeTxnMarker('t', 0, { producerId: PID, producerEpoch: 0, commit: false, coordinatorEpoch: 0 }, 5_000)).toBe(ErrorCode.NONE);
    confirm(ErrorCode.NONE);
    expect((await late).errorCode).toBe(ErrorCode.INVALID_TXN_STATE);
    expect(l.logEnd()).toBe(1); // the marker only
  });
});
