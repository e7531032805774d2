// Idempotent and transactional producers (KIP-98) on a leader: per producer id, the epoch and the
// last five batches' sequence ranges, so a retried batch is answered with its first offset instead
// of being written twice, and a gap in sequences is refused with OUT_OF_ORDER_SEQUENCE_NUMBER; and
// whether its transaction is open (a non-transactional batch then gets INVALID_TXN_STATE) and the
// coordinator epoch of its last marker (older markers are fenced). Sequences are taken
// when the append is queued (a producer has up to five requests in flight), offsets when it
// completes. A producer's starting point is what the log holds for it (storage keeps that state
// on every replica and in producer snapshot files), looked up the first time this leader sees it.
import { ErrorCode } from '../../protocol/errors.js';
import type { BatchInfo } from '../../protocol/records/batch-validation.js';
import { PRODUCER_BATCHES_KEPT as BATCHES_KEPT, type ProducerStateEntry } from '../../storage/producer-state-manager.js';

const INT32_MAX = 2147483647;

interface SeqBatch {
  firstSeq: number;
  lastSeq: number;
  /** Resolves with the batch's base offset once appended. */
  offset: Promise<number>;
}

interface ProducerEntry {
  epoch: number;
  batches: SeqBatch[];
  /** A transactional batch was taken and no marker since (Kafka: currentTxnFirstOffset present). */
  txnOpen: boolean;
  coordinatorEpoch: number;
  /** Batches sequenced and not yet appended (or failed): a retry of one must find the entry. */
  inFlight: number;
}

export type MarkerCheck = { kind: 'ok' } | { kind: 'error'; errorCode: number; message: string };

export type Sequenced =
  | { kind: 'ok'; appended(baseOffset: number): void; failed(): void }
  | { kind: 'duplicate'; original: Promise<number> }
  | { kind: 'error'; errorCode: number; message: string };

/** What batches without a producer id get: nothing to check or remember. */
export const UNSEQUENCED: Sequenced = { kind: 'ok', appended() {}, failed() {} };

/** What the log holds for a producer id (undefined: no batch of it in the log's producer state). */
export type StoredProducers = (producerId: number) => Readonly<ProducerStateEntry> | undefined;

/** A verification in progress for a producer's first transactional batch on this partition (Kafka's
 * VerificationGuard): the batch may open the transaction only while its guard is the producer's
 * current one. A marker in between (the coordinator aborted) or a newer verification voids it, so a
 * late batch cannot open a transaction the coordinator no longer knows (a hanging transaction). */
export interface VerificationGuard {
  readonly producerId: number;
  readonly producerEpoch: number;
}

/** A guard as kept here: when an expiry sweep first saw it (verifications that never end, a client
 * gone, expire as Kafka's verification states do: after producer.id.expiration.ms, here counted
 * from the first sweep that saw them, so at most one check interval late). */
interface KeptGuard extends VerificationGuard {
  sweptMs?: number;
}

export class ProducerStates {
  private readonly producers = new Map<number, ProducerEntry>();
  private readonly guards = new Map<number, KeptGuard>();

  constructor(private readonly stored: StoredProducers = () => undefined) {}

  /** Whether a transactional batch of the producer needs the coordinator's verification first
   * (KIP-890): unless its transaction is already open here under that epoch. */
  needsVerification(producerId: number, producerEpoch: number): boolean {
    const entry = this.entry(producerId);
    return !(entry && entry.txnOpen && entry.epoch === producerEpoch);
  }

  /** Starts a verification: the returned guard is the producer's current one. */
  startVerification(producerId: number, producerEpoch: number): VerificationGuard {
    const guard = { producerId, producerEpoch };
    this.guards.set(producerId, guard);
    return guard;
  }

