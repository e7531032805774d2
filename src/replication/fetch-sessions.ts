// Incremental fetch sessions (KIP-227), as Kafka's FetchSession.scala keeps them. A full fetch
// with session epoch 0 creates a session holding its partitions; later fetches name the session
// and send only the partitions whose fetch position changed (and the ones to forget), and the
// answer carries only the partitions with news: records, a moved high watermark or log start
// offset, an error, a diverging epoch or a preferred read replica. A consumer or follower of many
// idle partitions then sends and gets a few bytes per fetch instead of every partition each time.
// The cache holds at most max.incremental.fetch.session.cache.slots sessions. A new session may
// evict one unused for EVICTION_MS, else the least valuable one worth less than itself (a
// consumer's below a follower's, then by size). Every session is safe from consumers for its first
// EVICTION_MS, and a follower's from other followers too.

import type { FetchPartitionInput, IdleMark } from './fetch.js';

/** Kafka's MIN_INCREMENTAL_FETCH_SESSION_EVICTION_MS. */
export const EVICTION_MS = 120_000;
export const INVALID_SESSION_ID = 0;
export const INITIAL_EPOCH = 0;
export const FINAL_EPOCH = -1;

/** What a fetch asks of one partition, as the session remembers it between fetches. `topic` is
 * the name the request gave ('' from v13 on, where topics go by id). */
export interface SessionPartition extends FetchPartitionInput {
  /** What names the topic in this session's fetches: its id (v13+), else its name. */
  topicKey: string;
  topicId: string;
  logStartOffset: number;
}

/** What the last answer to include a partition said; an answer that says the same leaves it out. */
interface Sent {
  highWatermark: number;
  logStartOffset: number;
}

export interface PartitionNews {
  errorCode: number;
  highWatermark: number;
  logStartOffset: number;
  recordBytes: number;
  diverging: boolean;
  /** The leader named a preferred read replica (KIP-392): always sent, as Kafka does. */
  preferred: boolean;
  /** The read found nothing at the fetch position (see IdleMark). */
  idle: IdleMark | undefined;
}

export class FetchSession {
  /** The epoch the next fetch of this session must carry. */
  epoch = 1;
  lastUsedMs: number;
  /** In fetch order; a partition that returned records moves to the end, so each gets its turn. */
  readonly partitions = new Map<string, SessionPartition>();
  private readonly sent = new Map<string, Sent>();

  constructor(
    readonly id: number,
    readonly privileged: boolean,
    readonly usesTopicIds: boolean,
    readonly createdMs: number,
  ) {
    this.lastUsedMs = createdMs;
  }

  get size(): number {
    return this.partitions.size;
  }

  /** A fetch's partitions added or updated, and its forgotten ones removed. */
  update(changed: readonly SessionPartition[], forgotten: readonly { topicKey: string; partition: number }[]): void {
    // A changed partition's new entry has no idle mark: the next fetch reads it.
    for (const p of changed) this.partitions.set(keyOf(p.topicKey, p.partition), p);
    for (const f of forgotten) {
      const key = keyOf(f.topicKey, f.partition);
      this.partitions.delete(key);
      this.sent.delete(key);
    }
  }

  /** Whether an answer must include this partition (Kafka's maybeUpdateResponseData); `commit`
   * records what it says, and moves a partition that returned records to the end. A partition left
   * out with nothing to read keeps its idle mark in its entry (`p`, the session's own), so the
   * next fetch skips it while its state is the same. */
  mustRespond(p: SessionPartition, news: PartitionNews, commit: boolean): boolean {
    const key = keyOf(p.topicKey, p.partition);
    const sent = this.sent.get(key);
    const must = news.recordBytes > 0 || news.errorCode !== 0 || news.diverging || news.preferred || sent === undefined
      || sent.highWatermark !== news.highWatermark || sent.logStartOffset !== news.logStartOffset;
    if (!commit) return must;
    // After an error the high watermark is forgotten, so the partition is sent again when it clears.
    const highWatermark = news.errorCode !== 0 ? -1 : news.highWatermark;
    if (sent === undefined) this.sent.set(key, { highWatermark, logStartOffset: news.logStartOffset });
    else {
      sent.highWatermark = highWatermark;
      sent.logStartOffset = news.logStartOffset;
    }
    // Idle only once an answer has told the client where the partition stands.
    p.idle = must ? undefined : news.idle;
    if (news.recordBytes > 0 && this.partitions.delete(key)) this.partitions.set(key, p);
    return must;
  }

  /** A full fetch's answer: every partition is recorded as sent. */
  recordSent(p: SessionPartition, news: PartitionNews): void {
    this.mustRespond(p, news, true);
  }
}

function keyOf(topicKey: string, partition: number): string {
  return `${topicKey}:${partition}`;
}

/** The epoch after `epoch`, as Kafka's FetchMetadata.nextEpoch counts (wrapping to 1). */
export function nextEpoch(epoch: number): number {
  if (epoch < 0) return FINAL_EPOCH;
  return epoch === 0x7fffffff ? 1 : epoch + 1;
}

export class FetchSessionCache {
  private readonly sessions = new Map<number, FetchSession>();

  /** `random` in [0, 1) picks session ids (the runtime's is Math.random, so ids do not repeat
   * across a restart; a simulation passes its seeded one). */
  constructor(
    private readonly maxSessions: number,
    private readonly random: () => number,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  get(id: number): FetchSession | undefined {
    return this.sessions.get(id);
  }

  remove(id: number): boolean {
    return this.sessions.delete(id);
  }

  touch(session: FetchSession, nowMs: number): void {
    session.lastUsedMs = nowMs;
  }

  /** A new session for `size` partitions, or undefined when the cache is full of sessions worth
   * keeping (the fetch is then answered with session id 0, and the client keeps fetching in full). */
  create(nowMs: number, privileged: boolean, usesTopicIds: boolean, size: number): FetchSession | undefined {
    if (this.sessions.size >= this.maxSessions && !this.evictFor(nowMs, privileged, size)) return undefined;
    // A random start, then the next free id: ends whatever the source returns.
    let id = 1 + Math.floor(this.random() * 0x7ffffffe);
    while (this.sessions.has(id)) id = (id % 0x7ffffffe) + 1;
    const session = new FetchSession(id, privileged, usesTopicIds, nowMs);
    this.sessions.set(id, session);
    return session;
  }

  private evictFor(nowMs: number, privileged: boolean, size: number): boolean {
    let stalest: FetchSession | undefined;
    let cheapest: FetchSession | undefined;
    for (const s of this.sessions.values()) {
      if (stalest === undefined || s.lastUsedMs < stalest.lastUsedMs) stalest = s;
      const young = nowMs - s.createdMs <= EVICTION_MS;
      const evictable = privileged ? (!s.privileged || !young) : !young;
      if (evictable && (cheapest === undefined || worth(s) < worth(cheapest))) cheapest = s;
    }
    if (stalest !== undefined && nowMs - stalest.lastUsedMs > EVICTION_MS) return this.sessions.delete(stalest.id);
    if (cheapest === undefined || worth(cheapest) >= worthOf(privileged, size)) return false;
    return this.sessions.delete(cheapest.id);
  }
}

/** Kafka's EvictableKey order: followers' sessions above consumers', then by size. */
function worth(s: FetchSession): number {
  return worthOf(s.privileged, s.size);
}

function worthOf(privileged: boolean, size: number): number {
  return (privileged ? 2 ** 32 : 0) + size;
}
