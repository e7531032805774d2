// TxnOffsetCommit in the group coordinator: offsets of an open transaction are written as the
// producer's transactional batch, stay invisible (UNSTABLE_OFFSET_COMMIT to require_stable) until
// the transaction's marker reaches the partition, then are applied (commit) or dropped (abort);
// the same holds when the partition is replayed at load. Where a partition has both, the offset
// whose record is later in the log wins, as in Kafka's OffsetMetadataManager.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import type { TxnOffsetCommitRequest, TxnOffsetCommitResponse } from '../../../protocol/generated/api/28-txn-offset-commit.js';
import type { CoordinatorRecord } from '../../../src/coordinator/records.js';
import { Harness } from './harness.js';

/** Every record the coordinator wrote so far, in log order, each with its transaction's producer. */
function written(h: Harness): [CoordinatorRecord, number | undefined][] {
  return h.pending.flatMap((a) => a.records.map((r): [CoordinatorRecord, number | undefined] => [r, a.txn?.producerId]));
}

function txnCommit(h: Harness, offsets: [string, number, number][], over: Partial<TxnOffsetCommitRequest> = {}): { value?: TxnOffsetCommitResponse } {
  const out: { value?: TxnOffsetCommitResponse } = {};
  const req: TxnOffsetCommitRequest = {
    transactionalId: 'tx', groupId: 'g', producerId: 42, producerEpoch: 3, generationId: -1, memberId: '', groupInstanceId: null,
    topics: offsets.map(([name, partitionIndex, committedOffset]) => ({
      name, partitions: [{ partitionIndex, committedOffset, committedLeaderEpoch: -1, committedMetadata: null }],
    })),
    ...over,
  };
  h.coordinator.txnCommitOffsets(req, h.ctx(3), (r) => (out.value = r));
  return out;
}

