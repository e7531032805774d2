// One producer's state as the log implies it (Kafka's ProducerStateEntry plus ProducerAppendInfo's
// bookkeeping, without its checks: the leader checked before appending, and a follower or a
// recovery replays what the leader wrote). Transactions (KIP-98): a transactional data batch opens
// the producer's transaction at its first offset if none is open; a COMMIT or ABORT marker closes
// it, records the coordinator epoch and completes the transaction (if it held data).
import type { BatchInfo } from './batch-scan.js';
import type { ProducerSnapshotEntry } from './producer-snapshot.js';

/** Batches kept per producer for duplicate detection (Kafka: max.in.flight.requests.per.connection). */
export const PRODUCER_BATCHES_KEPT = 5;
const SEQUENCE_RANGE = 2 ** 31;

export interface ProducerBatch {
  firstSeq: number;
  lastSeq: number;
  firstOffset: number;
  lastOffset: number;
  maxTimestampMs: number;
}

export interface ProducerStateEntry {
  epoch: number;
  /** Oldest first, at most PRODUCER_BATCHES_KEPT. */
  batches: ProducerBatch[];
  /** The epoch of the transaction coordinator that wrote this producer's last marker (-1: none). */
  coordinatorEpoch: number;
  /** The first offset of the producer's open transaction, -1 when none is open. */
  currentTxnFirstOffset: number;
  /** Timestamp of the last batch or marker (DescribeProducers' lastTimestamp). */
  lastTimestampMs: number;
}

/** A transaction whose marker is in the log (Kafka's CompletedTxn). */
export interface CompletedTxn {
  producerId: number;
  firstOffset: number;
  /** The marker's offset. */
  lastOffset: number;
  isAborted: boolean;
}

/** Kafka's isProducerExpired: no transaction open, and its last batch or marker (by timestamp) at
 * least `expirationMs` old. */
export function isExpired(e: ProducerStateEntry, nowMs: number, expirationMs: number): boolean {
  return e.currentTxnFirstOffset < 0 && nowMs - e.lastTimestampMs >= expirationMs;
}

export function newProducerEntry(epoch: number): ProducerStateEntry {
  return { epoch, batches: [], coordinatorEpoch: -1, currentTxnFirstOffset: -1, lastTimestampMs: -1 };
}

/** Applies a batch of this producer (producerId >= 0) to its entry, in place when there is one;
 * returns the entry and the transaction the batch completed, if any. */
export function applyBatch(current: ProducerStateEntry | undefined, batch: BatchInfo): { entry: ProducerStateEntry; completed?: CompletedTxn } {
  if (batch.isControl) return applyMarker(current, batch);
  // A new epoch starts the producer's batches afresh (Kafka clears its batch metadata); an open
  // transaction stays open (only a marker closes it).
  const entry = current ?? newProducerEntry(batch.producerEpoch);
  if (entry.epoch !== batch.producerEpoch) {
    entry.epoch = batch.producerEpoch;
    entry.batches = [];
  }
  entry.lastTimestampMs = batch.maxTimestampMs;
  if (batch.baseSequence >= 0) {
    const delta = batch.lastOffset - batch.baseOffset;
    entry.batches.push({
      firstSeq: batch.baseSequence, lastSeq: (batch.baseSequence + delta) % SEQUENCE_RANGE,
      firstOffset: batch.baseOffset, lastOffset: batch.lastOffset, maxTimestampMs: batch.maxTimestampMs,
    });
    if (entry.batches.length > PRODUCER_BATCHES_KEPT) entry.batches.shift();
  }
  if (batch.isTransactional && entry.currentTxnFirstOffset < 0) entry.currentTxnFirstOffset = batch.baseOffset;
  return { entry };
}

function applyMarker(current: ProducerStateEntry | undefined, batch: BatchInfo): { entry: ProducerStateEntry; completed?: CompletedTxn } {
  const marker = batch.marker;
  const entry = current ?? newProducerEntry(batch.producerEpoch);
  if (marker === undefined) return { entry };
  // Only a transaction that held data completes: an empty one changes neither the last stable
  // offset nor the transaction index (Kafka's appendEndTxnMarker).
  const completed = entry.currentTxnFirstOffset >= 0
    ? { producerId: batch.producerId, firstOffset: entry.currentTxnFirstOffset, lastOffset: batch.baseOffset, isAborted: !marker.commit }
    : undefined;
  if (entry.epoch !== batch.producerEpoch) {
    entry.epoch = batch.producerEpoch;
    entry.batches = [];
  }
  entry.coordinatorEpoch = marker.coordinatorEpoch;
  entry.currentTxnFirstOffset = -1;
  entry.lastTimestampMs = batch.maxTimestampMs;
  return { entry, completed };
}

export function toSnapshotEntry(producerId: number, e: ProducerStateEntry): ProducerSnapshotEntry {
  const last = e.batches.at(-1);
  return {
    producerId, producerEpoch: e.epoch,
    lastSequence: last?.lastSeq ?? -1, lastOffset: last?.lastOffset ?? -1,
    offsetDelta: last ? last.lastOffset - last.firstOffset : 0, timestampMs: e.lastTimestampMs,
    coordinatorEpoch: e.coordinatorEpoch, currentTxnFirstOffset: e.currentTxnFirstOffset,
  };
}

export function fromSnapshotEntry(e: ProducerSnapshotEntry): ProducerStateEntry {
  const entry: ProducerStateEntry = {
    epoch: e.producerEpoch, batches: [], coordinatorEpoch: e.coordinatorEpoch,
    currentTxnFirstOffset: e.currentTxnFirstOffset, lastTimestampMs: e.timestampMs,
  };
  if (e.lastOffset >= 0 && e.lastSequence >= 0) {
    const firstSeq = (e.lastSequence - e.offsetDelta + SEQUENCE_RANGE) % SEQUENCE_RANGE;
    entry.batches.push({ firstSeq, lastSeq: e.lastSequence, firstOffset: e.lastOffset - e.offsetDelta, lastOffset: e.lastOffset, maxTimestampMs: e.timestampMs });
  }
  return entry;
}