  /** Checks the batches' producer fields and takes their sequences. With `guard` (a verified
   * transactional append), a batch that would open the transaction needs it still current. */
  sequence(infos: BatchInfo[], guard?: VerificationGuard): Sequenced {
    const idempotent = infos.filter((b) => b.producerId >= 0);
    if (idempotent.length === 0) return UNSEQUENCED;
    const pending: { entry: ProducerEntry; resolve: (o: number) => void; reject: (e: Error) => void; delta: number }[] = [];
    // Offsets the log will give each batch, relative to the first: batches take consecutive ranges.
    const deltas: number[] = [];
    infos.reduce((sum, b) => (deltas.push(sum), sum + b.lastOffsetDelta + 1), 0);
    // A request refused (or answered as a duplicate) at a later batch appends none of its batches,
    // as in Kafka: what earlier ones took is put back, or a retry of one would wait for an append
    // that never comes. Only requests with several batches can get that far.
    const undo = idempotent.length > 1 ? new Undo(this.producers, this.guards) : undefined;
    const refuse = (result: Sequenced): Sequenced => {
      undo?.restore();
      return result;
    };
    for (const b of idempotent) {
      const delta = deltas[infos.indexOf(b)]!;
      const entry = this.entry(b.producerId);
      const lastSeq = (b.baseSequence + b.lastOffsetDelta) % (INT32_MAX + 1);
      if (entry) {
        if (b.producerEpoch < entry.epoch) {
          // Kafka answers INVALID_PRODUCER_EPOCH here (since 2.7, not PRODUCER_FENCED): the client
          // aborts its transaction and may go on.
          return refuse({ kind: 'error', errorCode: ErrorCode.INVALID_PRODUCER_EPOCH, message: `Producer epoch ${b.producerEpoch} is older than ${entry.epoch}` });
        }
        if (entry.txnOpen && !b.isTransactional) {
          return refuse({ kind: 'error', errorCode: ErrorCode.INVALID_TXN_STATE, message: `Expected transactional write from producer ${b.producerId}` });
        }
        const dup = b.producerEpoch === entry.epoch && entry.batches.find((s) => s.firstSeq === b.baseSequence && s.lastSeq === lastSeq);
        if (dup) return refuse({ kind: 'duplicate', original: dup.offset.then((o) => o - delta) });
        const expected = b.producerEpoch > entry.epoch ? 0 : nextSeq(entry.batches.at(-1)?.lastSeq ?? -1);
        if (b.baseSequence !== expected) {
          return refuse({ kind: 'error', errorCode: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, message: `Out of order sequence number for producer ${b.producerId}: ${b.baseSequence} (incoming seq. number), ${expected - 1} (current end sequence number)` });
        }
      }
      const opens = b.isTransactional && !(entry?.txnOpen && entry.epoch === b.producerEpoch);
      if (guard !== undefined && opens && this.guards.get(b.producerId) !== guard) {
        return refuse({ kind: 'error', errorCode: ErrorCode.INVALID_TXN_STATE, message: `Partition was not added to the transaction of producer ${b.producerId} (verification voided)` });
      }
      undo?.keep(b.producerId, entry);
      if (opens) this.guards.delete(b.producerId);
      let resolve!: (o: number) => void;
      let reject!: (e: Error) => void;
      const offset = new Promise<number>((res, rej) => { resolve = res; reject = rej; });
      offset.catch(() => undefined);
      const batch = { firstSeq: b.baseSequence, lastSeq, offset };
      const next = entry ?? { epoch: b.producerEpoch, batches: [], txnOpen: false, coordinatorEpoch: -1, inFlight: 0 };
      if (next.epoch !== b.producerEpoch) {
        next.epoch = b.producerEpoch;
        next.batches = [];
      }
      if (b.isTransactional) next.txnOpen = true;
      next.batches.push(batch);
      if (next.batches.length > BATCHES_KEPT) next.batches.shift();
      next.inFlight++;
      this.producers.set(b.producerId, next);
      pending.push({ entry: next, resolve, reject, delta });
    }
    return {
      kind: 'ok',
      appended: (baseOffset) => {
        for (const p of pending) {
          p.entry.inFlight--;
          p.resolve(baseOffset + p.delta);
        }
      },
      failed: () => {
        for (const p of pending) {
          p.entry.inFlight--;
          p.reject(new Error('append failed'));
        }
      },
    };
  }

