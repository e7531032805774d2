// Sends the commit/abort markers of completing transactions to the leaders of their partitions,
// sans-IO, as Kafka's TransactionMarkerChannelManager does: one WriteTxnMarkers request per broker
// carrying every transaction that has partitions there, and a partition whose marker failed for a
// retriable reason (leader moved, no leader, node down, timeout) is sent again after a backoff
// until it is written. A transaction whose partitions all have their marker is handed back to the
// coordinator (onWritten), which then logs CompleteCommit/CompleteAbort.
import { ErrorCode } from '../../protocol/errors.js';
import type { WritableTxnMarker, WriteTxnMarkersRequest, WriteTxnMarkersResponse } from '../../protocol/generated/api/27-write-txn-markers.js';
import type { DeadlineTimers } from './timers.js';
import { tpKey, type TopicPartition } from './txn-metadata.js';

export interface MarkerSend {
  token: number;
  nodeId: number;
  request: WriteTxnMarkersRequest;
}

export interface MarkerChannelEnv {
  retryBackoffMs: number;
  /** The partition's leader; -1 while it has none; null when the partition no longer exists. */
  partitionLeader(topic: string, partition: number): number | null;
  /** Send the request; call TransactionCoordinator.markersSent(token, response or null) once answered. */
  sendMarkers(send: MarkerSend): void;
}

interface PendingMarkers {
  transactionalId: string;
  txnPartition: number;
  coordinatorEpoch: number;
  producerId: number;
  producerEpoch: number;
  committed: boolean;
  remaining: Map<string, TopicPartition>;
  inFlight: Set<string>;
  onWritten: (nowMs: number) => void;
}

/** Partition errors after which Kafka stops sending: a newer coordinator or producer took over. */
const ABORT_SENDING: ReadonlySet<number> = new Set([ErrorCode.INVALID_PRODUCER_EPOCH, ErrorCode.TRANSACTION_COORDINATOR_FENCED]);
/** Partition errors Kafka takes as "nothing to write there". */
const SKIP: ReadonlySet<number> = new Set([ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT, ErrorCode.UNSUPPORTED_VERSION]);
const RETRY_KEY = 'markers-retry';

export class TxnMarkerChannel {
  private readonly pending = new Map<string, PendingMarkers>();
  private readonly inFlight = new Map<number, { txn: PendingMarkers; keys: string[] }[]>();
  private nextToken = 1;
  private hasRetryScheduled = false;

  constructor(private readonly env: MarkerChannelEnv, private readonly timers: DeadlineTimers) {}

  add(m: Omit<PendingMarkers, 'remaining' | 'inFlight'> & { partitions: Iterable<TopicPartition> }, nowMs: number): void {
    const remaining = new Map<string, TopicPartition>();
    for (const tp of m.partitions) remaining.set(tpKey(tp), tp);
    const { partitions: _, ...rest } = m;
    this.pending.set(m.transactionalId, { ...rest, remaining, inFlight: new Set() });
    this.drain(nowMs);
  }

  /** Leadership of the __transaction_state partition moved: its markers are the new leader's now. */
  removeForPartition(txnPartition: number): void {
    for (const [id, m] of [...this.pending]) if (m.txnPartition === txnPartition) this.pending.delete(id);
  }

  isPending(transactionalId: string): boolean {
    return this.pending.has(transactionalId);
  }

  /** Sends every marker not in flight, one request per leader. */
  drain(nowMs: number): void {
    const byNode = new Map<number, { txn: PendingMarkers; keys: string[] }[]>();
    let retryLater = false;
    for (const txn of this.pending.values()) {
      const perNode = new Map<number, string[]>();
      for (const [key, tp] of txn.remaining) {
        if (txn.inFlight.has(key)) continue;
        const leader = this.env.partitionLeader(tp.topic, tp.partition);
        if (leader === null) txn.remaining.delete(key);
        else if (leader < 0) retryLater = true;
        else perNode.set(leader, [...(perNode.get(leader) ?? []), key]);
      }
      for (const [nodeId, keys] of perNode) {
        for (const k of keys) txn.inFlight.add(k);
        byNode.set(nodeId, [...(byNode.get(nodeId) ?? []), { txn, keys }]);
      }
    }
    for (const [nodeId, entries] of byNode) {
      const token = this.nextToken++;
      this.inFlight.set(token, entries);
      this.env.sendMarkers({ token, nodeId, request: { markers: entries.map((e) => markerOf(e.txn, e.keys)) } });
    }
    this.finishWritten(nowMs);
    if (retryLater) this.scheduleRetry(nowMs);
  }

  /** The answer to a send; null when the request failed as a whole (node down, timeout). */
  answered(token: number, response: WriteTxnMarkersResponse | null, nowMs: number): void {
    const entries = this.inFlight.get(token);
    if (!entries) return;
    this.inFlight.delete(token);
    let retry = false;
    for (const { txn, keys } of entries) {
      for (const k of keys) txn.inFlight.delete(k);
      if (this.pending.get(txn.transactionalId) !== txn) continue;
      const errors = response ? partitionErrors(response, txn.producerId) : null;
      for (const k of keys) {
        const code = errors?.get(k) ?? ErrorCode.REQUEST_TIMED_OUT;
        if (code === ErrorCode.NONE || SKIP.has(code)) txn.remaining.delete(k);
        else if (ABORT_SENDING.has(code)) this.pending.delete(txn.transactionalId);
        else retry = true;
      }
    }
    this.finishWritten(nowMs);
    if (retry) this.scheduleRetry(nowMs);
  }

  private finishWritten(nowMs: number): void {
    for (const [id, txn] of [...this.pending]) {
      if (txn.remaining.size > 0 || txn.inFlight.size > 0) continue;
      this.pending.delete(id);
      txn.onWritten(nowMs);
    }
  }

  private scheduleRetry(nowMs: number): void {
    if (this.hasRetryScheduled) return;
    this.hasRetryScheduled = true;
    this.timers.schedule(RETRY_KEY, nowMs + this.env.retryBackoffMs, (t) => {
      this.hasRetryScheduled = false;
      this.drain(t);
    });
  }

}

function markerOf(txn: PendingMarkers, keys: string[]): WritableTxnMarker {
  const byTopic = new Map<string, number[]>();
  for (const k of keys) {
    const tp = txn.remaining.get(k)!;
    byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
  }
  return {
    producerId: txn.producerId, producerEpoch: txn.producerEpoch, transactionResult: txn.committed,
    coordinatorEpoch: txn.coordinatorEpoch,
    topics: [...byTopic].map(([name, partitionIndexes]) => ({ name, partitionIndexes })),
  };
}

function partitionErrors(response: WriteTxnMarkersResponse, producerId: number): Map<string, number> {
  const errors = new Map<string, number>();
  for (const m of response.markers) {
    if (m.producerId !== producerId) continue;
    for (const t of m.topics) for (const p of t.partitions) errors.set(tpKey({ topic: t.name, partition: p.partitionIndex }), p.errorCode);
  }
  return errors;
}
