// A virtual-clock driver for the transaction coordinator: log appends and WriteTxnMarkers sends are
// held until the test completes them, written records are kept per partition (to replay on another
// coordinator), leaders are a map the test changes, and time moves only through advance().
import { ErrorCode } from '../../../protocol/errors.js';
import type { WriteTxnMarkersResponse } from '../../../protocol/generated/api/27-write-txn-markers.js';
import type { CoordinatorAppend } from '../../../src/coordinator/group-coordinator.js';
import type { CoordinatorRecord } from '../../../src/coordinator/records.js';
import { TransactionCoordinator, type ProducerIdAndEpoch } from '../../../src/coordinator/transaction-coordinator.js';
import type { TxnCoordinatorConfig } from '../../../src/coordinator/txn-config.js';
import type { MarkerSend } from '../../../src/coordinator/txn-markers.js';
import { decodeTxnRecord } from '../../../src/coordinator/txn-records.js';

export const TXN_TEST_CONFIG: TxnCoordinatorConfig = {
  numPartitions: 1,
  maxTimeoutMs: 900_000,
  idExpirationMs: 7 * 24 * 3_600_000,
  abortTimedOutIntervalMs: 10_000,
  removeExpiredIntervalMs: 3_600_000,
  markerRetryBackoffMs: 100,
  // Kafka's behaviour (answered at once) unless a test holds requests.
  concurrentHoldMs: 0,
};

export class TxnHarness {
  nowMs = 1_000_000;
  readonly appends: CoordinatorAppend[] = [];
  readonly sends: MarkerSend[] = [];
  readonly log: CoordinatorRecord[] = [];
  /** Leader per "topic-partition"; missing: partition 0 of every topic is led by node 1. */
  readonly leaders = new Map<string, number | null>();
  readonly coordinator: TransactionCoordinator;
  nextProducerId = 1000;

  constructor(readonly config: TxnCoordinatorConfig = TXN_TEST_CONFIG, records: CoordinatorRecord[] = [], coordinatorEpoch = 0) {
    this.coordinator = new TransactionCoordinator({
      config,
      append: (a) => this.appends.push(a),
      allocateProducerId: (done) => done(this.nextProducerId++, this.nowMs),
      partitionLeader: (topic, partition) => {
        const k = `${topic}-${partition}`;
        return this.leaders.has(k) ? this.leaders.get(k)! : 1;
      },
      sendMarkers: (s) => this.sends.push(s),
      groupPartition: () => 7,
    });
    this.log.push(...records);
    this.coordinator.beginLoad(0, coordinatorEpoch, this.nowMs);
    for (const r of records) this.coordinator.replay(0, r);
    this.coordinator.completeLoad(0, this.nowMs);
  }

  /** Completes every held append in order (NONE: written to the log). */
  flush(errorCode: number = ErrorCode.NONE): void {
    while (this.appends.length > 0) {
      const a = this.appends.shift()!;
      if (errorCode === ErrorCode.NONE) this.log.push(...a.records);
      this.coordinator.appendCompleted(a.token, errorCode, this.nowMs);
    }
  }

  /** The states the log holds, in order, as "id:state:epoch". */
  logStates(): string[] {
    return this.log.map((r) => {
      const d = decodeTxnRecord(r)!;
      return d.value === null ? `${d.transactionalId}:tombstone` : `${d.transactionalId}:${d.value.transactionStatus}:${d.value.producerEpoch}`;
    });
  }

  /** Answers the oldest held marker send: every partition with `errorCode`, or null (request failed). */
  answerMarkers(errorCode: number | null = ErrorCode.NONE): MarkerSend {
    const s = this.sends.shift();
    if (!s) throw new Error('no marker send held');
    const response: WriteTxnMarkersResponse | null = errorCode === null ? null : {
      markers: s.request.markers.map((m) => ({
        producerId: m.producerId,
        topics: m.topics.map((t) => ({ name: t.name, partitions: t.partitionIndexes.map((partitionIndex) => ({ partitionIndex, errorCode })) })),
      })),
    };
    this.coordinator.markersSent(s.token, response, this.nowMs);
    return s;
  }

  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (let d = this.coordinator.nextDeadlineMs(); d !== null && d <= target; d = this.coordinator.nextDeadlineMs()) {
      this.nowMs = Math.max(this.nowMs, d);
      this.coordinator.tick(this.nowMs);
    }
    this.nowMs = target;
    this.coordinator.tick(this.nowMs);
  }

  init(transactionalId: string, timeoutMs = 60_000, producerId = -1, producerEpoch = -1): { value?: ProducerIdAndEpoch } {
    const out: { value?: ProducerIdAndEpoch } = {};
    this.coordinator.initProducerId({ transactionalId, transactionTimeoutMs: timeoutMs, producerId, producerEpoch }, this.nowMs, (r) => (out.value = r));
    return out;
  }

  /** init + flush: the producer id and epoch, asserting success. */
  initOk(transactionalId: string, timeoutMs = 60_000): { producerId: number; producerEpoch: number } {
    const r = this.init(transactionalId, timeoutMs);
    this.flush();
    if (r.value?.errorCode !== ErrorCode.NONE) throw new Error(`init failed: ${JSON.stringify(r.value)}`);
    return r.value;
  }

  add(transactionalId: string, pe: { producerId: number; producerEpoch: number }, partitions: [string, number][]): { value?: number } {
    const out: { value?: number } = {};
    this.coordinator.addPartitions({ transactionalId, ...pe, partitions: partitions.map(([topic, partition]) => ({ topic, partition })) },
      this.nowMs, (e) => (out.value = e));
    return out;
  }

  end(transactionalId: string, pe: { producerId: number; producerEpoch: number }, committed: boolean): { value?: number } {
    const out: { value?: number } = {};
    this.coordinator.endTxn({ transactionalId, ...pe, committed }, this.nowMs, (e) => (out.value = e));
    return out;
  }

  state(transactionalId: string): string {
    return this.coordinator.describe([transactionalId], this.nowMs)[0]!.transactionState;
  }
}
