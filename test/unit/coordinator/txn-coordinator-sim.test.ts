// Seeded simulation of the transaction coordinator on the virtual clock, with requests held while
// their transaction completes (concurrentHoldMs). Three producers over two transactional ids (two
// of them share one, so they fence each other) run transactions as kafkajs does and retry what
// fails; log appends complete one at a time, some with errors; markers are answered late, with
// errors or not at all; time jumps; the coordinator fails over to one that replays the log (also
// after a write that fails because the partition's leadership moved). After
// every event: no request is answered twice; an AddPartitionsToTxn answered NONE found its
// transaction Ongoing; CONCURRENT_TRANSACTIONS goes only to a request whose transaction was still
// completing when its hold ran out; every PrepareCommit/PrepareAbort in the log is followed by its
// own Complete*, under a producer epoch that never goes back. At the end, with the faults stopped,
// every request has its answer and no transaction is left completing. A failure prints the seed and
// the command that replays it.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { isCompleting } from '../../../src/coordinator/txn-coordinator.js';
import { TxnState, decodeTxnRecord } from '../../../src/coordinator/txn-records.js';
import { seededRandom } from '../../helpers/seeded-random.js';
import { TXN_TEST_CONFIG, TxnHarness } from './txn-harness.js';

const CONFIG = { ...TXN_TEST_CONFIG, concurrentHoldMs: 300 };
const STEPS = 400;

interface Pending {
  what: string;
  answers: number;
}

interface SimProducer {
  name: string;
  transactionalId: string;
  pe: { producerId: number; producerEpoch: number } | null;
  phase: 'add' | 'end';
  waiting: boolean;
}

