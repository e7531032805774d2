// The transaction coordinator's requests, following Kafka's TransactionCoordinator (transaction
// version 1: the epoch stays the same across the transactions of one producer session). Each
// request checks the transactional id's producer id and epoch, waits while another transition or a
// commit's markers are being written (CONCURRENT_TRANSACTIONS if that outlasts a bound), and writes
// its transition to __transaction_state before it answers. The lifecycle, log writes, markers and
// timers are in txn-coordinator.ts.
import { ErrorCode } from '../../protocol/errors.js';
import type { TransactionState as DescribedTxn } from '../../protocol/generated/api/65-describe-transactions.js';
import type { ListTransactionsResponse } from '../../protocol/generated/api/66-list-transactions.js';
import { CONSUMER_OFFSETS_TOPIC } from './internal-topics.js';
import { TxnCoordinatorCore, isCompleting, type TxnShard } from './txn-coordinator.js';
import {
  NO_PRODUCER_EPOCH, NO_PRODUCER_ID, TxnMetadata, isEpochExhausted, tpKey, type TopicPartition, type TxnSnapshot,
} from './txn-metadata.js';
import { TXN_STATE_NAMES, TxnState } from './txn-records.js';

export interface InitProducerIdInput {
  transactionalId: string;
  transactionTimeoutMs: number;
  /** -1 and -1 unless the producer recovers its session (KIP-360). */
  producerId: number;
  producerEpoch: number;
}

export interface ProducerIdAndEpoch {
  errorCode: number;
  producerId: number;
  producerEpoch: number;
}

export interface TxnPartitionsInput {
  transactionalId: string;
  producerId: number;
  producerEpoch: number;
  partitions: TopicPartition[];
}

export class TransactionCoordinator extends TxnCoordinatorCore {
  initProducerId(req: InitProducerIdInput, nowMs: number, respond: (r: ProducerIdAndEpoch) => void, freshProducerId?: number): void {
    const fail = (errorCode: number): void => respond({ errorCode, producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH });
    const withNewId = (): void => this.env.allocateProducerId((producerId, t) => {
      if (producerId === null) fail(ErrorCode.COORDINATOR_NOT_AVAILABLE);
      else this.initProducerId(req, t, respond, producerId);
    });
    this.run(nowMs, () => {
      if (req.transactionalId === '') return fail(ErrorCode.INVALID_REQUEST);
      if (req.transactionTimeoutMs <= 0 || req.transactionTimeoutMs > this.config.maxTimeoutMs) return fail(ErrorCode.INVALID_TRANSACTION_TIMEOUT);
      const expected = req.producerId === NO_PRODUCER_ID && req.producerEpoch === NO_PRODUCER_EPOCH ? null : req;
      if (expected && (expected.producerId < 0 || expected.producerEpoch < 0)) return fail(ErrorCode.INVALID_REQUEST);
      const shard = this.route(req.transactionalId);
      if (typeof shard === 'number') return fail(shard);
      let meta = shard.txns.get(req.transactionalId);
      if (!meta) {
        if (freshProducerId === undefined) return withNewId();
        meta = newTxn(req.transactionalId, freshProducerId, req.transactionTimeoutMs, nowMs);
        shard.txns.set(req.transactionalId, meta);
        freshProducerId = undefined;
      }
      const found = meta;
      const holdThenRetry = (): void => this.holdWhileCompleting(found, nowMs, (t) => this.initProducerId(req, t, respond),
        () => fail(ErrorCode.CONCURRENT_TRANSACTIONS));
      if (meta.pending !== null) return holdThenRetry();
      if (expected && !isValidProducerId(meta, expected.producerId, expected.producerEpoch)) return fail(ErrorCode.PRODUCER_FENCED);
      // (Pending was checked above, before the fencing check, as Kafka orders them.)
      if (isCompleting(meta)) return holdThenRetry();
      if (meta.state === TxnState.Ongoing) {
        // The old producer's transaction is aborted under a bumped epoch first; once that completed,
        // the request runs again and gets the epoch after that one (or a new producer id when that
        // exhausts it).
        return this.fenceAndAbort(shard, meta, nowMs, (errorCode) => (errorCode === ErrorCode.NONE ? holdThenRetry() : fail(errorCode)));
      }
      let next: TxnSnapshot | 'fenced';
      if (meta.isEpochExhausted && (!expected || expected.producerEpoch === meta.producerEpoch)) {
        if (freshProducerId === undefined) return withNewId();
        next = meta.prepareProducerIdRotation(freshProducerId, req.transactionTimeoutMs, nowMs, expected !== null);
      } else {
        next = meta.prepareIncrementEpoch(req.transactionTimeoutMs, expected?.producerEpoch ?? null, nowMs);
      }
      if (next === 'fenced') return fail(ErrorCode.PRODUCER_FENCED);
      const answer = next;
      this.write(shard, meta, answer, nowMs, (errorCode) => {
        if (errorCode !== ErrorCode.NONE) fail(errorCode);
        else respond({ errorCode, producerId: answer.producerId, producerEpoch: answer.producerEpoch });
      });
    });
  }