describe('transactional offset commits', () => {
  it('are written as the producer\'s transactional batch and become visible at the commit marker', () => {
    const h = new Harness();
    const r = txnCommit(h, [['t', 0, 10]]);
    expect(h.pending[0]!.txn).toEqual({ producerId: 42, producerEpoch: 3 });
    h.flush();
    expect(r.value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NONE);
    expect(h.fetched('g', 't', 0)).toEqual({ offset: -1, errorCode: ErrorCode.NONE });
    expect(h.fetched('g', 't', 0, true).errorCode).toBe(ErrorCode.UNSTABLE_OFFSET_COMMIT);
    h.coordinator.completeTransaction(0, 42, true, h.nowMs);
    expect(h.fetched('g', 't', 0, true)).toEqual({ offset: 10, errorCode: ErrorCode.NONE });
  });

  it('are dropped at the abort marker, leaving the offset committed before', () => {
    const h = new Harness();
    h.commit({ groupId: 'g' }, [['t', 0, 5]]);
    h.flush();
    txnCommit(h, [['t', 0, 10]]);
    h.flush();
    h.coordinator.completeTransaction(0, 7, true, h.nowMs); // another producer's marker changes nothing
    expect(h.fetched('g', 't', 0, true).errorCode).toBe(ErrorCode.UNSTABLE_OFFSET_COMMIT);
    h.coordinator.completeTransaction(0, 42, false, h.nowMs);
    expect(h.fetched('g', 't', 0, true)).toEqual({ offset: 5, errorCode: ErrorCode.NONE });
  });

  it('replayed at load: pending until a marker of the producer follows in the log', () => {
    const h = new Harness();
    txnCommit(h, [['t', 0, 10]]);
    const written = h.pending[0]!.records;
    h.flush();
    h.coordinator.beginLoad(0, h.nowMs);
    for (const r of written) h.coordinator.replay(0, r, 42);
    h.coordinator.completeLoad(0, h.nowMs);
    expect(h.fetched('g', 't', 0, true).errorCode).toBe(ErrorCode.UNSTABLE_OFFSET_COMMIT);
    h.coordinator.beginLoad(0, h.nowMs);
    for (const r of written) h.coordinator.replay(0, r, 42);
    h.coordinator.completeTransaction(0, 42, true, h.nowMs);
    h.coordinator.completeLoad(0, h.nowMs);
    expect(h.fetched('g', 't', 0, true)).toEqual({ offset: 10, errorCode: ErrorCode.NONE });
  });

  it('checks member and generation when the producer names them (v3+)', () => {
    const h = new Harness();
    expect(txnCommit(h, [['t', 0, 1]], { memberId: 'ghost' }).value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(txnCommit(h, [['t', 0, 1]], { generationId: 4 }).value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(h.pending).toHaveLength(0);
  });

  it('a failed write leaves nothing pending', () => {
    const h = new Harness();
    const r = txnCommit(h, [['t', 0, 10]]);
    h.flush(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    expect(r.value!.topics[0]!.partitions[0]!.errorCode).toBe(ErrorCode.NOT_COORDINATOR);
    expect(h.fetched('g', 't', 0, true)).toEqual({ offset: -1, errorCode: ErrorCode.NONE });
  });

  it('a regular commit written while the transaction is open stays when it commits (the later record wins)', () => {
    const h = new Harness();
    txnCommit(h, [['t', 0, 10], ['t', 1, 10]]);
    h.flush();
    h.commit({ groupId: 'g' }, [['t', 0, 20]]);
    h.flush();
    h.coordinator.completeTransaction(0, 42, true, h.nowMs);
    expect(h.fetched('g', 't', 0, true)).toEqual({ offset: 20, errorCode: ErrorCode.NONE });
    expect(h.fetched('g', 't', 1, true)).toEqual({ offset: 10, errorCode: ErrorCode.NONE });
  });

  it('a transactional offset written after a regular commit replaces it at the commit marker', () => {
    const h = new Harness();
    h.commit({ groupId: 'g' }, [['t', 0, 20]]);
    h.flush();
    txnCommit(h, [['t', 0, 10]]);
    h.flush();
    h.coordinator.completeTransaction(0, 42, true, h.nowMs);
    expect(h.fetched('g', 't', 0, true)).toEqual({ offset: 10, errorCode: ErrorCode.NONE });
  });

  it('of two transactions, the offset written later wins whichever commits last', () => {
    const h = new Harness();
    txnCommit(h, [['t', 0, 10]], { producerId: 7 });
    h.flush();
    txnCommit(h, [['t', 0, 30]]);
    h.flush();
    h.coordinator.completeTransaction(0, 42, true, h.nowMs);
    h.coordinator.completeTransaction(0, 7, true, h.nowMs);
    expect(h.fetched('g', 't', 0, true)).toEqual({ offset: 30, errorCode: ErrorCode.NONE });
  });

  it('replayed at load, the order of the records decides as it did when they were written', () => {
    const h = new Harness();
    txnCommit(h, [['t', 0, 10]]);
    h.commit({ groupId: 'g' }, [['t', 0, 20]]);
    txnCommit(h, [['t', 1, 30]], { producerId: 7 });
    h.commit({ groupId: 'g' }, [['t', 1, 5]]);
    txnCommit(h, [['t', 1, 40]], { producerId: 7 });
    const log = written(h);
    h.flush();
    h.coordinator.beginLoad(0, h.nowMs);
    for (const [r, producerId] of log) h.coordinator.replay(0, r, producerId);
    h.coordinator.completeTransaction(0, 42, true, h.nowMs);
    h.coordinator.completeTransaction(0, 7, true, h.nowMs);
    h.coordinator.completeLoad(0, h.nowMs);
    expect(h.fetched('g', 't', 0, true)).toEqual({ offset: 20, errorCode: ErrorCode.NONE });
    expect(h.fetched('g', 't', 1, true)).toEqual({ offset: 40, errorCode: ErrorCode.NONE });
  });

  it('OffsetDelete of a partition with only a transaction\'s offset writes a tombstone, and the marker brings nothing back', () => {
    const h = new Harness();
    txnCommit(h, [['t', 0, 10]]);
    h.flush();
    const deleted: number[] = [];
    h.coordinator.deleteOffsets({ groupId: 'g', topics: [{ name: 't', partitions: [{ partitionIndex: 0 }] }] }, h.ctx(0), (r) => deleted.push(r.errorCode));
    expect(h.pending).toHaveLength(1);
    h.flush();
    expect(deleted).toEqual([ErrorCode.NONE]);
    expect(h.fetched('g', 't', 0, true)).toEqual({ offset: -1, errorCode: ErrorCode.NONE });
    h.coordinator.completeTransaction(0, 42, true, h.nowMs);
    expect(h.fetched('g', 't', 0, true)).toEqual({ offset: -1, errorCode: ErrorCode.NONE });
  });

  it('deleting the group writes tombstones for its open transactions\' offsets too', () => {
    const h = new Harness();
    h.commit({ groupId: 'g' }, [['t', 0, 5]]);
    h.flush();
    txnCommit(h, [['t', 0, 10], ['t', 1, 10]]);
    h.flush();
    const results: number[] = [];
    h.coordinator.deleteGroups(['g'], h.ctx(2), (r) => results.push(r[0]!.errorCode));
    const tombstones = h.pending.flatMap((a) => a.records).filter((r) => r.value === null).length;
    h.flush();
    expect(results).toEqual([ErrorCode.NONE]);
    expect(tombstones).toBe(3); // t-0, t-1 and the group's
    h.coordinator.completeTransaction(0, 42, true, h.nowMs);
    expect(h.fetched('g', 't', 0, true)).toEqual({ offset: -1, errorCode: ErrorCode.NONE });
    expect(h.fetched('g', 't', 1, true)).toEqual({ offset: -1, errorCode: ErrorCode.NONE });
  });
});
