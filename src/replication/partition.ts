// One partition replica on this broker: its log, what the metadata image says about it (leader,
// epoch, replicas, ISR), the followers' progress when it leads, and the high watermark that
// follows from them. Appends from producers go through here; so do waits for new data.
import type { LogConfig } from '../../storage/log-config.js';
import type { PartitionLog } from '../../storage/partition-log.js';
import type { PartitionState } from '../metadata/image.js';
import type { BatchInfo } from '../../protocol/records/batch-validation.js';
import { ProducerStates, UNSEQUENCED, type MarkerCheck, type Sequenced, type VerificationGuard } from './producer-state.js';

export interface FollowerProgress {
  logEndOffset: number;
  /** The log start offset its last fetch gave (-1 unknown), for choosing a preferred read replica. */
  logStartOffset: number;
  lastFetchMs: number;
  /** The leader's log end offset when the follower last fetched. */
  lastFetchLeaderEndOffset: number;
  /** Last time the follower was caught up with the leader (replica.lag.time.max.ms). */
  lastCaughtUpMs: number;
  /** The broker epoch the follower fetched with (KIP-903; -1 unknown): AlterPartition sends it so
   * the controller never admits a restarted follower on its previous incarnation's progress. */
  brokerEpoch: number;
}

/**
 * An ISR change sent to the controller and not yet in the image (Kafka's PendingExpandIsr and
 * PendingShrinkIsr). Until it settles the high watermark counts the maximal ISR, so a follower
 * being added never enters the ISR missing records the leader acknowledged.
 */
interface PendingIsrChange {
  isr: readonly number[];
  /** The partition epoch the request was sent at: the change settles when the image moves past it. */
  sentAtEpoch: number;
  /** in-flight; answered (committed, or the controller is ahead of our image); unknown after a
   * transport failure (sent again at the next check). */
  status: 'in-flight' | 'answered' | 'unknown';
}

const NO_FOLLOWERS: ReadonlyMap<number, FollowerProgress> = new Map();

/** Opens a partition's log listed at a start, on first use (throws LogOfflineError if it cannot). */
export interface LogOpener {
  openLog(topic: string, partition: number, topicId: string): PartitionLog;
}

export class Partition {
  state: PartitionState;
  // Created when first needed: a broker hosting 100,000 partitions has most of them idle, and each
  // empty Map or Set costs about a hundred bytes.
  private followers_: Map<number, FollowerProgress> | undefined;
  private dataWaiters: Set<() => void> | undefined;
  private producers_: ProducerStates | undefined;
  /** acks=all waits; made by the first (and kept: it is on the produce path). */
  private hwWaiters: { offset: number; resolve: (isrSize: number | null) => void }[] | undefined;
  private pendingIsr: PendingIsrChange | undefined;
  /** The leader epoch whose start offset this broker recorded when it took leadership (-1: not leading). */
  private ledEpoch = -1;
  private log_: PartitionLog | undefined;
  /** The topic's log settings, for a log not opened yet. */
  private logConfig: LogConfig | undefined;

  private readonly opener: LogOpener | undefined;

  /** `log` may be an opener that opens it on first use: after a restart a broker hosting
   * 100,000 partitions opens the logs that are used first, not every one before it serves. One
   * opener serves every partition (a closure each cost about 130 bytes a partition). */
  constructor(
    readonly topic: string,
    readonly partition: number,
    log: PartitionLog | LogOpener,
    state: PartitionState,
    private readonly nodeId: number,
  ) {
    this.state = state;
    if ('openLog' in log) this.opener = log;
    else this.log_ = log;
  }

  /** The log, opened now if it was not yet (throws LogOfflineError if it cannot be). */
  get log(): PartitionLog {
    return this.log_ ?? this.opened(this.opener!.openLog(this.topic, this.partition, this.state.topicId));
  }

  get isLogOpen(): boolean {
    return this.log_ !== undefined;
  }

  /** The topic's effective log settings (applied when the log opens, if it is not open yet). */
  setLogConfig(config: LogConfig): void {
    if (this.log_ !== undefined) this.log_.config = config;
    else this.logConfig = config;
  }