  addPartitions(req: TxnPartitionsInput, nowMs: number, respond: (errorCode: number) => void): void {
    this.run(nowMs, () => {
      const checked = this.checkProducer(req);
      if (typeof checked === 'number') return respond(checked);
      const { shard, meta } = checked;
      if (isCompleting(meta)) {
        return this.holdWhileCompleting(meta, nowMs, (t) => this.addPartitions(req, t, respond), () => respond(ErrorCode.CONCURRENT_TRANSACTIONS));
      }
      if (meta.state === TxnState.Ongoing && req.partitions.every((tp) => meta.partitions.has(tpKey(tp)))) return respond(ErrorCode.NONE);
      this.write(shard, meta, meta.prepareAddPartitions(req.partitions, nowMs), nowMs, (errorCode) => respond(errorCode));
    });
  }

  /**
   * KIP-890 verification for a partition leader about to append a transactional batch: NONE for
   * each partition already in the producer's ongoing transaction, INVALID_TXN_STATE for the others.
   */
  verifyPartitions(req: TxnPartitionsInput, nowMs: number): Map<string, number> {
    return this.run(nowMs, () => {
      const checked = this.checkProducer(req);
      const answer = (tp: TopicPartition): number => {
        if (typeof checked === 'number') return checked;
        if (isCompleting(checked.meta)) return ErrorCode.CONCURRENT_TRANSACTIONS;
        return checked.meta.state === TxnState.Ongoing && checked.meta.partitions.has(tpKey(tp)) ? ErrorCode.NONE : ErrorCode.INVALID_TXN_STATE;
      };
      return new Map(req.partitions.map((tp) => [tpKey(tp), answer(tp)]));
    });
  }

  /** AddOffsetsToTxn: the group's __consumer_offsets partition joins the transaction. */
  addOffsets(req: Omit<TxnPartitionsInput, 'partitions'> & { groupId: string }, nowMs: number, respond: (errorCode: number) => void): void {
    const partition = this.env.groupPartition(req.groupId);
    this.addPartitions({ ...req, partitions: [{ topic: CONSUMER_OFFSETS_TOPIC, partition }] }, nowMs, respond);
  }

  /** EndTxn: answered once PrepareCommit/PrepareAbort is written; the markers follow. */
  endTxn(req: Omit<TxnPartitionsInput, 'partitions'> & { committed: boolean }, nowMs: number, respond: (errorCode: number) => void): void {
    this.run(nowMs, () => {
      const checked = this.checkProducer(req);
      if (typeof checked === 'number') return respond(checked);
      const { shard, meta } = checked;
      const want = req.committed ? TxnState.CompleteCommit : TxnState.CompleteAbort;
      const preparingWant = req.committed ? TxnState.PrepareCommit : TxnState.PrepareAbort;
      const holdThenRetry = (): void => this.holdWhileCompleting(meta, nowMs, (t) => this.endTxn(req, t, respond),
        () => respond(ErrorCode.CONCURRENT_TRANSACTIONS));
      if (meta.pending !== null) return holdThenRetry();
      if (meta.state === TxnState.Ongoing) {
        return this.write(shard, meta, meta.prepareAbortOrCommit(preparingWant, nowMs), nowMs, (errorCode, t) => {
          if (errorCode === ErrorCode.NONE) this.sendMarkers(shard, meta, t);
          respond(errorCode);
        });
      }
      // A retry of an EndTxn already done succeeds; one still completing waits for it.
      if (meta.state === want) return respond(ErrorCode.NONE);
      if (meta.state === preparingWant) return holdThenRetry();
      respond(ErrorCode.INVALID_TXN_STATE);
    });
  }

