// Follower replication: for each leader this broker follows partitions of, one loop of Fetch
// requests (replica id = this broker) that appends what the leader returns, truncates where the
// leader says the logs diverged (Fetch v12+ DivergingEpoch, from the last fetched epoch), restarts
// behind the leader's log start offset or where it is ahead of the leader, and keeps the follower's
// high watermark. Every failed fetch pauses backoffMs before the next one. The leader learns
// each follower's progress from its fetch offsets, which is how acks=all and the ISR work.
// Fetches go through a fetch session (KIP-227) where the leader keeps one, as Kafka's
// FetchSessionHandler does: after a full fetch, only the partitions whose fetch position changed
// are sent, and the leader answers only those with news, so idle partitions cost nothing.
import { defaultFetchRequest, type FetchRequest, type FetchResponse, type PartitionData } from '../../protocol/generated/api/01-fetch.js';
import { ErrorCode } from '../../protocol/errors.js';
import { INITIAL_EPOCH, INVALID_SESSION_ID, nextEpoch } from './fetch-sessions.js';
import type { Partition } from './partition.js';

export interface FetchTransport {
  /** Sends a Fetch request to a broker; rejects on a transport failure. */
  fetch(leaderId: number, req: FetchRequest): Promise<FetchResponse>;
  /** The fetcher is done with an answer (its records are in the logs): its memory may be reused. */
  release?(res: FetchResponse): void;
}

export interface FetcherSettings {
  nodeId: number;
  maxWaitMs: number;
  maxBytesPerPartition: number;
  /** replica.fetch.response.max.bytes: the whole answer's limit (default: none beyond the partitions'). */
  maxBytesPerResponse?: number;
  backoffMs: number;
  /** Waits out a backoff; a simulation passes its virtual clock's (default: a real timer). */
  sleep?: (ms: number) => Promise<void>;
  /** This broker's current registration epoch (-1 before it registers), sent in every fetch. */
  brokerEpoch?: () => number;
  /** The follower replication throttle (default: none). */
  throttle?: FollowerThrottle;
}

/** Kafka's follower quota as the fetch loop sees it (ReplicaManager implements it). */
export interface FollowerThrottle {
  /** Leave the partition out of the next fetch: out of the ISR, throttled, over the rate. */
  holds(p: Partition): boolean;
  /** Its fetched bytes count against the rate. */
  counts(p: Partition): boolean;
  record(bytes: number): void;
}

const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

/** What a fetch says of one partition; a session fetch sends a partition only when this changed. */
interface Position {
  topic: string;
  topicId: string;
  partition: number;
  fetchOffset: number;
  currentLeaderEpoch: number;
  lastFetchedEpoch: number;
  logStartOffset: number;
  /** 0 while the follower throttle holds the partition back: the leader sends none of it. */
  maxBytes: number;
}

/** A fetch about to be sent, and what the session learns once it is answered. */
interface Prepared {
  req: FetchRequest;
  full: boolean;
  sent: Map<Partition, Position>;
  forgotten: Partition[];
}

const SESSION_ERRORS: readonly number[] = [
  ErrorCode.FETCH_SESSION_ID_NOT_FOUND, ErrorCode.INVALID_FETCH_SESSION_EPOCH, ErrorCode.FETCH_SESSION_TOPIC_ID_ERROR,
];

/** One fetch loop towards one leader. */
class LeaderFetcher {
  readonly partitions = new Set<Partition>();
  private running = false;
  private stopped = false;
  /** The fetch session with the leader: its id, the epoch the next fetch carries (0: a full fetch
   * that asks for a new session), and each partition as the session last heard of it. Keyed by
   * the Partition itself: a topic deleted and created again is another Partition here, as it is
   * another topic id to the leader. */
  private sessionId = INVALID_SESSION_ID;
  private sessionEpoch = INITIAL_EPOCH;
  private readonly inSession = new Map<Partition, Position>();

  constructor(
    private readonly leaderId: number,
    private readonly transport: FetchTransport,
    private readonly settings: FetcherSettings,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
  }

  private async loop(): Promise<void> {
    while (!this.stopped && this.partitions.size > 0) {
      const batch = [...this.partitions];
      try {
        const prepared = this.request(batch);
        const res = await this.transport.fetch(this.leaderId, prepared.req);
        const failed = await this.apply(batch, res, prepared);
        this.transport.release?.(res);
        if (failed) await this.backoff();
      } catch (err) {
        if (!this.stopped) this.onError(err);
        await this.backoff();
      }
    }
    this.running = false;
  }

  private backoff(): Promise<void> {
    return (this.settings.sleep ?? sleep)(this.settings.backoffMs);
  }