  /** What a leader does on taking leadership happens for a log opened later when it opens: no
   * reader could see the log before. */
  private opened(log: PartitionLog): PartitionLog {
    this.log_ = log;
    if (this.logConfig !== undefined) log.config = this.logConfig;
    this.logConfig = undefined;
    if (this.isLeader) {
      this.takeLeadership();
      this.advanceHighWatermark();
    }
    return log;
  }

  /** The followers' progress while this broker leads (empty otherwise). */
  get followers(): ReadonlyMap<number, FollowerProgress> {
    return this.followers_ ?? NO_FOLLOWERS;
  }

  get isLeader(): boolean {
    return this.state.leader === this.nodeId;
  }

  get leaderEpoch(): number {
    return this.state.leaderEpoch;
  }

  /** Checks and takes idempotent batches' sequences (see ProducerStates). Each producer starts
   * from the state the log holds for it (kept by storage on every append, leader or follower, and
   * in producer snapshot files); this leader's view is dropped when leadership goes. */
  sequence(infos: BatchInfo[], guard?: VerificationGuard): Sequenced {
    if (!infos.some((b) => b.producerId >= 0)) return UNSEQUENCED;
    return this.producerStates().sequence(infos, guard);
  }

  /** KIP-890 on the leader: whether the producer's transactional batch needs verifying, and the
   * guard of a verification started now (see ProducerStates). */
  needsVerification(producerId: number, producerEpoch: number): boolean {
    return this.producerStates().needsVerification(producerId, producerEpoch);
  }

  startVerification(producerId: number, producerEpoch: number): VerificationGuard {
    return this.producerStates().startVerification(producerId, producerEpoch);
  }

  /** Checks and takes a transaction marker for the producer (see ProducerStates.marker). */
  checkMarker(producerId: number, producerEpoch: number, coordinatorEpoch: number): MarkerCheck {
    return this.producerStates().marker(producerId, producerEpoch, coordinatorEpoch);
  }

  /** Drops producers idle for producer.id.expiration.ms from the log's state and this leader's view
   * (see ProducerStates.forgetExpired); a log not open yet drops them when it loads. Returns how
   * many the log dropped. */
  removeExpiredProducers(nowMs: number): number {
    const log = this.log_;
    if (log === undefined) return 0;
    const removed = log.removeExpiredProducers();
    this.producers_?.forgetExpired(nowMs, log.config.producerIdExpirationMs);
    return removed;
  }

  private producerStates(): ProducerStates {
    return (this.producers_ ??= new ProducerStates((producerId) => this.log.producerEntry(producerId)));
  }

  get highWatermark(): number {
    return this.log.highWatermark;
  }

  /** Kafka's maximalIsr: the ISR plus the members a pending expansion adds; a pending shrink keeps
   * the old, larger ISR. The high watermark and acks=all count these replicas. */
  get maximalIsr(): readonly number[] {
    const pending = this.pendingIsr;
    if (pending === undefined) return this.state.isr;
    return [...this.state.isr, ...pending.isr.filter((id) => !this.state.isr.includes(id))];
  }

  /** Whether a new AlterPartition may be sent: none in flight, none committed but not yet seen. */
  get canChangeIsr(): boolean {
    return this.pendingIsr === undefined || this.pendingIsr.status === 'unknown';
  }

  /** An AlterPartition for `isr` is being sent. A previous change of unknown outcome still counts. */
  isrChangeSent(isr: readonly number[]): void {
    const earlier = this.pendingIsr?.isr ?? [];
    this.pendingIsr = { isr: [...isr, ...earlier.filter((id) => !isr.includes(id))], sentAtEpoch: this.state.partitionEpoch, status: 'in-flight' };
  }

  /** The ISR of a change whose outcome is unknown (the transport failed), to be sent again. */
  get unknownIsrChange(): readonly number[] | undefined {
    return this.pendingIsr?.status === 'unknown' ? this.pendingIsr.isr : undefined;
  }

