// Transactional clients of the data-plane simulation, one pair per partition. The producer runs
// transactions of one to three acks=all batches under its producer id; a transaction whose batches
// were all acknowledged commits (or, one time in three, aborts); one with a failed batch aborts,
// and then the producer's epoch is bumped, as a coordinator fences a producer it aborts for, so a
// late batch of it cannot open a transaction after the marker. The outcome is decided before any
// marker is sent, and the marker (WriteTxnMarkers, acks=all) is retried at the current leader
// until written, as a coordinator does. The read_committed consumer filters aborted transactions
// as Kafka's consumer does and checks that it only ever delivers committed (or non-transactional)
// records, each once, in order; at the end it must have delivered every committed one.
import { defaultFetchPartition, defaultFetchRequest } from '../../../protocol/generated/api/01-fetch.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ControlRecordType, readEndTxnMarker } from '../../../protocol/records/control-record.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../../protocol/records/record-batch.js';
import { InvariantViolation } from './checker.js';
import { ClientMetadata, REQUEST_TIMEOUT_MS, type ClientEnv } from './clients.js';
import { TOPIC } from './controller.js';

/** Every transaction's fate once decided, and the record ids of each. */
export class TxnOutcomes {
  readonly outcome = new Map<string, 'commit' | 'abort'>();
  readonly records = new Map<string, string[]>();
}

const txnOf = (id: string): string => id.slice(0, id.lastIndexOf('.'));

export class SimTxnProducer {
  running = true;
  committed = 0;
  private epoch = 0;
  private seq = 0;
  private txnNo = 0;
  private readonly metadata: ClientMetadata;
  readonly producerId: number;

  constructor(private readonly env: ClientEnv, readonly address: number, readonly partition: number, private readonly outcomes: TxnOutcomes) {
    this.metadata = new ClientMetadata(env, partition);
    this.producerId = 5000 + partition;
  }

  start(): void {
    void this.env.clock.sleep(this.env.prng.int(0, 50)).then(() => this.loop());
  }

  private async loop(): Promise<void> {
    const { prng, clock } = this.env;
    while (this.running) {
      const txn = `t${this.partition}-${this.txnNo++}`;
      this.outcomes.records.set(txn, []);
      let ok = true;
      for (let i = prng.int(1, 3); i > 0 && ok; i--) ok = await this.produce(txn);
      const commit = ok && prng.int(0, 2) > 0;
      this.outcomes.outcome.set(txn, commit ? 'commit' : 'abort');
      if (!ok) {
        this.epoch++;
        this.seq = 0;
      }
      await this.writeMarker(commit);
      if (commit) this.committed++;
      await clock.sleep(prng.int(1, 20));
    }
  }

  /** One transactional batch; true once acknowledged. */
  private async produce(txn: string): Promise<boolean> {
    const { clock, network, checker, prng, brokers } = this.env;
    const leader = brokers.find((b) => b.id === this.metadata.current()?.leader);
    if (!leader) {
      this.metadata.invalidate();
      await clock.sleep(50);
      return false;
    }
    const records = this.outcomes.records.get(txn)!;
    const ids = Array.from({ length: prng.int(1, 2) }, (_, i) => `${txn}.${records.length + i}`);
    const batch = encodeRecordBatch({
      producerId: this.producerId, producerEpoch: this.epoch, baseSequence: this.seq, isTransactional: true,
      records: ids.map((id, i) => ({ key: null, value: Buffer.from(id), timestamp: clock.nowMs, offsetDelta: i })),
    });
    records.push(...ids);
    const p = this.partition;
    try {
      const answer = await network.request(this.address, leader.id, () => true, REQUEST_TIMEOUT_MS, () => leader.serveProduce(p, batch));
      if (answer?.result.errorCode !== ErrorCode.NONE) {
        this.metadata.invalidate();
        return false;
      }
      this.seq += ids.length;
      checker.acked(p, answer.result.baseOffset, ids, answer.leaderEpoch);
      return true;
    } catch {
      this.metadata.invalidate();
      return false;
    }
  }

  /** The coordinator's marker for the transaction, retried until the partition's leader wrote it. */
  private async writeMarker(commit: boolean): Promise<void> {
    const { clock, network, brokers } = this.env;
    const marker = { producerId: this.producerId, producerEpoch: this.epoch, commit, coordinatorEpoch: 0 };
    for (;;) {
      const leader = brokers.find((b) => b.id === this.metadata.current()?.leader);
      const code = leader === undefined ? undefined
        : await network.request(this.address, leader.id, () => true, REQUEST_TIMEOUT_MS, () => leader.serveMarker(this.partition, marker)).catch(() => undefined);
      if (code === ErrorCode.NONE) return;
      this.metadata.invalidate();
      await clock.sleep(50);
    }
  }
}

