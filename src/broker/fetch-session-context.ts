// Which partitions a Fetch reads and which it answers, by its session fields (KIP-227), as Kafka's
// FetchManager.newContext decides:
// - epoch -1 (FINAL): a full fetch without a session; a session it names is closed first;
// - epoch 0 (INITIAL): a full fetch that opens a session (a session it names is closed first);
// - any other epoch: an incremental fetch of the named session, which must expect that epoch and
//   use topic ids as this request version does. Its partitions update the session, its forgotten
//   topics leave it; the session's partitions are read (but for idle ones whose state is the same:
//   see IdleMark), and only those with news are answered.
//   A session left with no partition is closed and the fetch is answered without one.
// Versions before 7 carry no session fields and read as epoch -1.
import type { FetchRequest, FetchPartition, PartitionData } from '../../protocol/generated/api/01-fetch.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { IdleMark } from '../replication/fetch.js';
import {
  FINAL_EPOCH, INITIAL_EPOCH, INVALID_SESSION_ID, nextEpoch, type FetchSession, type FetchSessionCache, type PartitionNews,
  type SessionPartition,
} from '../replication/fetch-sessions.js';

export type FetchContext =
  | { kind: 'error'; errorCode: number }
  | { kind: 'sessionless'; partitions: SessionPartition[] }
  | { kind: 'full'; partitions: SessionPartition[] }
  | { kind: 'incremental'; partitions: SessionPartition[]; session: FetchSession; epoch: number };

export function fetchContext(cache: FetchSessionCache, req: FetchRequest, version: number, nowMs: number): FetchContext {
  const usesTopicIds = version >= 13;
  const requested = req.topics.flatMap((t) => t.partitions.map((p) => sessionPartition(t.topic, t.topicId, p, usesTopicIds)));
  if (req.sessionEpoch === FINAL_EPOCH || req.sessionEpoch === INITIAL_EPOCH) {
    if (req.sessionId !== INVALID_SESSION_ID) cache.remove(req.sessionId);
    return { kind: req.sessionEpoch === FINAL_EPOCH ? 'sessionless' : 'full', partitions: requested };
  }
  const session = cache.get(req.sessionId);
  if (session === undefined) return { kind: 'error', errorCode: ErrorCode.FETCH_SESSION_ID_NOT_FOUND };
  if (session.epoch !== req.sessionEpoch) return { kind: 'error', errorCode: ErrorCode.INVALID_FETCH_SESSION_EPOCH };
  if (session.usesTopicIds !== usesTopicIds) return { kind: 'error', errorCode: ErrorCode.FETCH_SESSION_TOPIC_ID_ERROR };
  const forgotten = req.forgottenTopicsData.flatMap((t) =>
    t.partitions.map((partition) => ({ topicKey: usesTopicIds ? t.topicId : t.topic, partition })));
  session.update(requested, forgotten);
  if (session.size === 0) {
    cache.remove(session.id);
    return { kind: 'sessionless', partitions: requested };
  }
  cache.touch(session, nowMs);
  session.epoch = nextEpoch(session.epoch);
  return { kind: 'incremental', partitions: [...session.partitions.values()], session, epoch: session.epoch };
}

/**
 * The answer's partitions and session id, once every partition has been read: a full fetch opens
 * its session here (none when the cache is full of sessions worth more: id 0, the client keeps
 * fetching in full); an incremental one keeps only the partitions with news. An incremental fetch
 * whose session moved on meanwhile (the same epoch sent twice) gets INVALID_FETCH_SESSION_EPOCH.
 * `news` is undefined for a partition skipped as idle (the same as the session's last answer).
 */
export function sessionAnswer(ctx: FetchContext, cache: FetchSessionCache, news: readonly (PartitionNews | undefined)[],
  privileged: boolean, version: number, nowMs: number): { errorCode: number; sessionId: number; kept: boolean[] } {
  const everything = { errorCode: ErrorCode.NONE, sessionId: INVALID_SESSION_ID, kept: news.map(() => true) };
  if (ctx.kind === 'sessionless' || ctx.kind === 'error') return everything;
  if (ctx.kind === 'full') {
    const session = cache.create(nowMs, privileged, version >= 13, ctx.partitions.length);
    if (session === undefined) return everything;
    session.update(ctx.partitions, []);
    ctx.partitions.forEach((p, i) => session.recordSent(p, news[i]!));
    return { ...everything, sessionId: session.id };
  }
  const { session } = ctx;
  if (cache.get(session.id) !== session || session.epoch !== ctx.epoch) {
    return { errorCode: ErrorCode.INVALID_FETCH_SESSION_EPOCH, sessionId: session.id, kept: news.map(() => false) };
  }
  const kept = ctx.partitions.map((p, i) => news[i] !== undefined && session.mustRespond(p, news[i], true));
  return { errorCode: ErrorCode.NONE, sessionId: session.id, kept };
}

/** A throttled answer carries no partitions; an incremental fetch's still names its session. */
export function throttledSessionId(ctx: FetchContext): number {
  return ctx.kind === 'incremental' ? ctx.session.id : INVALID_SESSION_ID;
}

function sessionPartition(topic: string, topicId: string, p: FetchPartition, usesTopicIds: boolean): SessionPartition {
  return {
    topicKey: usesTopicIds ? topicId : topic, topic, topicId, partition: p.partition, fetchOffset: p.fetchOffset,
    partitionMaxBytes: p.partitionMaxBytes, currentLeaderEpoch: p.currentLeaderEpoch, lastFetchedEpoch: p.lastFetchedEpoch,
    logStartOffset: p.logStartOffset,
  };
}

/** What an answer says of a partition, for its session to compare with the last one. */
export function partitionNews(d: PartitionData, idle: IdleMark | undefined): PartitionNews {
  return {
    errorCode: d.errorCode, highWatermark: d.highWatermark, logStartOffset: d.logStartOffset,
    recordBytes: d.records?.length ?? 0, diverging: d.divergingEpoch.epoch >= 0, preferred: d.preferredReadReplica >= 0, idle,
  };
}
