// A leader's checks of transactional producers (Kafka's ProducerAppendInfo): once a producer has an
// open transaction, a non-transactional batch of it is INVALID_TXN_STATE; a marker older than the
// producer's epoch is INVALID_PRODUCER_EPOCH, one from an older coordinator epoch than the last
// marker TRANSACTION_COORDINATOR_FENCED; a marker closes the transaction and may bump the epoch.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { validateRecordBatches } from '../../../protocol/records/batch-validation.js';
import { encodeRecordBatch } from '../../../protocol/records/record-batch.js';
import { ProducerStates } from '../../../src/replication/producer-state.js';

const PID = 7;

function batch(seq: number, transactional: boolean, epoch = 0): ReturnType<typeof validateRecordBatches> {
  return validateRecordBatches(encodeRecordBatch({
    producerId: PID, producerEpoch: epoch, baseSequence: seq, isTransactional: transactional,
    records: [{ key: null, value: Buffer.from(`s${seq}`), timestamp: 1_000 }],
  }));
}

describe('leader checks of transactional producers', () => {
  it('refuses a non-transactional batch while the transaction is open, and takes it after the marker', () => {
    const states = new ProducerStates();
    expect(states.sequence(batch(0, true)).kind).toBe('ok');
    expect(states.sequence(batch(1, false))).toMatchObject({ kind: 'error', errorCode: ErrorCode.INVALID_TXN_STATE });
    expect(states.marker(PID, 0, 0)).toEqual({ kind: 'ok' });
    expect(states.sequence(batch(1, false)).kind).toBe('ok');
  });

  it('fences markers of an older producer epoch or an older coordinator epoch', () => {
    const states = new ProducerStates();
    expect(states.sequence(batch(0, true, 2)).kind).toBe('ok');
    expect(states.marker(PID, 1, 0)).toMatchObject({ kind: 'error', errorCode: ErrorCode.INVALID_PRODUCER_EPOCH });
    expect(states.marker(PID, 2, 5)).toEqual({ kind: 'ok' });
    expect(states.marker(PID, 2, 4)).toMatchObject({ kind: 'error', errorCode: ErrorCode.TRANSACTION_COORDINATOR_FENCED });
    // A marker of a newer epoch (the coordinator aborting for a fenced producer) bumps the epoch:
    // the old epoch's batches are refused, the new epoch starts at sequence 0.
    expect(states.marker(PID, 3, 5)).toEqual({ kind: 'ok' });
    expect(states.sequence(batch(1, true, 2))).toMatchObject({ kind: 'error', errorCode: ErrorCode.INVALID_PRODUCER_EPOCH });
    expect(states.sequence(batch(0, true, 3)).kind).toBe('ok');
  });

  it('seeds the open transaction and coordinator epoch from what the log holds', () => {
    const states = new ProducerStates((id) => (id === PID
      ? { epoch: 1, batches: [], coordinatorEpoch: 6, currentTxnFirstOffset: 40, lastTimestampMs: 1_000 }
      : undefined));
    expect(states.sequence(batch(0, false, 1))).toMatchObject({ kind: 'error', errorCode: ErrorCode.INVALID_TXN_STATE });
    expect(states.marker(PID, 1, 5)).toMatchObject({ kind: 'error', errorCode: ErrorCode.TRANSACTION_COORDINATOR_FENCED });
  });
});
