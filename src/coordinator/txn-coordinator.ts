// The transaction coordinator of one broker, sans-IO: one shard per __transaction_state partition
// this broker leads, loaded by replaying the partition, unloaded when leadership moves. Every state
// change is written to the log first and applied once written (Kafka's appendTransactionToLog);
// markers go out through the marker channel; timed-out transactions are aborted under a bumped
// epoch and idle transactional ids expire, on timers driven by nextDeadlineMs()/tick(nowMs).
// The request logic (InitProducerId, AddPartitionsToTxn, EndTxn, ...) lives in txn-requests.ts.
import { ErrorCode } from '../../protocol/errors.js';
import type { WriteTxnMarkersResponse } from '../../protocol/generated/api/27-write-txn-markers.js';
import { DecodeError } from '../../protocol/primitives/reader.js';
import { coordinatorPartition } from './coordinator-key.js';
import { PendingAppends } from './pending-appends.js';
import type { CoordinatorAppend } from './group-coordinator.js';
import type { CoordinatorRecord } from './records.js';
import { DeadlineTimers } from './timers.js';
import type { TxnCoordinatorConfig } from './txn-config.js';
import { TxnMarkerChannel, type MarkerSend } from './txn-markers.js';
import { fromLogValue, toLogValue, type TxnMetadata, type TxnSnapshot } from './txn-metadata.js';
import { TxnState, decodeTxnRecord, txnRecord } from './txn-records.js';

export interface TxnCoordinatorEnv {
  readonly config: TxnCoordinatorConfig;
  /** Append to __transaction_state-<partition> as leader (acks=all); then call appendCompleted. */
  append(append: CoordinatorAppend): void;
  /** A new producer id from the controller's blocks; done(null) when none could be had. */
  allocateProducerId(done: (producerId: number | null, nowMs: number) => void): void;
  /** The partition's leader; -1 while it has none; null when the partition no longer exists. */
  partitionLeader(topic: string, partition: number): number | null;
  /** Send WriteTxnMarkers to the node; call markersSent(token, response or null) once answered. */
  sendMarkers(send: MarkerSend): void;
  /** The __consumer_offsets partition of a group (AddOffsetsToTxn). */
  groupPartition(groupId: string): number;
  /** The earliest deadline changed: call tick(nowMs) at or after it (null: none pending). */
  scheduleTick?(deadlineMs: number | null): void;
}

export interface TxnShard {
  readonly partition: number;
  /** The leader epoch of the partition: markers carry it, so leaders can refuse a deposed coordinator. */
  readonly coordinatorEpoch: number;
  status: 'loading' | 'active' | 'unloaded';
  readonly txns: Map<string, TxnMetadata>;
}

const ABORT_TIMED_OUT_KEY = 'abort-timed-out';
const EXPIRE_IDS_KEY = 'expire-transactional-ids';
const HELD_KEY_PREFIX = 'held-';

/** A request held until its transaction settles: `retry` runs it again then (under its key). */
interface Held {
  key: string;
  retry: (nowMs: number) => void;
}

/** A transition is being written, or the markers of a commit or abort are. */
export function isCompleting(meta: TxnMetadata): boolean {
  return meta.pending !== null || meta.state === TxnState.PrepareCommit || meta.state === TxnState.PrepareAbort;
}

export class TxnCoordinatorCore {
  readonly shards = new Map<number, TxnShard>();
  readonly timers = new DeadlineTimers();
  readonly markers: TxnMarkerChannel;
  private readonly appends = new PendingAppends();
  private announcedDeadlineMs: number | null | undefined = undefined;
  private periodicStarted = false;
  /** Requests waiting for their transaction to settle, per transaction. */
  private readonly held = new Map<TxnMetadata, Held[]>();
  private heldCount = 0;

  constructor(readonly env: TxnCoordinatorEnv) {
    this.markers = new TxnMarkerChannel({
      retryBackoffMs: env.config.markerRetryBackoffMs,
      partitionLeader: (t, p) => env.partitionLeader(t, p),
      sendMarkers: (s) => env.sendMarkers(s),
    }, this.timers);
  }

  get config(): TxnCoordinatorConfig {
    return this.env.config;
  }

  partitionFor(transactionalId: string): number {
    return coordinatorPartition(transactionalId, this.env.config.numPartitions);
  }

  // --- Lifecycle, driven by leadership of __transaction_state partitions ---

  beginLoad(partition: number, coordinatorEpoch: number, nowMs: number): void {
    this.unload(partition, nowMs);
    this.shards.set(partition, { partition, coordinatorEpoch, status: 'loading', txns: new Map() });
  }

  /** Replays one record in log order; false when it is malformed and was skipped. */
  replay(partition: number, record: CoordinatorRecord): boolean {
    const shard = this.shards.get(partition);
    if (!shard || shard.status !== 'loading') throw new Error(`partition ${partition} is not loading`);
    try {
      const d = decodeTxnRecord(record);
      if (d === null) return true;
      if (d.value === null) shard.txns.delete(d.transactionalId);
      else shard.txns.set(d.transactionalId, fromLogValue(d.transactionalId, d.value));
      return true;
    } catch (e) {
      if (e instanceof DecodeError) return false;
      throw e;
    }
  }

