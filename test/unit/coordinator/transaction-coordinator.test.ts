// The transaction coordinator's state machine on a virtual clock: the commit path through
// PrepareCommit, markers and CompleteCommit; fencing by a new producer; timeouts; marker retries;
// failover in the middle of a commit; epoch exhaustion; KIP-360 recovery; KIP-890 verification.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { TxnState } from '../../../src/coordinator/txn-records.js';
import { TXN_TEST_CONFIG, TxnHarness } from './txn-harness.js';

const { Ongoing, PrepareCommit, PrepareAbort, CompleteCommit, CompleteAbort, Empty } = TxnState;

describe('transaction coordinator', () => {
  it('commits: AddPartitions writes Ongoing, EndTxn PrepareCommit, markers per leader, then CompleteCommit', () => {
    const h = new TxnHarness();
    h.leaders.set('b-0', 2);
    const pe = h.initOk('t1');
    expect(pe).toEqual({ producerId: 1000, producerEpoch: 0, errorCode: ErrorCode.NONE });
    const added = h.add('t1', pe, [['a', 0], ['a', 1], ['b', 0]]);
    expect(added.value).toBeUndefined(); // not before it is written
    h.flush();
    expect(added.value).toBe(ErrorCode.NONE);
    expect(h.add('t1', pe, [['a', 1]]).value).toBe(ErrorCode.NONE); // already in: no write
    expect(h.appends).toHaveLength(0);
    const ended = h.end('t1', pe, true);
    h.flush();
    expect(ended.value).toBe(ErrorCode.NONE);
    expect(h.state('t1')).toBe('PrepareCommit');
    expect(h.add('t1', pe, [['a', 2]]).value).toBe(ErrorCode.CONCURRENT_TRANSACTIONS);
    expect(h.sends.map((s) => s.nodeId).sort()).toEqual([1, 2]);
    const toNode1 = h.sends.find((s) => s.nodeId === 1)!;
    expect(toNode1.request.markers).toEqual([{
      producerId: 1000, producerEpoch: 0, transactionResult: true, coordinatorEpoch: 0,
      topics: [{ name: 'a', partitionIndexes: [0, 1] }],
    }]);
    h.answerMarkers();
    h.answerMarkers();
    h.flush();
    expect(h.state('t1')).toBe('CompleteCommit');
    expect(h.logStates()).toEqual([`t1:${Empty}:0`, `t1:${Ongoing}:0`, `t1:${PrepareCommit}:0`, `t1:${CompleteCommit}:0`]);
    expect(h.end('t1', pe, true).value).toBe(ErrorCode.NONE); // a retried EndTxn
    expect(h.end('t1', pe, false).value).toBe(ErrorCode.INVALID_TXN_STATE);
  });

  it('a second producer with the same id fences the first and aborts its open transaction first', () => {
    const h = new TxnHarness();
    const first = h.initOk('t1');
    h.add('t1', first, [['a', 0]]);
    h.flush();
    const second = h.init('t1');
    h.flush();
    expect(second.value?.errorCode).toBe(ErrorCode.CONCURRENT_TRANSACTIONS);
    expect(h.logStates().at(-1)).toBe(`t1:${PrepareAbort}:1`);
    expect(h.sends[0]!.request.markers[0]).toMatchObject({ producerEpoch: 1, transactionResult: false });
    expect(h.add('t1', first, [['a', 1]]).value).toBe(ErrorCode.PRODUCER_FENCED);
    expect(h.init('t1').value?.errorCode).toBe(ErrorCode.CONCURRENT_TRANSACTIONS); // markers pending
    h.answerMarkers();
    h.flush();
    const retried = h.init('t1');
    h.flush();
    expect(retried.value).toEqual({ errorCode: ErrorCode.NONE, producerId: 1000, producerEpoch: 2 });
    expect(h.end('t1', first, true).value).toBe(ErrorCode.PRODUCER_FENCED);
  });

  it('aborts a transaction past transaction.timeout.ms under a bumped epoch', () => {
    const h = new TxnHarness();
    const pe = h.initOk('t1', 5_000);
    h.add('t1', pe, [['a', 0]]);
    h.flush();
    h.advance(TXN_TEST_CONFIG.abortTimedOutIntervalMs); // 10 s > 5 s
    h.flush();
    expect(h.state('t1')).toBe('PrepareAbort');
    h.answerMarkers();
    h.flush();
    expect(h.state('t1')).toBe('CompleteAbort');
    expect(h.logStates().slice(-2)).toEqual([`t1:${PrepareAbort}:1`, `t1:${CompleteAbort}:1`]);
    expect(h.end('t1', pe, true).value).toBe(ErrorCode.PRODUCER_FENCED);
  });

  it('does not abort a transaction within its timeout', () => {
    const h = new TxnHarness();
    const pe = h.initOk('t1', 60_000);
    h.add('t1', pe, [['a', 0]]);
    h.flush();
    h.advance(TXN_TEST_CONFIG.abortTimedOutIntervalMs * 5);
    expect(h.appends).toHaveLength(0);
    expect(h.state('t1')).toBe('Ongoing');
  });

  it('retries markers after NOT_LEADER_OR_FOLLOWER, a failed request and a partition without leader', () => {
    const h = new TxnHarness();
    const pe = h.initOk('t1');
    h.add('t1', pe, [['a', 0], ['b', 0]]);
    h.flush();
    h.leaders.set('b-0', -1);
    h.end('t1', pe, false);
    h.flush();
    expect(h.sends).toHaveLength(1); // b-0 has no leader yet
    h.leaders.set('a-0', 3);
    h.answerMarkers(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    expect(h.sends).toHaveLength(0);
    h.advance(TXN_TEST_CONFIG.markerRetryBackoffMs);
    expect(h.sends.map((s) => s.nodeId)).toEqual([3]);
    h.answerMarkers(null); // node down
    h.leaders.set('b-0', 2);
    h.advance(TXN_TEST_CONFIG.markerRetryBackoffMs);
    expect(h.sends.map((s) => s.nodeId).sort()).toEqual([2, 3]);
    h.answerMarkers();
    expect(h.appends).toHaveLength(0); // one partition still without its marker
    h.answerMarkers();
    h.flush();
    expect(h.state('t1')).toBe('CompleteAbort');
  });

  it('a partition deleted since it joined gets no marker', () => {
    const h = new TxnHarness();
    const pe = h.initOk('t1');
    h.add('t1', pe, [['a', 0], ['gone', 0]]);
    h.flush();
    h.leaders.set('gone-0', null);
    h.end('t1', pe, true);
    h.flush();
    expect(h.sends).toHaveLength(1);
    h.answerMarkers();
    h.flush();
    expect(h.state('t1')).toBe('CompleteCommit');
  });

  it('a new coordinator replaying PrepareCommit completes the commit', () => {
    const a = new TxnHarness();
    const pe = a.initOk('t1');
    a.add('t1', pe, [['a', 0], ['a', 1]]);
    a.flush();
    a.end('t1', pe, true);
    a.flush();
    a.coordinator.unload(0, a.nowMs); // leadership moves before any marker is answered
    const b = new TxnHarness(TXN_TEST_CONFIG, [...a.log], 1);
    expect(b.state('t1')).toBe('PrepareCommit');
    expect(b.sends[0]!.request.markers[0]).toMatchObject({ transactionResult: true, coordinatorEpoch: 1, producerEpoch: 0 });
    b.answerMarkers();
    b.flush();
    expect(b.state('t1')).toBe('CompleteCommit');
    // The producer carries on against the new coordinator with its epoch.
    expect(b.add('t1', pe, [['a', 0]]).value).toBeUndefined();
    b.flush();
    expect(b.state('t1')).toBe('Ongoing');
  });

  it('unloading answers writes in flight NOT_COORDINATOR and stops their markers', () => {
    const h = new TxnHarness();
    const pe = h.initOk('t1');
    const added = h.add('t1', pe, [['a', 0]]);
    h.coordinator.unload(0, h.nowMs);
    expect(added.value).toBe(ErrorCode.NOT_COORDINATOR);
    expect(h.init('t2').value?.errorCode).toBe(ErrorCode.NOT_COORDINATOR);
  });

  it('a failed log write leaves state as it was and maps the error as Kafka does', () => {
    const h = new TxnHarness();
    const pe = h.initOk('t1');
    const added = h.add('t1', pe, [['a', 0]]);
    h.flush(ErrorCode.NOT_ENOUGH_REPLICAS);
    expect(added.value).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect(h.state('t1')).toBe('Empty');
    const fence = h.init('t1');
    h.flush(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    expect(fence.value?.errorCode).toBe(ErrorCode.NOT_COORDINATOR);
  });

  it('a used-up epoch moves the transactional id to a new producer id', () => {
    const h = new TxnHarness();
    h.initOk('t1');
    const meta = h.coordinator.shards.get(0)!.txns.get('t1')!;
    meta.producerEpoch = 32766;
    const next = h.initOk('t1');
    expect(next).toEqual({ errorCode: ErrorCode.NONE, producerId: 1001, producerEpoch: 0 });
    expect(meta.lastProducerId).toBe(1000);
  });

  it('KIP-360: a producer naming its id and epoch gets the next epoch; a retry gets the same; a stale one is fenced', () => {
    const h = new TxnHarness();
    const pe = h.initOk('t1');
    const bumped = h.init('t1', 60_000, pe.producerId, pe.producerEpoch);
    h.flush();
    expect(bumped.value).toEqual({ errorCode: ErrorCode.NONE, producerId: 1000, producerEpoch: 1 });
    const retry = h.init('t1', 60_000, pe.producerId, pe.producerEpoch);
    h.flush();
    expect(retry.value).toEqual({ errorCode: ErrorCode.NONE, producerId: 1000, producerEpoch: 1 });
    expect(h.init('t1', 60_000, 999, 0).value?.errorCode).toBe(ErrorCode.PRODUCER_FENCED);
    h.init('t1'); // a new producer: epoch 2, the epoch before is no longer remembered
    h.flush();
    expect(h.init('t1', 60_000, 1000, 0).value?.errorCode).toBe(ErrorCode.PRODUCER_FENCED);
  });

  it('refuses timeouts above transaction.max.timeout.ms and empty ids', () => {
    const h = new TxnHarness();
    expect(h.init('t1', 900_001).value?.errorCode).toBe(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    expect(h.init('t1', 0).value?.errorCode).toBe(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
    expect(h.init('').value?.errorCode).toBe(ErrorCode.INVALID_REQUEST);
  });

  it('verifyOnly answers whether each partition is in the ongoing transaction', () => {
    const h = new TxnHarness();
    const pe = h.initOk('t1');
    h.add('t1', pe, [['a', 0]]);
    h.flush();
    const verify = (producerEpoch: number) => [...h.coordinator.verifyPartitions(
      { transactionalId: 't1', producerId: pe.producerId, producerEpoch, partitions: [{ topic: 'a', partition: 0 }, { topic: 'a', partition: 1 }] },
      h.nowMs).values()];
    expect(verify(0)).toEqual([ErrorCode.NONE, ErrorCode.INVALID_TXN_STATE]);
    expect(verify(5)).toEqual([ErrorCode.PRODUCER_FENCED, ErrorCode.PRODUCER_FENCED]);
    expect(h.coordinator.verifyPartitions({ transactionalId: 'nope', producerId: 1, producerEpoch: 0, partitions: [{ topic: 'a', partition: 0 }] }, h.nowMs).get('a\u00000'))
      .toBe(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
  });

  it('expires idle transactional ids after transactional.id.expiration.ms with a tombstone', () => {
    const h = new TxnHarness({ ...TXN_TEST_CONFIG, idExpirationMs: 60_000, removeExpiredIntervalMs: 30_000 });
    h.initOk('t1');
    h.advance(90_000);
    h.flush();
    expect(h.logStates().at(-1)).toBe('t1:tombstone');
    expect(h.coordinator.describe(['t1'], h.nowMs)[0]!.errorCode).toBe(ErrorCode.TRANSACTIONAL_ID_NOT_FOUND);
    const replayed = new TxnHarness(TXN_TEST_CONFIG, [...h.log]);
    expect(replayed.coordinator.shards.get(0)!.txns.size).toBe(0);
  });

  it('lists and describes transactions with the filters', () => {
    const h = new TxnHarness();
    const pe = h.initOk('t1');
    h.initOk('t2');
    h.add('t1', pe, [['a', 0], ['b', 3]]);
    h.flush();
    h.advance(5_000);
    const d = h.coordinator.describe(['t1'], h.nowMs)[0]!;
    expect(d).toMatchObject({ transactionState: 'Ongoing', producerId: 1000, transactionStartTimeMs: h.nowMs - 5_000 });
    expect(d.topics).toEqual([{ topic: 'a', partitions: [0] }, { topic: 'b', partitions: [3] }]);
    const ids = (states: string[], pids: number[] = [], duration = -1) =>
      h.coordinator.list(states, pids, duration, h.nowMs).transactionStates.map((t) => t.transactionalId).sort();
    expect(ids([])).toEqual(['t1', 't2']);
    expect(ids(['Ongoing'])).toEqual(['t1']);
    expect(ids([], [1001])).toEqual(['t2']);
    expect(ids(['Ongoing'], [], 10_000)).toEqual([]);
    expect(h.coordinator.list(['Bogus'], [], -1, h.nowMs).unknownStateFilters).toEqual(['Bogus']);
  });
  describe('requests that find their transaction completing wait for it (concurrentHoldMs)', () => {
    const HOLD = { ...TXN_TEST_CONFIG, concurrentHoldMs: 1_000 };

    /** A committed transaction whose markers are not answered yet: PrepareCommit. */
    function committing(h: TxnHarness): { producerId: number; producerEpoch: number } {
      const pe = h.initOk('t1');
      h.add('t1', pe, [['a', 0]]);
      h.flush();
      expect(h.end('t1', pe, true).value).toBeUndefined();
      h.flush();
      expect(h.state('t1')).toBe('PrepareCommit');
      return pe;
    }

    it('the next transaction\'s AddPartitions is answered once the last one completed, not CONCURRENT_TRANSACTIONS', () => {
      const h = new TxnHarness(HOLD);
      const pe = committing(h);
      const next = h.add('t1', pe, [['a', 1]]);
      const retriedEnd = h.end('t1', pe, true);
      expect(next.value).toBeUndefined();
      expect(retriedEnd.value).toBeUndefined();
      h.answerMarkers();
      h.flush(); // CompleteCommit written: the held requests run again, and the add writes Ongoing
      expect(retriedEnd.value).toBe(ErrorCode.NONE);
      expect(next.value).toBe(ErrorCode.NONE);
      expect(h.state('t1')).toBe('Ongoing');
      expect(h.logStates().slice(-3)).toEqual([`t1:${PrepareCommit}:0`, `t1:${CompleteCommit}:0`, `t1:${Ongoing}:0`]);
    });

    it('a held request is answered CONCURRENT_TRANSACTIONS when the completion outlasts the bound', () => {
      const h = new TxnHarness(HOLD);
      const pe = committing(h);
      const next = h.add('t1', pe, [['a', 1]]);
      h.advance(HOLD.concurrentHoldMs - 1);
      expect(next.value).toBeUndefined();
      h.advance(1);
      expect(next.value).toBe(ErrorCode.CONCURRENT_TRANSACTIONS);
      h.answerMarkers();
      h.flush();
      expect(h.state('t1')).toBe('CompleteCommit'); // and the late completion answers nobody twice
      expect(h.appends).toHaveLength(0);
    });

    it('a new producer of the id gets its epoch in one request: the old transaction is aborted first', () => {
      const h = new TxnHarness(HOLD);
      const first = h.initOk('t1');
      h.add('t1', first, [['a', 0]]);
      h.flush();
      const second = h.init('t1');
      h.flush(); // PrepareAbort under epoch 1
      expect(second.value).toBeUndefined();
      h.answerMarkers();
      h.flush(); // CompleteAbort, then the held InitProducerId writes epoch 2
      h.flush();
      expect(second.value).toEqual({ errorCode: ErrorCode.NONE, producerId: 1000, producerEpoch: 2 });
      expect(h.add('t1', first, [['a', 1]]).value).toBe(ErrorCode.PRODUCER_FENCED);
    });

    it('held requests learn NOT_COORDINATOR when the coordinator moves away', () => {
      const h = new TxnHarness(HOLD);
      const pe = committing(h);
      const next = h.add('t1', pe, [['a', 1]]);
      h.coordinator.unload(0, h.nowMs);
      h.advance(0);
      expect(next.value).toBe(ErrorCode.NOT_COORDINATOR);
      h.advance(HOLD.concurrentHoldMs);
      expect(next.value).toBe(ErrorCode.NOT_COORDINATOR);
    });
  });
});