  /**
   * Checks a COMMIT/ABORT marker for the producer and takes it (Kafka's appendEndTxnMarker, for
   * transaction versions 0 and 1: the marker carries the transaction's epoch or a newer one): an
   * older producer epoch gets INVALID_PRODUCER_EPOCH, an older coordinator epoch than the last
   * marker's TRANSACTION_COORDINATOR_FENCED (a zombie coordinator). Closes the open transaction.
   */
  marker(producerId: number, producerEpoch: number, coordinatorEpoch: number): MarkerCheck {
    const entry = this.entry(producerId);
    if (entry && producerEpoch < entry.epoch) {
      return { kind: 'error', errorCode: ErrorCode.INVALID_PRODUCER_EPOCH, message: `Marker epoch ${producerEpoch} of producer ${producerId} is older than ${entry.epoch}` };
    }
    if (entry && coordinatorEpoch < entry.coordinatorEpoch) {
      return { kind: 'error', errorCode: ErrorCode.TRANSACTION_COORDINATOR_FENCED, message: `Coordinator epoch ${coordinatorEpoch} for producer ${producerId} is older than ${entry.coordinatorEpoch}` };
    }
    const next = entry ?? { epoch: producerEpoch, batches: [], txnOpen: false, coordinatorEpoch, inFlight: 0 };
    if (next.epoch !== producerEpoch) {
      next.epoch = producerEpoch;
      next.batches = [];
    }
    next.coordinatorEpoch = coordinatorEpoch;
    next.txnOpen = false;
    this.guards.delete(producerId);
    this.producers.set(producerId, next);
    return { kind: 'ok' };
  }

  /**
   * After the log's state dropped its expired producers: this leader forgets those it has nothing
   * in flight for, and verifications older than `expirationMs`. A producer the log does not know is
   * one whose state expired (or that never got a batch appended): it starts afresh when it comes
   * back, as on Kafka. Returns how many producers were forgotten.
   */
  forgetExpired(nowMs: number, expirationMs: number): number {
    let forgotten = 0;
    for (const [id, entry] of this.producers) {
      if (entry.inFlight > 0 || this.stored(id) !== undefined) continue;
      this.producers.delete(id);
      forgotten++;
    }
    for (const [id, guard] of this.guards) {
      if (guard.sweptMs === undefined) guard.sweptMs = nowMs;
      else if (nowMs - guard.sweptMs >= expirationMs) this.guards.delete(id);
    }
    return forgotten;
  }

  /** This leader's entry for the producer, seeded from the log's state the first time. A producer
   * the log does not know starts afresh, as Kafka treats one whose state expired: any sequence. */
  private entry(producerId: number): ProducerEntry | undefined {
    const known = this.producers.get(producerId);
    if (known !== undefined) return known;
    const stored = this.stored(producerId);
    if (stored === undefined) return undefined;
    const batches = stored.batches.map((b) => ({ firstSeq: b.firstSeq, lastSeq: b.lastSeq, offset: Promise.resolve(b.firstOffset) }));
    const entry = { epoch: stored.epoch, batches, txnOpen: stored.currentTxnFirstOffset >= 0, coordinatorEpoch: stored.coordinatorEpoch, inFlight: 0 };
    this.producers.set(producerId, entry);
    return entry;
  }
}

/** A producer's entry and guard as they were before a request changed them, to put back. The
 * entry is restored in place: earlier requests' appends still count down its inFlight. */
class Undo {
  private readonly kept = new Map<number, { entry: ProducerEntry | undefined; was: ProducerEntry | undefined; guard: KeptGuard | undefined }>();

  constructor(private readonly producers: Map<number, ProducerEntry>, private readonly guards: Map<number, KeptGuard>) {}

  /** Before the first change to the producer in this request. */
  keep(producerId: number, entry: ProducerEntry | undefined): void {
    if (this.kept.has(producerId)) return;
    this.kept.set(producerId, { entry, was: entry && { ...entry, batches: entry.batches.slice() }, guard: this.guards.get(producerId) });
  }

  restore(): void {
    for (const [id, { entry, was, guard }] of this.kept) {
      if (entry !== undefined) this.producers.set(id, Object.assign(entry, was));
      else this.producers.delete(id);
      if (guard !== undefined) this.guards.set(id, guard);
      else this.guards.delete(id);
    }
  }
}

function nextSeq(seq: number): number {
  return seq === INT32_MAX ? 0 : seq + 1;
}