function run(seed: number): void {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  let h = new TxnHarness(CONFIG);
  let coordinatorEpoch = 0;
  const requests: Pending[] = [];
  const producers: SimProducer[] = [
    { name: 'p1', transactionalId: 'a', pe: null, phase: 'add', waiting: false },
    { name: 'p2', transactionalId: 'a', pe: null, phase: 'add', waiting: false },
    { name: 'p3', transactionalId: 'b', pe: null, phase: 'add', waiting: false },
  ];
  const fail = (message: string): never => {
    throw new Error(`seed ${seed}: ${message} (replay: TXN_SIM_SEED=${seed} npx vitest run test/unit/coordinator/txn-coordinator-sim.test.ts)`);
  };
  const meta = (id: string) => h.coordinator.shards.get(0)?.txns.get(id);

  /** A request to the current coordinator; `then` sees its one answer. */
  const ask = (p: SimProducer, what: string, send: (answer: (errorCode: number) => void) => void, then: (errorCode: number) => void): void => {
    const pending: Pending = { what: `${p.name} ${what}`, answers: 0 };
    requests.push(pending);
    p.waiting = true;
    send((errorCode) => {
      if (++pending.answers > 1) fail(`${pending.what} answered twice`);
      if (errorCode === ErrorCode.CONCURRENT_TRANSACTIONS) {
        const m = meta(p.transactionalId);
        if (m === undefined || !isCompleting(m)) fail(`${pending.what}: CONCURRENT_TRANSACTIONS while nothing was completing`);
      }
      p.waiting = false;
      then(errorCode);
    });
  };

  const fenced = (p: SimProducer, errorCode: number): boolean => {
    if (errorCode !== ErrorCode.PRODUCER_FENCED && errorCode !== ErrorCode.INVALID_PRODUCER_ID_MAPPING) return false;
    p.pe = null;
    p.phase = 'add';
    return true;
  };

  const clientStep = (p: SimProducer): void => {
    const c = h.coordinator;
    const now = h.nowMs;
    if (p.pe === null) {
      ask(p, 'InitProducerId', (answer) => c.initProducerId({ transactionalId: p.transactionalId, transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 },
        now, (r) => {
          if (r.errorCode === ErrorCode.NONE) p.pe = { producerId: r.producerId, producerEpoch: r.producerEpoch };
          answer(r.errorCode);
        }), () => {});
      return;
    }
    const pe = p.pe;
    if (p.phase === 'add') {
      const partitions = [{ topic: 't', partition: Math.floor(random() * 3) }, { topic: 'u', partition: 0 }].slice(0, 1 + Math.floor(random() * 2));
      ask(p, 'AddPartitionsToTxn', (answer) => c.addPartitions({ transactionalId: p.transactionalId, ...pe, partitions }, now, answer), (errorCode) => {
        if (errorCode === ErrorCode.NONE) {
          const m = meta(p.transactionalId);
          if (m?.state !== TxnState.Ongoing || m.pending !== null) fail(`${p.name} AddPartitionsToTxn answered NONE in state ${m?.state}`);
          p.phase = 'end';
        } else fenced(p, errorCode);
      });
      return;
    }
    const committed = random() < 0.7;
    ask(p, `EndTxn(${committed ? 'commit' : 'abort'})`, (answer) => c.endTxn({ transactionalId: p.transactionalId, ...pe, committed }, now, answer), (errorCode) => {
      if (errorCode === ErrorCode.NONE || errorCode === ErrorCode.INVALID_TXN_STATE) p.phase = 'add';
      else fenced(p, errorCode);
    });
  };

  const completeAppend = (errorCode: number): void => {
    const a = h.appends.shift();
    if (a === undefined) return;
    if (errorCode === ErrorCode.NONE) h.log.push(...a.records);
    h.coordinator.appendCompleted(a.token, errorCode, h.nowMs);
  };

  const failover = (): void => {
    h.coordinator.unload(0, h.nowMs);
    h.advance(0);
    // Held requests and writes in flight are answered (NOT_COORDINATOR) by the unload itself.
    for (const p of producers) if (p.waiting) fail(`${p.name}'s request left unanswered by the failover`);
    const next = new TxnHarness(CONFIG, [...h.log], ++coordinatorEpoch);
    next.nextProducerId = h.nextProducerId;
    next.advance(Math.max(0, h.nowMs - next.nowMs));
    h = next;
  };

  const checkLog = (): void => {
    const byId = new Map<string, { state: number; epoch: number }[]>();
    for (const r of h.log) {
      const d = decodeTxnRecord(r)!;
      if (d.value === null) continue;
      const list = byId.get(d.transactionalId) ?? [];
      list.push({ state: d.value.transactionStatus, epoch: d.value.producerEpoch });
      byId.set(d.transactionalId, list);
    }
    for (const [id, states] of byId) {
      for (let i = 1; i < states.length; i++) {
        const [prev, cur] = [states[i - 1]!, states[i]!];
        if (prev.state === TxnState.PrepareCommit && cur.state !== TxnState.CompleteCommit) fail(`${id}: PrepareCommit followed by ${cur.state}`);
        if (prev.state === TxnState.PrepareAbort && cur.state !== TxnState.CompleteAbort) fail(`${id}: PrepareAbort followed by ${cur.state}`);
        if (cur.epoch < prev.epoch && cur.state !== TxnState.Empty) fail(`${id}: epoch went back from ${prev.epoch} to ${cur.epoch}`);
      }
    }
  };

  for (let step = 0; step < STEPS; step++) {
    const roll = random();
    if (roll < 0.35) {
      const idle = producers.filter((p) => !p.waiting);
      if (idle.length > 0) clientStep(pick(idle));
    } else if (roll < 0.6) {
      const r = random();
      if (r < 0.85) completeAppend(ErrorCode.NONE);
      else if (r < 0.95) completeAppend(pick([ErrorCode.NOT_ENOUGH_REPLICAS, ErrorCode.REQUEST_TIMED_OUT]));
      else {
        // The partition's leadership moved: the write fails, and the coordinator moves with it.
        completeAppend(ErrorCode.NOT_LEADER_OR_FOLLOWER);
        failover();
      }
    } else if (roll < 0.8) {
      if (h.sends.length > 0) h.answerMarkers(random() < 0.8 ? ErrorCode.NONE : pick([ErrorCode.NOT_LEADER_OR_FOLLOWER, null]));
    } else if (roll < 0.98) {
      h.advance(Math.floor(random() * 200));
    } else {
      failover();
    }
    checkLog();
  }

  // The faults stop: appends succeed, markers are answered, time moves on (retries of markers and
  // completions wait on timers).
  for (let round = 0; round < 20; round++) {
    while (h.appends.length > 0) completeAppend(ErrorCode.NONE);
    while (h.sends.length > 0) h.answerMarkers(ErrorCode.NONE);
    h.advance(CONFIG.markerRetryBackoffMs);
  }
  checkLog();
  for (const r of requests) if (r.answers !== 1) fail(`${r.what} answered ${r.answers} times`);
  for (const id of ['a', 'b']) {
    const m = meta(id);
    if (m !== undefined && isCompleting(m)) fail(`${id} still completing at the end (state ${m.state})`);
  }
  expect(requests.length).toBeGreaterThan(50);
}

describe('transaction coordinator (seeded simulation)', () => {
  const seeds = process.env.TXN_SIM_SEED ? [Number(process.env.TXN_SIM_SEED)] : Array.from({ length: 30 }, (_, i) => i + 1);
  for (const seed of seeds) {
    it(`answers every request once, holds only while completing, completes every prepared transaction (seed ${seed})`, () => {
      run(seed);
    });
  }
});