  private request(batch: Partition[]): Prepared {
    const full = this.sessionEpoch === INITIAL_EPOCH;
    const sent = new Map<Partition, Position>();
    const byTopic = new Map<string, Position[]>();
    const forgotten: Partition[] = [];
    const forgottenByTopic = new Map<string, Position[]>();
    // An idle session fetch sends none of its partitions: each is compared field by field with
    // what the session last heard, with nothing made for it unless it changed.
    for (const p of batch) {
      const log = p.log;
      const fetchOffset = log.logEndOffset;
      const lastFetchedEpoch = log.latestEpoch();
      const logStartOffset = log.logStartOffset;
      // Held back by the follower throttle: still in the fetch (so the session keeps it), at 0 bytes.
      const maxBytes = this.settings.throttle?.holds(p) === true ? 0 : this.settings.maxBytesPerPartition;
      const known = full ? undefined : this.inSession.get(p);
      if (known !== undefined && known.fetchOffset === fetchOffset && known.currentLeaderEpoch === p.leaderEpoch
        && known.lastFetchedEpoch === lastFetchedEpoch && known.logStartOffset === logStartOffset && known.maxBytes === maxBytes) continue;
      const position = {
        topic: p.topic, topicId: p.state.topicId, partition: p.partition, fetchOffset, currentLeaderEpoch: p.leaderEpoch, lastFetchedEpoch, logStartOffset, maxBytes,
      };
      sent.set(p, position);
      addTo(byTopic, position);
    }
    if (!full) {
      for (const [p, known] of this.inSession) {
        if (this.partitions.has(p)) continue;
        forgotten.push(p);
        addTo(forgottenByTopic, known);
      }
    }
    const req: FetchRequest = {
      ...defaultFetchRequest(),
      replicaId: this.settings.nodeId,
      // KIP-903: the leader records the epoch of the incarnation that fetched, for AlterPartition.
      replicaState: { replicaId: this.settings.nodeId, replicaEpoch: this.settings.brokerEpoch?.() ?? -1 },
      maxWaitMs: this.settings.maxWaitMs, minBytes: 1,
      maxBytes: Math.min(this.settings.maxBytesPerPartition * batch.length, this.settings.maxBytesPerResponse ?? Infinity),
      isolationLevel: 0, sessionId: this.sessionId, sessionEpoch: this.sessionEpoch,
      topics: [...byTopic].map(([topicId, ps]) => ({
        topic: ps[0]!.topic, topicId,
        partitions: ps.map((p) => ({
          partition: p.partition, currentLeaderEpoch: p.currentLeaderEpoch, fetchOffset: p.fetchOffset,
          lastFetchedEpoch: p.lastFetchedEpoch, logStartOffset: p.logStartOffset,
          partitionMaxBytes: p.maxBytes, replicaDirectoryId: ZERO_UUID,
        })),
      })),
      forgottenTopicsData: [...forgottenByTopic].map(([topicId, ps]) => ({ topic: ps[0]!.topic, topicId, partitions: ps.map((p) => p.partition) })),
    };
    return { req, full, sent, forgotten };
  }

  /** The session after an answer: opened by a full fetch (if the leader kept one), moved on by an
   * incremental one, forgotten after any error (the next fetch is full and asks for a new one). */
  private updateSession(res: FetchResponse, prepared: Prepared): void {
    if (res.errorCode !== ErrorCode.NONE || res.sessionId === INVALID_SESSION_ID) {
      this.sessionId = INVALID_SESSION_ID;
      this.sessionEpoch = INITIAL_EPOCH;
      this.inSession.clear();
      return;
    }
    if (prepared.full) this.inSession.clear();
    for (const p of prepared.forgotten) this.inSession.delete(p);
    for (const [p, position] of prepared.sent) this.inSession.set(p, position);
    this.sessionId = res.sessionId;
    this.sessionEpoch = prepared.full ? nextEpoch(INITIAL_EPOCH) : nextEpoch(this.sessionEpoch);
  }

  /** Applies a response; returns true when some partition needs a pause before fetching again. */
  private async apply(batch: Partition[], res: FetchResponse, prepared: Prepared): Promise<boolean> {
    this.updateSession(res, prepared);
    // A session the leader lost (it restarted, or evicted it): the next fetch is full, at once.
    if (SESSION_ERRORS.includes(res.errorCode)) return false;
    if (res.errorCode !== ErrorCode.NONE) return true;
    const applied: Promise<boolean>[] = [];
    const answered = new Set<Partition>();
    // Found by topic id, or by name where the answer has none: indexes made on first need (an idle
    // session's answer has no partition), then one lookup each rather than a scan of the batch.
    let byId: Map<string, Partition> | undefined;
    let byName: Map<string, Partition> | undefined;
    for (const topic of res.responses) {
      for (const data of topic.partitions) {
        const p = topic.topicId === ZERO_UUID
          ? (byName ??= new Map(batch.map((b) => [`${b.topic}:${b.partition}`, b]))).get(`${topic.topic}:${data.partitionIndex}`)
          : (byId ??= new Map(batch.map((b) => [`${b.state.topicId}:${b.partition}`, b]))).get(`${topic.topicId}:${data.partitionIndex}`);
        if (!p || answered.has(p)) continue;
        answered.add(p);
        if (!this.partitions.has(p)) continue;
        const throttle = this.settings.throttle;
        if (throttle !== undefined && data.records !== null && data.records.length > 0 && throttle.counts(p)) throttle.record(data.records.length);
        applied.push(applyPartition(p, data));
      }
    }
    // Partitions apply side by side: each log orders its own changes, and their writes (on the
    // thread pool when large) overlap instead of queueing one behind the other.
    const failed = (await Promise.all(applied)).includes(false);
    // A partition the leader left out of a full answer would be asked for again at once, forever;
    // an incremental answer leaves out the partitions without news.
    return failed || (prepared.full && answered.size < batch.length);
  }
}