  /**
   * The controller's answer: 'answered' when it committed the change or has a newer partition epoch
   * than our image (the change settles when the image moves past the epoch it was sent at),
   * 'refused' (dropped now), or 'unknown' after a transport failure (kept, to be sent again).
   */
  isrChangeAnswered(answer: 'answered' | 'refused' | 'unknown'): void {
    const pending = this.pendingIsr;
    if (pending === undefined) return;
    if (answer === 'refused') this.pendingIsr = undefined;
    else pending.status = answer;
    this.settleIsrChange();
    this.advanceHighWatermark();
  }

  private settleIsrChange(): void {
    const pending = this.pendingIsr;
    if (pending === undefined) return;
    if (!this.isLeader || (pending.status !== 'in-flight' && this.state.partitionEpoch > pending.sentAtEpoch)) this.pendingIsr = undefined;
  }

  /** The image changed this partition. Followers' progress is kept only while we stay leader. */
  update(state: PartitionState, nowMs: number): void {
    this.state = state;
    this.settleIsrChange();
    if (!this.isLeader) {
      this.followers_ = undefined;
      this.producers_ = undefined;
      this.ledEpoch = -1;
    } else {
      this.takeLeadership();
      for (const id of state.replicas) {
        if (id !== this.nodeId && !this.followers.has(id)) {
          this.followers_ ??= new Map();
          // Kafka's rule on taking leadership: ISR members count as caught up now, so a follower
          // gets replica.lag.time.max.ms to fetch before it can be shrunk; others from never.
          const caughtUpMs = state.isr.includes(id) ? nowMs : 0;
          this.followers_.set(id, { logEndOffset: -1, logStartOffset: -1, lastFetchMs: nowMs, lastFetchLeaderEndOffset: -1, lastCaughtUpMs: caughtUpMs, brokerEpoch: -1 });
        }
      }
      for (const id of this.followers.keys()) if (!state.replicas.includes(id)) this.followers_?.delete(id);
    }
    this.advanceHighWatermark();
  }

  /** Leading, but the epoch's start offset is not in the leader-epoch cache yet (the takeover's
   * assignment waits behind a write in flight): divergence checks must wait too. Kafka records it
   * in makeLeader before the partition serves as leader. */
  get epochStartPending(): boolean {
    return this.isLeader && this.log.latestEpoch() < this.leaderEpoch;
  }

  /** Kafka's leaderEpochStartOffsetOpt: the offset this leader's epoch starts at (its log end when
   * it took over), undefined when not leading. While the takeover's assignment is still queued the
   * log end stands in: the epoch will start there or later. */
  get leaderEpochStartOffset(): number | undefined {
    if (!this.isLeader) return undefined;
    const log = this.log;
    return log.epochEntries().find((e) => e.epoch === this.leaderEpoch)?.startOffset ?? log.logEndOffset;
  }

  /** Kafka's makeLeader: the new epoch starts at the log end offset, in the leader-epoch cache, so
   * followers' divergence checks and OffsetForLeaderEpoch see where the previous epoch ended even
   * before the first append of this one. */
  private takeLeadership(): void {
    if (this.ledEpoch === this.leaderEpoch || this.log_ === undefined) return;
    this.ledEpoch = this.leaderEpoch;
    // A failed persist leaves the entry in memory and the file rewritten at the next persist.
    this.log.assignEpochStartOffset(this.leaderEpoch).catch(() => undefined);
  }

  /**
   * Leader rule: the high watermark is the smallest log end offset among the maximal ISR's
   * members (ours included), never going back. Followers learn it from the leader's fetch responses.
   */
  advanceHighWatermark(): void {
    if (!this.isLeader || this.log_ === undefined) return;
    let hw = this.log.logEndOffset;
    for (const id of this.maximalIsr) {
      if (id === this.nodeId) continue;
      const f = this.followers.get(id);
      hw = Math.min(hw, f ? Math.max(f.logEndOffset, 0) : 0);
    }
    this.setHighWatermark(hw);
  }

