// One transactional id's state, as Kafka's TransactionMetadata keeps it: the producer id and epoch
// it hands out, the transaction's state and partitions, and at most one transition in flight. A
// transition is prepared as a full snapshot (TxnSnapshot), written to __transaction_state, and only
// applied once the write succeeded, so memory never runs ahead of the log.
import type { TransactionLogValue } from '../../protocol/generated/data/transaction-log-value.js';
import { TxnState } from './txn-records.js';

export const NO_PRODUCER_ID = -1;
export const NO_PRODUCER_EPOCH = -1;
const SHORT_MAX = 32767;

export interface TopicPartition {
  topic: string;
  partition: number;
}

export function tpKey(tp: TopicPartition): string {
  return `${tp.topic}\u0000${tp.partition}`;
}

/** Everything a transition changes; what the log records (plus lastProducerEpoch, memory only). */
export interface TxnSnapshot {
  producerId: number;
  /** The producer id before the last rotation (the log's previous_producer_id). */
  lastProducerId: number;
  producerEpoch: number;
  /** The epoch before the last bump, so a retried InitProducerId gets the same answer (KIP-360). */
  lastProducerEpoch: number;
  timeoutMs: number;
  state: TxnState;
  partitions: ReadonlyMap<string, TopicPartition>;
  startTimestampMs: number;
  lastUpdateTimestampMs: number;
}

/** Kafka's isEpochExhausted: the last epochs are kept for the fence of a timed-out transaction. */
export function isEpochExhausted(epoch: number): boolean {
  return epoch >= SHORT_MAX - 1;
}

export class TxnMetadata implements TxnSnapshot {
  producerId: number;
  lastProducerId: number;
  producerEpoch: number;
  lastProducerEpoch: number;
  timeoutMs: number;
  state: TxnState;
  partitions: ReadonlyMap<string, TopicPartition>;
  startTimestampMs: number;
  lastUpdateTimestampMs: number;
  /** The state a transition being written moves to (Kafka's pendingState). */
  pending: TxnState | null = null;

  constructor(readonly transactionalId: string, s: TxnSnapshot) {
    this.producerId = s.producerId;
    this.lastProducerId = s.lastProducerId;
    this.producerEpoch = s.producerEpoch;
    this.lastProducerEpoch = s.lastProducerEpoch;
    this.timeoutMs = s.timeoutMs;
    this.state = s.state;
    this.partitions = s.partitions;
    this.startTimestampMs = s.startTimestampMs;
    this.lastUpdateTimestampMs = s.lastUpdateTimestampMs;
  }

  get isEpochExhausted(): boolean {
    return isEpochExhausted(this.producerEpoch);
  }

  snapshot(): TxnSnapshot {
    return {
      producerId: this.producerId, lastProducerId: this.lastProducerId, producerEpoch: this.producerEpoch,
      lastProducerEpoch: this.lastProducerEpoch, timeoutMs: this.timeoutMs, state: this.state, partitions: this.partitions,
      startTimestampMs: this.startTimestampMs, lastUpdateTimestampMs: this.lastUpdateTimestampMs,
    };
  }

  apply(s: TxnSnapshot): void {
    Object.assign(this, {
      producerId: s.producerId, lastProducerId: s.lastProducerId, producerEpoch: s.producerEpoch,
      lastProducerEpoch: s.lastProducerEpoch, timeoutMs: s.timeoutMs, state: s.state, partitions: s.partitions,
      startTimestampMs: s.startTimestampMs, lastUpdateTimestampMs: s.lastUpdateTimestampMs,
    } satisfies TxnSnapshot);
  }

  /** InitProducerId on an idle id: the next epoch, or (a retry whose answer was lost) the same one. */
  prepareIncrementEpoch(timeoutMs: number, expectedEpoch: number | null, nowMs: number): TxnSnapshot | 'fenced' {
    const bumped = this.producerEpoch + 1;
    let epoch: number;
    let lastEpoch: number;
    if (expectedEpoch === null) [epoch, lastEpoch] = [bumped, NO_PRODUCER_EPOCH];
    else if (this.producerEpoch === NO_PRODUCER_EPOCH || expectedEpoch === this.producerEpoch) [epoch, lastEpoch] = [bumped, this.producerEpoch];
    else if (expectedEpoch === this.lastProducerEpoch) [epoch, lastEpoch] = [this.producerEpoch, this.lastProducerEpoch];
    else return 'fenced';
    return this.idle({ producerEpoch: epoch, lastProducerEpoch: lastEpoch, timeoutMs }, nowMs);
  }