/** Appends to the position's topic's list (a spread each time would copy the list per partition). */
function addTo(byTopic: Map<string, Position[]>, position: Position): void {
  const list = byTopic.get(position.topicId);
  if (list === undefined) byTopic.set(position.topicId, [position]);
  else list.push(position);
}

/** Applies one partition's fetch result to the follower log; false when the fetch failed (the
 * loop pauses before the next fetch). */
async function applyPartition(p: Partition, data: PartitionData): Promise<boolean> {
  const log = p.log;
  if (data.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) {
    await truncateOutOfRange(p, data);
    return false;
  }
  if (data.errorCode !== ErrorCode.NONE) return false;
  if (data.divergingEpoch.epoch >= 0 || data.divergingEpoch.endOffset >= 0) {
    const local = log.endOffsetForEpoch(data.divergingEpoch.epoch);
    // Kafka: with no epoch at or below the leader's here, the leader's end offset alone says where.
    const target = local.endOffset >= 0 ? Math.min(data.divergingEpoch.endOffset, local.endOffset) : data.divergingEpoch.endOffset;
    if (target < 0) return false;
    const before = { end: log.logEndOffset, epoch: log.latestEpoch() };
    await log.truncateTo(target);
    // No progress means the same answer next time: pause rather than spin.
    return log.logEndOffset !== before.end || log.latestEpoch() !== before.epoch;
  }
  if (data.records && data.records.length > 0) await log.appendAsFollower(data.records);
  p.setFollowerHighWatermark(Math.min(data.highWatermark, log.logEndOffset));
  return true;
}

/**
 * OFFSET_OUT_OF_RANGE, as Kafka's follower handles it (AbstractFetcherThread.fetchOffsetAndTruncate).
 * Behind the leader's log start: nothing below it exists anymore, start over there. Ahead of the
 * leader: cut back (Kafka to the leader's log end, which a fetch answer does not carry; to its high
 * watermark here, which is at most that, and below which every record is the leader's). Otherwise
 * keep every record -- Kafka truncates fully only when the leader's log start is past the
 * follower's end: wiping an in-sync follower's log would leave an ISR member without the records it
 * acknowledged -- but drop an epoch entry at the very end (a former leader's epoch with nothing
 * written in it, which the leader may not know) and fetch again after the backoff.
 */
async function truncateOutOfRange(p: Partition, data: PartitionData): Promise<void> {
  const log = p.log;
  if (data.logStartOffset < 0) return;
  if (data.logStartOffset > log.logEndOffset) return log.truncateFullyAndStartAt(data.logStartOffset);
  const target = Math.max(data.logStartOffset, data.highWatermark);
  return log.truncateTo(Math.min(target, log.logEndOffset));
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The fetch loops of a broker, one per leader, following the partitions it is a follower of. */
export class ReplicaFetchers {
  private readonly fetchers = new Map<number, LeaderFetcher>();
  private readonly leaderOf = new Map<Partition, number>();

  constructor(
    private readonly transport: FetchTransport,
    private readonly settings: FetcherSettings,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Follow `p` from `leaderId`, or stop following it (leaderId -1, or this broker leads). */
  follow(p: Partition, leaderId: number): void {
    const current = this.leaderOf.get(p);
    if (current === leaderId) return;
    if (current !== undefined) {
      this.fetchers.get(current)?.partitions.delete(p);
      this.leaderOf.delete(p);
    }
    if (leaderId < 0 || leaderId === this.settings.nodeId) return;
    let fetcher = this.fetchers.get(leaderId);
    if (!fetcher) {
      fetcher = new LeaderFetcher(leaderId, this.transport, this.settings, this.onError);
      this.fetchers.set(leaderId, fetcher);
    }
    fetcher.partitions.add(p);
    this.leaderOf.set(p, leaderId);
    fetcher.start();
  }

  stop(): void {
    for (const f of this.fetchers.values()) f.stop();
    this.fetchers.clear();
    this.leaderOf.clear();
  }
}