  describe(transactionalIds: string[], nowMs: number): DescribedTxn[] {
    return this.run(nowMs, () => transactionalIds.map((transactionalId) => {
      const described: DescribedTxn = {
        errorCode: ErrorCode.NONE, transactionalId, transactionState: '', transactionTimeoutMs: 0, transactionStartTimeMs: -1,
        producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH, topics: [],
      };
      const shard = transactionalId === '' ? ErrorCode.INVALID_REQUEST : this.route(transactionalId);
      const meta = typeof shard === 'number' ? undefined : shard.txns.get(transactionalId);
      if (typeof shard === 'number') return { ...described, errorCode: shard };
      if (!meta || meta.state === TxnState.Dead) return { ...described, errorCode: ErrorCode.TRANSACTIONAL_ID_NOT_FOUND };
      const byTopic = new Map<string, number[]>();
      for (const tp of meta.partitions.values()) byTopic.set(tp.topic, [...(byTopic.get(tp.topic) ?? []), tp.partition]);
      return {
        ...described, transactionState: TXN_STATE_NAMES[meta.state]!, transactionTimeoutMs: meta.timeoutMs,
        transactionStartTimeMs: meta.startTimestampMs, producerId: meta.producerId, producerEpoch: meta.producerEpoch,
        topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })),
      };
    }));
  }

  /** ListTransactions: every transactional id of the loaded shards that passes the filters. */
  list(stateFilters: string[], producerIdFilters: number[], durationFilterMs: number, nowMs: number): Omit<ListTransactionsResponse, 'throttleTimeMs'> {
    return this.run(nowMs, () => {
      const known = new Set(TXN_STATE_NAMES);
      const states = new Set(stateFilters.filter((s) => known.has(s)));
      const producerIds = new Set(producerIdFilters);
      const result: Omit<ListTransactionsResponse, 'throttleTimeMs'> = {
        errorCode: ErrorCode.NONE, unknownStateFilters: stateFilters.filter((s) => !known.has(s)), transactionStates: [],
      };
      for (const shard of this.shards.values()) {
        if (shard.status === 'loading') result.errorCode = ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
        if (shard.status !== 'active') continue;
        for (const meta of shard.txns.values()) {
          const name = TXN_STATE_NAMES[meta.state]!;
          if (meta.state === TxnState.Dead) continue;
          if (producerIds.size > 0 && !producerIds.has(meta.producerId)) continue;
          if (stateFilters.length > 0 && !states.has(name)) continue;
          if (durationFilterMs >= 0 && nowMs - meta.startTimestampMs <= durationFilterMs) continue;
          result.transactionStates.push({ transactionalId: meta.transactionalId, producerId: meta.producerId, transactionState: name });
        }
      }
      return result;
    });
  }

  /** The checks every request of a running producer passes (Kafka's order). */
  private checkProducer(req: { transactionalId: string; producerId: number; producerEpoch: number }): { shard: TxnShard; meta: TxnMetadata } | number {
    if (req.transactionalId === '') return ErrorCode.INVALID_REQUEST;
    const shard = this.route(req.transactionalId);
    if (typeof shard === 'number') return shard;
    const meta = shard.txns.get(req.transactionalId);
    if (!meta || meta.producerId !== req.producerId) return ErrorCode.INVALID_PRODUCER_ID_MAPPING;
    if (meta.producerEpoch !== req.producerEpoch) return ErrorCode.PRODUCER_FENCED;
    return { shard, meta };
  }
}

/**
 * KIP-360: a producer recovering its session is fenced unless the id was just created, or it names
 * the current producer id, or the previous one whose epoch ran out (a retry of that rotation).
 */
function isValidProducerId(meta: TxnMetadata, producerId: number, producerEpoch: number): boolean {
  return meta.producerEpoch === NO_PRODUCER_EPOCH || producerId === meta.producerId
    || (producerId === meta.lastProducerId && isEpochExhausted(producerEpoch));
}

function newTxn(transactionalId: string, producerId: number, timeoutMs: number, nowMs: number): TxnMetadata {
  return new TxnMetadata(transactionalId, {
    producerId, lastProducerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH, lastProducerEpoch: NO_PRODUCER_EPOCH,
    timeoutMs, state: TxnState.Empty, partitions: new Map(), startTimestampMs: -1, lastUpdateTimestampMs: nowMs,
  });
}
