// Seeded simulation of one group's offsets committed both ways: plain commits, transactional
// offsets of three producers, their commit and abort markers, and OffsetDelete, in random order,
// with some writes failing and the shard reloaded from its log now and then. A model applies
// Kafka's rule (OffsetMetadataManager) with explicit log offsets: a commit marker makes a
// transaction's offset the committed one only if its record is later than the committed one's, and
// a tombstone drops the key's committed and pending offsets. After every event the coordinator's
// committed offsets equal the model's, and a reload (replaying the log) changes nothing. A failure
// prints the seed and the command that replays it.
import { describe, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { decodeRecord, type CoordinatorRecord } from '../../../src/coordinator/records.js';
import { seededRandom } from '../../helpers/seeded-random.js';
import { Harness } from './harness.js';

const STEPS = 300;
const PARTITIONS = [0, 1, 2];
const PRODUCERS = [41, 42, 43];

/** The coordinator's log: record batches (a transaction's with its producer) and markers. */
type LogEntry = { records: CoordinatorRecord[]; producerId?: number } | { marker: number; committed: boolean };

interface ModelOffset {
  value: number;
  logOffset: number;
}

/** Kafka's rule over the written log, with each record's log offset. */
class Model {
  readonly committed = new Map<number, ModelOffset>();
  private readonly pending = new Map<number, Map<number, ModelOffset>>();
  private next = 0;

  write(producerId: number | undefined, partition: number, value: number | null): void {
    const at = { value: value ?? -1, logOffset: this.next++ };
    if (value === null) {
      this.committed.delete(partition);
      for (const offsets of this.pending.values()) offsets.delete(partition);
    } else if (producerId === undefined) {
      this.committed.set(partition, at);
    } else {
      let offsets = this.pending.get(producerId);
      if (!offsets) this.pending.set(producerId, (offsets = new Map()));
      offsets.set(partition, at);
    }
  }

  marker(producerId: number, committed: boolean): void {
    this.next++;
    const offsets = this.pending.get(producerId);
    this.pending.delete(producerId);
    if (!committed || !offsets) return;
    for (const [partition, o] of offsets) {
      const current = this.committed.get(partition);
      if (current === undefined || o.logOffset > current.logOffset) this.committed.set(partition, o);
    }
  }
}

function run(seed: number): void {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const fail = (message: string): never => {
    throw new Error(`seed ${seed}: ${message} (replay: TXN_OFFSETS_SIM_SEED=${seed} npx vitest run test/unit/coordinator/txn-offsets-sim.test.ts)`);
  };
  const h = new Harness();
  const model = new Model();
  const log: LogEntry[] = [];
  let value = 0;

  /** Completes the coordinator's writes in order; each fails with probability 0.1, leaving nothing. */
  const flush = (): void => {
    while (h.pending.length > 0) {
      const a = h.pending[0]!;
      const ok = random() >= 0.1;
      if (ok) {
        log.push(a.txn ? { records: a.records, producerId: a.txn.producerId } : { records: a.records });
        for (const r of a.records) {
          const d = decodeRecord(r);
          if (d.type === 'offset') model.write(a.txn?.producerId, Number(d.topic.slice(1)), d.value?.offset ?? null);
        }
      }
      h.pending.shift();
      h.coordinator.appendCompleted(a.token, ok ? ErrorCode.NONE : ErrorCode.NOT_LEADER_OR_FOLLOWER, h.nowMs);
    }
  };

  const check = (when: string): void => {
    for (const p of PARTITIONS) {
      const got = h.fetched('g', `t${p}`, 0).offset;
      const want = model.committed.get(p)?.value ?? -1;
      if (got !== want) fail(`${when}: t${p}-0 committed ${got}, the model says ${want}`);
    }
  };

  for (let step = 0; step < STEPS; step++) {
    const r = random();
    const p = pick(PARTITIONS);
    let what: string;
    if (r < 0.3) {
      const v = ++value;
      h.commit({ groupId: 'g' }, [[`t${p}`, 0, v]]);
      what = `commit t${p} ${v}`;
    } else if (r < 0.6) {
      const v = ++value;
      const producerId = pick(PRODUCERS);
      h.coordinator.txnCommitOffsets({
        transactionalId: `tx-${producerId}`, groupId: 'g', producerId, producerEpoch: 0, generationId: -1, memberId: '', groupInstanceId: null,
        topics: [{ name: `t${p}`, partitions: [{ partitionIndex: 0, committedOffset: v, committedLeaderEpoch: -1, committedMetadata: null }] }],
      }, h.ctx(3), () => {});
      what = `txn ${producerId} t${p} ${v}`;
    } else if (r < 0.8) {
      flush();
      const producerId = pick(PRODUCERS);
      const committed = random() < 0.7;
      log.push({ marker: producerId, committed });
      model.marker(producerId, committed);
      h.coordinator.completeTransaction(0, producerId, committed, h.nowMs);
      what = `marker ${producerId} ${committed ? 'COMMIT' : 'ABORT'}`;
    } else if (r < 0.9) {
      h.coordinator.deleteOffsets({ groupId: 'g', topics: [{ name: `t${p}`, partitions: [{ partitionIndex: 0 }] }] }, h.ctx(0), () => {});
      what = `delete t${p}`;
    } else {
      flush();
      h.coordinator.beginLoad(0, h.nowMs);
      for (const e of log) {
        if ('marker' in e) h.coordinator.completeTransaction(0, e.marker, e.committed, h.nowMs);
        else for (const rec of e.records) h.coordinator.replay(0, rec, e.producerId);
      }
      h.coordinator.completeLoad(0, h.nowMs);
      what = 'reload';
    }
    if (random() < 0.7) flush();
    check(`step ${step} (${what})`);
  }
}

describe('transactional and plain offsets of one group (seeded simulation)', () => {
  const seeds = process.env.TXN_OFFSETS_SIM_SEED ? [Number(process.env.TXN_OFFSETS_SIM_SEED)] : Array.from({ length: 40 }, (_, i) => i + 1);
  for (const seed of seeds) {
    it(`keep the offset whose record is later in the log, live and replayed (seed ${seed})`, () => run(seed));
  }
});