  /** The shard serves requests; transactions left in PrepareCommit/PrepareAbort get their markers. */
  completeLoad(partition: number, nowMs: number): void {
    const shard = this.shards.get(partition);
    if (!shard || shard.status !== 'loading') throw new Error(`partition ${partition} is not loading`);
    this.run(nowMs, () => {
      shard.status = 'active';
      for (const meta of shard.txns.values()) {
        if (meta.state === TxnState.PrepareCommit || meta.state === TxnState.PrepareAbort) this.sendMarkers(shard, meta, nowMs);
      }
      this.startPeriodic(nowMs);
    });
  }

  unload(partition: number, nowMs: number): void {
    const shard = this.shards.get(partition);
    if (!shard) return;
    this.shards.delete(partition);
    shard.status = 'unloaded';
    // Held requests run again now, and learn that this broker is no longer their coordinator.
    for (const meta of shard.txns.values()) this.releaseHeld(meta, nowMs, true);
    this.markers.removeForPartition(partition);
    this.appends.failPartition(partition, nowMs);
    this.announceDeadline();
  }

  // --- Runtime ---

  appendCompleted(token: number, errorCode: number, nowMs: number): void {
    const done = this.appends.take(token);
    if (done) this.run(nowMs, () => done(errorCode, nowMs));
  }

  markersSent(token: number, response: WriteTxnMarkersResponse | null, nowMs: number): void {
    this.run(nowMs, () => this.markers.answered(token, response, nowMs));
  }

  nextDeadlineMs(): number | null {
    return this.timers.nextDeadlineMs();
  }

  tick(nowMs: number): void {
    this.announcedDeadlineMs = undefined;
    this.run(nowMs, () => {});
  }

  /** Due timers fire before and after the operation; the next deadline is announced after. */
  run<T>(nowMs: number, operation: () => T): T {
    this.timers.expire(nowMs);
    const result = operation();
    this.timers.expire(nowMs);
    this.announceDeadline();
    return result;
  }

  // --- For the request logic ---

  /** The active shard owning a transactional id, or the error telling the client where to go. */
  route(transactionalId: string): TxnShard | number {
    const shard = this.shards.get(this.partitionFor(transactionalId));
    if (!shard) return ErrorCode.NOT_COORDINATOR;
    return shard.status === 'loading' ? ErrorCode.COORDINATOR_LOAD_IN_PROGRESS : shard;
  }

  /**
   * Holds a request that found `meta` completing (isCompleting) until it settles, then runs `retry`;
   * after config.concurrentHoldMs without that, `busy` answers it (CONCURRENT_TRANSACTIONS).
   */
  holdWhileCompleting(meta: TxnMetadata, nowMs: number, retry: (nowMs: number) => void, busy: () => void): void {
    const entry: Held = { key: `${HELD_KEY_PREFIX}${++this.heldCount}`, retry };
    const list = this.held.get(meta);
    if (list === undefined) this.held.set(meta, [entry]);
    else list.push(entry);
    this.timers.schedule(entry.key, nowMs + this.config.concurrentHoldMs, () => {
      const waiting = this.held.get(meta);
      const i = waiting?.indexOf(entry) ?? -1;
      if (i >= 0) waiting!.splice(i, 1);
      if (waiting?.length === 0) this.held.delete(meta);
      busy();
    });
  }

  /** Runs the requests held on `meta` again (at once, through the timers) once it has settled. */
  private releaseHeld(meta: TxnMetadata, nowMs: number, always = false): void {
    const list = this.held.get(meta);
    if (list === undefined || (!always && isCompleting(meta))) return;
    this.held.delete(meta);
    // Rescheduling a key replaces its deadline: the bound's timer becomes the retry.
    for (const { key, retry } of list) this.timers.schedule(key, nowMs, retry);
  }

  /**
   * Writes the transition and applies it once written; `done` gets NONE or the error for the
   * client (Kafka's mapping of append errors). The metadata is pending meanwhile, so concurrent
   * requests are held (holdWhileCompleting); they run again once it has settled.
   */
  write(shard: TxnShard, meta: TxnMetadata, next: TxnSnapshot, nowMs: number, done: (errorCode: number, nowMs: number) => void): void {
    meta.pending = next.state;
    const value = next.state === TxnState.Dead ? null : toLogValue(next);
    const token = this.appends.add(shard.partition, (errorCode, t) => {
      if (shard.txns.get(meta.transactionalId) === meta) meta.pending = null;
      if (this.shards.get(shard.partition) !== shard) done(ErrorCode.NOT_COORDINATOR, t);
      else if (errorCode !== ErrorCode.NONE) done(appendError(errorCode), t);
      else {
        if (next.state === TxnState.Dead) shard.txns.delete(meta.transactionalId);
        else meta.apply(next);
        done(ErrorCode.NONE, t);
      }
      // After `done`: an EndTxn's markers are on their way by then, so its state still holds them.
      this.releaseHeld(meta, t);
    });
    this.env.append({ token, partition: shard.partition, records: [txnRecord(meta.transactionalId, value)] });
  }

