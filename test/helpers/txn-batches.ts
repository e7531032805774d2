// Transactional data batches and COMMIT/ABORT marker batches for storage and replication tests.
import { ControlRecordType, encodeEndTxnBatch } from '../../protocol/records/control-record.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';

export function txnBatch(producerId: number, seq: number, count = 1, epoch = 0): Buffer {
  return encodeRecordBatch({
    producerId, producerEpoch: epoch, baseSequence: seq, isTransactional: true,
    records: Array.from({ length: count }, (_, i) => ({ key: null, value: Buffer.from(`t${producerId}-${seq + i}`), timestamp: 5_000 + i })),
  });
}

export function marker(producerId: number, commit: boolean, epoch = 0, coordinatorEpoch = 0): Buffer {
  const type = commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT;
  return encodeEndTxnBatch({ type, coordinatorEpoch, producerId, producerEpoch: epoch, timestamp: 6_000 });
}