  /** The epoch is used up: a new producer id at epoch 0. */
  prepareProducerIdRotation(newProducerId: number, timeoutMs: number, nowMs: number, recordLastEpoch: boolean): TxnSnapshot {
    return this.idle({
      producerId: newProducerId, lastProducerId: this.producerId, producerEpoch: 0,
      lastProducerEpoch: recordLastEpoch ? this.producerEpoch : NO_PRODUCER_EPOCH, timeoutMs,
    }, nowMs);
  }

  /**
   * Aborts an ongoing transaction under the next epoch (a new producer took the id over, or the
   * transaction timed out), so the old producer is fenced from the markers on. Kafka passes through
   * PrepareEpochFence in memory; the log records PrepareAbort. Memory changes only once written, so
   * a failed fence bumps from the same epoch again, as Kafka's hasFailedEpochFence arranges.
   */
  prepareFenceAndAbort(nowMs: number): TxnSnapshot {
    const epoch = Math.min(this.producerEpoch + 1, SHORT_MAX);
    return { ...this.snapshot(), producerEpoch: epoch, lastProducerEpoch: NO_PRODUCER_EPOCH, state: TxnState.PrepareAbort, lastUpdateTimestampMs: nowMs };
  }

  prepareAddPartitions(added: TopicPartition[], nowMs: number): TxnSnapshot {
    const starting = this.state === TxnState.Empty || this.state === TxnState.CompleteCommit || this.state === TxnState.CompleteAbort;
    const partitions = new Map(starting ? [] : this.partitions);
    for (const tp of added) partitions.set(tpKey(tp), tp);
    return {
      ...this.snapshot(), state: TxnState.Ongoing, partitions,
      startTimestampMs: starting ? nowMs : this.startTimestampMs, lastUpdateTimestampMs: nowMs,
    };
  }

  prepareAbortOrCommit(state: TxnState, nowMs: number): TxnSnapshot {
    return { ...this.snapshot(), state, lastUpdateTimestampMs: nowMs };
  }

  /** Markers are written: the transaction is complete and holds no partitions any more. */
  prepareComplete(nowMs: number): TxnSnapshot {
    const state = this.state === TxnState.PrepareCommit ? TxnState.CompleteCommit : TxnState.CompleteAbort;
    return { ...this.snapshot(), state, partitions: new Map(), lastUpdateTimestampMs: nowMs };
  }

  prepareDead(): TxnSnapshot {
    return { ...this.snapshot(), state: TxnState.Dead, partitions: new Map() };
  }

  private idle(changes: Partial<TxnSnapshot>, nowMs: number): TxnSnapshot {
    return { ...this.snapshot(), ...changes, state: TxnState.Empty, partitions: new Map(), startTimestampMs: -1, lastUpdateTimestampMs: nowMs };
  }
}

/** The log value of a snapshot (Kafka writes no partitions for Empty). */
export function toLogValue(s: TxnSnapshot): TransactionLogValue {
  const byTopic = new Map<string, number[]>();
  for (const tp of s.partitions.values()) byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
  return {
    producerId: s.producerId,
    previousProducerId: s.lastProducerId,
    nextProducerId: NO_PRODUCER_ID,
    producerEpoch: s.producerEpoch,
    transactionTimeoutMs: s.timeoutMs,
    transactionStatus: s.state,
    transactionPartitions: s.state === TxnState.Empty ? null : [...byTopic].map(([topic, partitionIds]) => ({ topic, partitionIds })),
    transactionLastUpdateTimestampMs: s.lastUpdateTimestampMs,
    transactionStartTimestampMs: s.startTimestampMs,
    clientTransactionVersion: 0,
  };
}

export function fromLogValue(transactionalId: string, v: TransactionLogValue): TxnMetadata {
  const partitions = new Map<string, TopicPartition>();
  for (const t of v.transactionPartitions ?? []) for (const partition of t.partitionIds) partitions.set(tpKey({ topic: t.topic, partition }), { topic: t.topic, partition });
  return new TxnMetadata(transactionalId, {
    producerId: v.producerId, lastProducerId: v.previousProducerId, producerEpoch: v.producerEpoch,
    lastProducerEpoch: NO_PRODUCER_EPOCH, timeoutMs: v.transactionTimeoutMs, state: v.transactionStatus as TxnState,
    partitions, startTimestampMs: v.transactionStartTimestampMs, lastUpdateTimestampMs: v.transactionLastUpdateTimestampMs,
  });
}
