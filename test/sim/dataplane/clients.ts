// Simulated clients, one producer and one consumer per partition. They learn leaders from the
// controller's image, refreshed every so often (a client's metadata lags). The producer sends
// acks=all batches of records with unique ids, one request at a time, and never retries a batch
// (a retry would be a new record); the consumer reads up to the high watermark, in order, from the
// leader or now and then from a follower.
import { defaultFetchPartition, defaultFetchRequest } from '../../../protocol/generated/api/01-fetch.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../../protocol/records/record-batch.js';
import type { PartitionState } from '../../../src/metadata/image.js';
import type { Prng } from '../prng.js';
import type { SimBroker } from './broker.js';
import { InvariantViolation, type DataChecker } from './checker.js';
import type { VirtualClock } from './clock.js';
import { TOPIC, type SimController } from './controller.js';
import type { DataNetwork } from './network.js';

export interface ClientEnv {
  clock: VirtualClock;
  network: DataNetwork;
  controller: SimController;
  checker: DataChecker;
  brokers: readonly SimBroker[];
  prng: Prng;
}

const METADATA_MAX_AGE_MS = 300;
export const REQUEST_TIMEOUT_MS = 1000;

/** What a client believes about a partition, refreshed from the controller now and then. */
export class ClientMetadata {
  private state: PartitionState | undefined;
  private fetchedMs = -Infinity;

  constructor(private readonly env: ClientEnv, private readonly partition: number) {}

  current(): PartitionState | undefined {
    if (this.env.clock.nowMs - this.fetchedMs >= METADATA_MAX_AGE_MS) {
      this.state = this.env.controller.image.topicsByName.get(TOPIC)?.partitions[this.partition];
      this.fetchedMs = this.env.clock.nowMs;
    }
    return this.state;
  }

  invalidate(): void {
    this.fetchedMs = -Infinity;
  }
}

export class SimProducer {
  running = true;
  acked = 0;
  failed = 0;
  private seq = 0;
  private readonly metadata: ClientMetadata;

  constructor(private readonly env: ClientEnv, readonly address: number, readonly partition: number) {
    this.metadata = new ClientMetadata(env, partition);
  }

  start(): void {
    this.env.clock.at(this.env.prng.int(0, 50), () => this.send());
  }

  private send(): void {
    if (!this.running) return;
    const { clock, network, checker, prng } = this.env;
    const state = this.metadata.current();
    const leader = this.env.brokers.find((b) => b.id === state?.leader);
    if (!leader) {
      this.metadata.invalidate();
      clock.at(100, () => this.send());
      return;
    }
    const ids = Array.from({ length: prng.int(1, 4) }, () => `p${this.partition}-${this.seq++}`);
    const batch = encodeRecordBatch({ records: ids.map((id, i) => ({ key: null, value: Buffer.from(id), timestamp: clock.nowMs, offsetDelta: i })) });
    const p = this.partition;
    network.request(this.address, leader.id, () => true, REQUEST_TIMEOUT_MS, () => leader.serveProduce(p, batch)?.then((answer) => {
      if (answer?.result.errorCode === ErrorCode.NONE) checker.safely(() => checker.atLeaderAck(leader, p, answer.result.baseOffset, ids));
      return answer;
    })).then((answer) => {
      if (answer === undefined) return;
      if (answer.result.errorCode === ErrorCode.NONE) {
        checker.acked(p, answer.result.baseOffset, ids, answer.leaderEpoch);
        this.acked += ids.length;
      } else {
        this.failed++;
        this.metadata.invalidate();
      }
    }, () => {
      this.failed++;
      this.metadata.invalidate();
    }).finally(() => clock.at(prng.int(1, 20), () => this.send()));
  }
}

export class SimConsumer {
  running = true;
  /** The next offset to read: everything below was read, as committed. */
  nextOffset = 0;
  private readonly metadata: ClientMetadata;

  constructor(private readonly env: ClientEnv, readonly address: number, readonly partition: number) {
    this.metadata = new ClientMetadata(env, partition);
  }

  start(): void {
    this.env.clock.at(this.env.prng.int(0, 50), () => this.poll());
  }

  private poll(): void {
    if (!this.running) return;
    const { clock, network, prng } = this.env;
    const state = this.metadata.current();
    const leader = this.env.brokers.find((b) => b.id === state?.leader);
    if (!state || !leader) {
      this.metadata.invalidate();
      clock.at(100, () => this.poll());
      return;
    }
    // A third of the fetches go to a replica picked at random (KIP-392: a follower serves a
    // consumer up to its own high watermark), whose answers must be committed data as well.
    const target = prng.chance(0.3) ? this.env.brokers.find((b) => b.id === prng.pick(state.replicas)) ?? leader : leader;
    const fetchOffset = this.nextOffset;
    const req = {
      ...defaultFetchRequest(), replicaId: -1, maxWaitMs: 100, minBytes: 1, maxBytes: 65536, sessionEpoch: -1,
      topics: [{ topic: TOPIC, topicId: state.topicId, partitions: [{ ...defaultFetchPartition(), partition: this.partition, currentLeaderEpoch: state.leaderEpoch, fetchOffset, partitionMaxBytes: 65536 }] }],
    };
    network.request(this.address, target.id, () => true, REQUEST_TIMEOUT_MS, () => target.serveFetch(req)).then((res) => {
      const data = res.responses[0]!.partitions[0]!;
      // A follower may be behind what the consumer read from the leader: only a leader's says the log lost it.
      if (data.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE && fetchOffset > 0 && target === leader) {
        this.env.checker.safely(() => this.env.checker.outOfRange(this.partition, fetchOffset, leader.id, state.leaderEpoch));
      }
      if (data.errorCode !== ErrorCode.NONE) {
        this.metadata.invalidate();
        return;
      }
      this.env.checker.safely(() => this.read(data.records ?? Buffer.alloc(0), data.highWatermark));
    }, () => this.metadata.invalidate()).finally(() => clock.at(prng.int(1, 30), () => this.poll()));
  }

  private read(records: Buffer, highWatermark: number): void {
    for (const batch of decodeRecordBatches(records)) {
      for (const r of batch.records) {
        if (r.offset < this.nextOffset) continue;
        if (r.offset >= highWatermark) throw new InvariantViolation(`consumer of p${this.partition} was sent offset ${r.offset}, at or past the high watermark ${highWatermark}`);
        if (r.offset !== this.nextOffset) {
          throw new InvariantViolation(`consumer of p${this.partition} expected offset ${this.nextOffset}, got ${r.offset}`);
        }
        this.env.checker.consumed(this.partition, r.offset, r.value?.toString() ?? '', `consumer of p${this.partition}`);
        this.nextOffset = r.offset + 1;
      }
    }
  }
}