  /** The transaction is PrepareCommit/PrepareAbort in the log: markers, then Complete*. */
  sendMarkers(shard: TxnShard, meta: TxnMetadata, nowMs: number): void {
    this.markers.add({
      transactionalId: meta.transactionalId, txnPartition: shard.partition, coordinatorEpoch: shard.coordinatorEpoch,
      producerId: meta.producerId, producerEpoch: meta.producerEpoch, committed: meta.state === TxnState.PrepareCommit,
      partitions: meta.partitions.values(), onWritten: (t) => this.complete(shard, meta, t),
    }, nowMs);
  }

  /** Aborts the ongoing transaction under a bumped epoch; `done` once PrepareAbort is written. */
  fenceAndAbort(shard: TxnShard, meta: TxnMetadata, nowMs: number, done: (errorCode: number) => void): void {
    this.write(shard, meta, meta.prepareFenceAndAbort(nowMs), nowMs, (errorCode, t) => {
      if (errorCode === ErrorCode.NONE) this.sendMarkers(shard, meta, t);
      done(errorCode);
    });
  }

  /** Every marker is written: log the completion, retrying until written or no longer ours. */
  private complete(shard: TxnShard, meta: TxnMetadata, nowMs: number): void {
    if (this.shards.get(shard.partition) !== shard || shard.txns.get(meta.transactionalId) !== meta) return;
    if (meta.state !== TxnState.PrepareCommit && meta.state !== TxnState.PrepareAbort) return;
    this.write(shard, meta, meta.prepareComplete(nowMs), nowMs, (errorCode, t) => {
      if (errorCode === ErrorCode.NONE || errorCode === ErrorCode.NOT_COORDINATOR) return;
      this.timers.schedule(`complete-${meta.transactionalId}`, t + this.config.markerRetryBackoffMs, (t2) => this.complete(shard, meta, t2));
    });
  }

  private startPeriodic(nowMs: number): void {
    if (this.periodicStarted) return;
    this.periodicStarted = true;
    const abortLoop = (t: number): void => {
      this.abortTimedOut(t);
      this.timers.schedule(ABORT_TIMED_OUT_KEY, t + this.config.abortTimedOutIntervalMs, abortLoop);
    };
    const expireLoop = (t: number): void => {
      this.expireIds(t);
      this.timers.schedule(EXPIRE_IDS_KEY, t + this.config.removeExpiredIntervalMs, expireLoop);
    };
    this.timers.schedule(ABORT_TIMED_OUT_KEY, nowMs + this.config.abortTimedOutIntervalMs, abortLoop);
    this.timers.schedule(EXPIRE_IDS_KEY, nowMs + this.config.removeExpiredIntervalMs, expireLoop);
  }

  /** Kafka's abortTimedOutTransactions: Ongoing past its timeout, nothing pending. */
  private abortTimedOut(nowMs: number): void {
    for (const shard of this.shards.values()) {
      if (shard.status !== 'active') continue;
      for (const meta of shard.txns.values()) {
        if (meta.state !== TxnState.Ongoing || meta.pending !== null) continue;
        if (meta.startTimestampMs + meta.timeoutMs < nowMs) this.fenceAndAbort(shard, meta, nowMs, () => {});
      }
    }
  }

  /** Idle transactional ids (no transaction open) older than transactional.id.expiration.ms. */
  private expireIds(nowMs: number): void {
    for (const shard of this.shards.values()) {
      if (shard.status !== 'active') continue;
      for (const meta of shard.txns.values()) {
        const idle = meta.state === TxnState.Empty || meta.state === TxnState.CompleteCommit || meta.state === TxnState.CompleteAbort;
        if (idle && meta.pending === null && meta.lastUpdateTimestampMs + this.config.idExpirationMs <= nowMs) {
          this.write(shard, meta, meta.prepareDead(), nowMs, () => {});
        }
      }
    }
  }

  private announceDeadline(): void {
    const next = this.nextDeadlineMs();
    if (next === this.announcedDeadlineMs) return;
    this.announcedDeadlineMs = next;
    this.env.scheduleTick?.(next);
  }
}

/** Kafka's mapping of a failed transaction-log append to the error the client sees. */
export function appendError(errorCode: number): number {
  switch (errorCode) {
    case ErrorCode.UNKNOWN_TOPIC_OR_PARTITION:
    case ErrorCode.NOT_ENOUGH_REPLICAS:
    case ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case ErrorCode.REQUEST_TIMED_OUT:
      return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    case ErrorCode.NOT_LEADER_OR_FOLLOWER:
    case ErrorCode.KAFKA_STORAGE_ERROR:
      return ErrorCode.NOT_COORDINATOR;
    default:
      return ErrorCode.UNKNOWN_SERVER_ERROR;
  }
}