export class SimCommittedConsumer {
  running = true;
  nextOffset = 0;
  readonly delivered = new Set<string>();
  private readonly metadata: ClientMetadata;

  constructor(private readonly env: ClientEnv, readonly address: number, readonly partition: number, private readonly outcomes: TxnOutcomes) {
    this.metadata = new ClientMetadata(env, partition);
  }

  start(): void {
    this.env.clock.at(this.env.prng.int(0, 50), () => this.poll());
  }

  private poll(): void {
    if (!this.running) return;
    const { clock, network, prng, brokers } = this.env;
    const state = this.metadata.current();
    const leader = brokers.find((b) => b.id === state?.leader);
    if (!state || !leader) {
      this.metadata.invalidate();
      clock.at(100, () => this.poll());
      return;
    }
    const req = {
      ...defaultFetchRequest(), replicaId: -1, maxWaitMs: 100, minBytes: 1, maxBytes: 65536, sessionEpoch: -1, isolationLevel: 1,
      topics: [{ topic: TOPIC, topicId: state.topicId, partitions: [{ ...defaultFetchPartition(), partition: this.partition, currentLeaderEpoch: state.leaderEpoch, fetchOffset: this.nextOffset, partitionMaxBytes: 65536 }] }],
    };
    network.request(this.address, leader.id, () => true, REQUEST_TIMEOUT_MS, () => leader.serveFetch(req)).then((res) => {
      const data = res.responses[0]!.partitions[0]!;
      if (data.errorCode !== ErrorCode.NONE) {
        this.metadata.invalidate();
        return;
      }
      this.env.checker.safely(() => this.read(data.records ?? Buffer.alloc(0), data.abortedTransactions ?? [], data.lastStableOffset));
    }, () => this.metadata.invalidate()).finally(() => clock.at(prng.int(1, 30), () => this.poll()));
  }

  /** Kafka's consumer: a producer's batches are skipped from its aborted transaction's first
   * offset until its ABORT marker. */
  private read(records: Buffer, aborted: { producerId: number; firstOffset: number }[], lastStableOffset: number): void {
    const pending = [...aborted].sort((a, b) => a.firstOffset - b.firstOffset);
    const skipping = new Set<number>();
    for (const batch of decodeRecordBatches(records)) {
      const last = batch.baseOffset + batch.lastOffsetDelta;
      if (last < this.nextOffset) continue;
      if (last >= lastStableOffset) throw new InvariantViolation(`read_committed p${this.partition} got offset ${last} at or past the LSO ${lastStableOffset}`);
      while (pending.length > 0 && pending[0]!.firstOffset <= batch.baseOffset) skipping.add(pending.shift()!.producerId);
      if (batch.isControl) {
        const r = batch.records[0];
        if (r && readEndTxnMarker(r).type === ControlRecordType.ABORT) skipping.delete(batch.producerId);
      } else if (!(batch.isTransactional && skipping.has(batch.producerId))) {
        for (const r of batch.records) if (r.offset >= this.nextOffset) this.deliver(r.value!.toString(), batch.isTransactional);
      }
      this.nextOffset = last + 1;
    }
  }

  private deliver(id: string, transactional: boolean): void {
    if (transactional) {
      const outcome = this.outcomes.outcome.get(txnOf(id));
      if (outcome !== 'commit') throw new InvariantViolation(`read_committed p${this.partition} delivered ${id} of a transaction ${outcome ?? 'not yet decided'}`);
    }
    if (this.delivered.has(id)) throw new InvariantViolation(`read_committed p${this.partition} delivered ${id} twice`);
    this.delivered.add(id);
  }

  /** At the end: every committed transaction's records were delivered. */
  checkComplete(): void {
    for (const [txn, outcome] of this.outcomes.outcome) {
      if (outcome !== 'commit' || !txn.startsWith(`t${this.partition}-`)) continue;
      for (const id of this.outcomes.records.get(txn)!) {
        if (!this.delivered.has(id)) throw new InvariantViolation(`read_committed p${this.partition} never delivered committed ${id}`);
      }
    }
  }
}