  /** Moves the high watermark forward (never back) and wakes whoever waits for it. */
  setHighWatermark(offset: number): void {
    const before = this.log.highWatermark;
    if (offset <= before) return;
    const hw = this.log.updateHighWatermark(offset);
    if (hw > before) {
      this.wakeDataWaiters();
      const waiters = this.hwWaiters;
      if (waiters === undefined) return;
      const isrSize = this.maximalIsr.length;
      for (let i = waiters.length - 1; i >= 0; i--) {
        const w = waiters[i]!;
        if (w.offset <= hw) {
          waiters.splice(i, 1);
          w.resolve(isrSize);
        }
      }
    }
  }

  /** Resolves once the high watermark reaches `offset` with the size of the (maximal) ISR that
   * got it there, for acks=all's min.insync.replicas check; null if leadership is lost first. */
  waitForHighWatermark(offset: number): Promise<number | null> {
    if (this.log.highWatermark >= offset) return Promise.resolve(this.maximalIsr.length);
    return new Promise((resolve) => (this.hwWaiters ??= []).push({ offset, resolve }));
  }

  /** Fails every pending acks=all wait (leadership moved, partition deleted, shutdown). */
  abandonWaits(): void {
    for (const w of this.hwWaiters?.splice(0) ?? []) w.resolve(null);
    this.wakeDataWaiters();
  }

  /** Calls `wake` once when new data may be readable (a long-polling fetch); adding it again
   * while it waits changes nothing. No closure to unsubscribe with: an idle follower fetch waits
   * on every partition of its session. */
  onData(wake: () => void): void {
    (this.dataWaiters ??= new Set()).add(wake);
  }

  offData(wake: () => void): void {
    this.dataWaiters?.delete(wake);
  }

  wakeDataWaiters(): void {
    if (this.dataWaiters === undefined || this.dataWaiters.size === 0) return;
    const waiters = [...this.dataWaiters];
    this.dataWaiters.clear();
    for (const w of waiters) w();
  }

  /** Records a follower's fetch position (its log end offset) and advances the high watermark. */
  recordFollowerFetch(replicaId: number, fetchOffset: number, nowMs: number, brokerEpoch = -1, logStartOffset = -1): void {
    const f = this.followers.get(replicaId);
    if (!f) return;
    const leaderEnd = this.log.logEndOffset;
    if (brokerEpoch !== f.brokerEpoch) {
      // A new incarnation of the follower (KIP-903): what the previous one fetched says nothing
      // about this one, which may have lost unsynced writes. Only its own fetches count from now,
      // and it is not caught up until one of them reaches our end. Its first fetch under this
      // leadership is no new incarnation (ISR members count as caught up from the takeover); a
      // change from or to -1 is (a restarted broker may fetch before it has registered again).
      if (f.logEndOffset >= 0) f.lastCaughtUpMs = 0;
      f.brokerEpoch = brokerEpoch;
      f.lastFetchLeaderEndOffset = Number.MAX_SAFE_INTEGER;
    }
    // Kafka's rule: at the leader's end now means caught up now; at the end the leader had at the
    // previous fetch means caught up as of then, so a follower under steady load stays in the ISR.
    if (fetchOffset >= leaderEnd) f.lastCaughtUpMs = nowMs;
    else if (fetchOffset >= f.lastFetchLeaderEndOffset) f.lastCaughtUpMs = Math.max(f.lastCaughtUpMs, f.lastFetchMs);
    f.logEndOffset = fetchOffset;
    f.logStartOffset = logStartOffset;
    f.lastFetchMs = nowMs;
    f.lastFetchLeaderEndOffset = leaderEnd;
    this.advanceHighWatermark();
  }

  /** Followers learn the high watermark from their leader's fetch responses. A consumer reading
   * from this follower (KIP-392) may be waiting for it to move. */
  setFollowerHighWatermark(offset: number): void {
    if (this.isLeader) return;
    const before = this.log.highWatermark;
    if (this.log.updateHighWatermark(Math.max(offset, before)) > before) this.wakeDataWaiters();
  }
}
