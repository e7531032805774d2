// Fetch (key 1), v0-v17.
// Consumers read up to the high watermark, follower replicas up to the log end offset (their fetch
// offset records their progress and may move the high watermark; a diverged follower gets
// DivergingEpoch; v15+ followers send their broker epoch, KIP-903). max_bytes, partition_max_bytes and "at least one batch" follow Kafka; with less
// than min_bytes available the fetch long-polls up to max_wait_ms. Topic ids (v13+) are resolved
// through the metadata image. Versions below 4 get legacy message sets (down-converted batches).
// Fetch sessions (KIP-227, v7+): a full fetch with epoch 0 opens a session, and the session's
// incremental fetches read its partitions, except those left out idle and unchanged since (see
// IdleMark in replication/fetch.ts), and are answered only with those that have news
// (fetch-session-context.ts; the cache, max.incremental.fetch.session.cache.slots, in
// replication/fetch-sessions.ts).
// With an authorizer: followers need CLUSTER_ACTION on the cluster, consumers READ on each topic;
// a topic refused is answered TOPIC_AUTHORIZATION_FAILED and not read.
// isolation_level=1 (read_committed, v4+) reads below the last stable offset and gets the aborted
// transactions of the range it read (from the segments' .txnindex), so the client drops their
// records; every response carries the last stable offset.
// A consumer's wait is capped by kraftling.consumer.fetch.max.wait.ms (dev profile: 200 ms), so its
// client's disconnect, which waits for the fetch in flight, is quick.
// Client quotas (consumers only, not follower replicas): max_bytes is capped at what the client's
// consumer_byte_rate allows in the quota windows; a response that takes the client over quota is
// replaced by an empty one with throttle_time_ms, and the connection is muted that long (v8+,
// KIP-219) or the response held back that long (older versions), as Kafka does. Response bytes
// are counted as the record bytes returned (Kafka counts the whole response).
// From v16 (KIP-951), a NOT_LEADER_OR_FOLLOWER or FENCED_LEADER_EPOCH answer names the partition's
// current leader and epoch, and the response carries those leaders' endpoints.
// From v11 (KIP-392) a consumer may read from a follower, up to the follower's high watermark, as
// Kafka allows any consumer that sends client metadata; with replica.selector.class set to the
// rack-aware selector, a leader answers a consumer whose rack id names a follower's rack with that
// follower as preferred_read_replica and no records (replication/preferred-replica.ts).
import {
  FetchApi, type FetchRequest, type FetchResponse, type FetchableTopicResponse, type PartitionData,
} from '../../../protocol/generated/api/01-fetch.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { downConvertRecordBatches } from '../../../protocol/records/conversion.js';
import { errorCodeOf } from '../../../protocol/records/record-error.js';
import { fetch, UNCHANGED, type FetchPartitionInput, type FetchPartitionOutput } from '../../replication/fetch.js';
import { handler, type RequestContext } from '../handler.js';
import { fetchQuotaMaxBytes, fetchThrottleMs } from '../quota-throttle.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed, clusterAllowed } from '../access.js';
import { leaderHint, nodeEndpoints, type BrokerAddress } from '../cluster-view.js';
import { fetchContext, partitionNews, sessionAnswer, throttledSessionId } from '../fetch-session-context.js';
import type { SessionPartition } from '../../replication/fetch-sessions.js';

export const fetchHandler = handler<FetchRequest, FetchResponse>({
  api: FetchApi,
  minVersion: 0,
  maxVersion: 17,
  clientThrottlesFromVersion: 8,
  handle(req, ctx) {
    const sessions = ctx.services.replicas.fetchSessions;
    const context = fetchContext(sessions, req, ctx.version, ctx.services.nowMs());
    // Kafka's SessionErrorContext: the error, no partitions, and no session id.
    if (context.kind === 'error') {
      return { throttleTimeMs: 0, errorCode: context.errorCode, sessionId: 0, responses: [], nodeEndpoints: [] };
    }
    const image = ctx.services.image();
    const replicaId = ctx.version >= 15 ? req.replicaState.replicaId : req.replicaId;
    const followerDenied = replicaId >= 0 && !clusterAllowed(ctx, AclOperation.CLUSTER_ACTION);
    const names = new Map<string, { name: string | undefined; denied: boolean }>();
    const wanted = context.partitions.map((p) => {
      let topic = names.get(p.topicKey);
      if (topic === undefined) {
        const name = ctx.version >= 13 ? image.topicsById.get(p.topicId)?.name : p.topic;
        topic = { name, denied: followerDenied || (name !== undefined && !allowed(ctx, AclOperation.READ, ResourceType.TOPIC, name)) };
        names.set(p.topicKey, topic);
      }
      return { p, ...topic };
    });
    const inputs: FetchPartitionInput[] = wanted.flatMap(({ p, name, denied }) => name === undefined || denied ? [] : [{
      topic: name, partition: p.partition, fetchOffset: p.fetchOffset, partitionMaxBytes: p.partitionMaxBytes,
      currentLeaderEpoch: p.currentLeaderEpoch, lastFetchedEpoch: p.lastFetchedEpoch, logStartOffset: p.logStartOffset, idle: p.idle,
    }]);
    const replicaEpoch = ctx.version >= 15 ? req.replicaState.replicaEpoch : -1;
    const consumer = replicaId < 0;
    const maxBytes = Math.min(ctx.version >= 3 ? req.maxBytes : Infinity, ctx.services.config.int('fetch.max.bytes'),
      consumer ? fetchQuotaMaxBytes(ctx) : Infinity);
    const results = fetch(ctx.services.replicas, {
      replicaId, replicaEpoch, maxWaitMs: heldMs(req.maxWaitMs, replicaId, ctx), minBytes: req.minBytes, maxBytes,
      isolationLevel: ctx.version >= 4 ? req.isolationLevel : 0, partitions: inputs,
      client: consumer && ctx.version >= 11 ? { rack: req.rackId, listener: ctx.listenerName } : undefined,
    });
    const respond = (outputs: FetchPartitionOutput[]): FetchResponse => {
      let i = 0;
      // A partition skipped as idle has no data: its answer would be the session's last one.
      const read = wanted.map(({ p, name, denied }) => {
        const out = denied ? errorOnly(ErrorCode.TOPIC_AUTHORIZATION_FAILED)
          : name === undefined ? errorOnly(ErrorCode.UNKNOWN_TOPIC_ID) : outputs[i++]!;
        return out === UNCHANGED ? undefined : { data: partitionData(p.partition, out, ctx, p.fetchOffset), idle: out.idle };
      });
      const data = read.map((r) => r?.data);
      const throttleTimeMs = consumer ? fetchThrottleMs(ctx, recordBytes(data)) : 0;
      if (throttleTimeMs > 0) {
        return { throttleTimeMs, errorCode: ErrorCode.NONE, sessionId: throttledSessionId(context), responses: [], nodeEndpoints: [] };
      }
      if (consumer) countBytesOut(ctx, inputs, outputs);
      const endpoints = ctx.version >= 16 ? leaderHints(wanted, data, ctx) : [];
      const news = read.map((r) => r && partitionNews(r.data, r.idle));
      const { errorCode, sessionId, kept } = sessionAnswer(context, sessions, news, !consumer, ctx.version, ctx.services.nowMs());
      return { throttleTimeMs: 0, errorCode, sessionId, responses: byTopic(wanted.map((w) => w.p), data, kept), nodeEndpoints: endpoints };
    };
    return results instanceof Promise ? results.then(respond) : respond(results);
  },
});

/** KIP-951 (v16+): a partition answered NOT_LEADER_OR_FOLLOWER or FENCED_LEADER_EPOCH gets the
 * current leader; the response, their endpoints. */
function leaderHints(wanted: { name: string | undefined }[], data: (PartitionData | undefined)[], ctx: RequestContext): FetchResponse['nodeEndpoints'] {
  let endpoints: Map<number, BrokerAddress> | undefined;
  data.forEach((d, i) => {
    const name = wanted[i]!.name;
    if (d === undefined || name === undefined) return;
    if (d.errorCode !== ErrorCode.NOT_LEADER_OR_FOLLOWER && d.errorCode !== ErrorCode.FENCED_LEADER_EPOCH) return;
    d.currentLeader = leaderHint(ctx.services.image(), name, d.partitionIndex, ctx.listenerName, (endpoints ??= new Map()));
  });
  return endpoints === undefined ? [] : nodeEndpoints(endpoints);
}

/** The answered partitions, a topic for each run of partitions of the same topic, in fetch order. */
function byTopic(partitions: SessionPartition[], data: (PartitionData | undefined)[], kept: boolean[]): FetchableTopicResponse[] {
  const topics: FetchableTopicResponse[] = [];
  let last: { key: string; topic: FetchableTopicResponse } | undefined;
  partitions.forEach((p, i) => {
    if (!kept[i]) return;
    if (last?.key !== p.topicKey) {
      last = { key: p.topicKey, topic: { topic: p.topic, topicId: p.topicId, partitions: [] } };
      topics.push(last.topic);
    }
    last.topic.partitions.push(data[i]!);
  });
  return topics;
}

/** BytesOutPerSec counts what consumers are sent; follower fetches are replication traffic. */
function countBytesOut(ctx: RequestContext, inputs: FetchPartitionInput[], outputs: FetchPartitionOutput[]): void {
  const { metrics } = ctx.services.replicas;
  for (let i = 0; i < outputs.length; i++) {
    const bytes = outputs[i]!.records?.length ?? 0;
    if (bytes > 0) metrics.topic(inputs[i]!.topic).bytesOut += bytes;
  }
}

/** kraftling.consumer.fetch.max.wait.ms caps how long a consumer's fetch is held; followers' are not capped. */
function heldMs(maxWaitMs: number, replicaId: number, ctx: RequestContext): number {
  const capMs = ctx.services.config.int('kraftling.consumer.fetch.max.wait.ms');
  return replicaId < 0 && capMs >= 0 ? Math.min(maxWaitMs, capMs) : maxWaitMs;
}

function recordBytes(data: (PartitionData | undefined)[]): number {
  let bytes = 0;
  for (const p of data) bytes += p?.records?.length ?? 0;
  return bytes;
}

function errorOnly(errorCode: number): FetchPartitionOutput {
  return { errorCode, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, records: null, divergingEpoch: null };
}

function partitionData(partitionIndex: number, out: FetchPartitionOutput, ctx: RequestContext, fetchOffset: number): PartitionData {
  let records = out.records;
  let errorCode = out.errorCode;
  if (ctx.version < 4 && records !== null && records.length > 0) {
    try {
      records = downConvertRecordBatches(records, ctx.version < 2 ? 0 : 1, { firstOffset: fetchOffset });
    } catch (err) {
      errorCode = errorCodeOf(err) ?? ErrorCode.UNKNOWN_SERVER_ERROR;
      records = null;
    }
  }
  return {
    partitionIndex, errorCode, highWatermark: out.highWatermark, lastStableOffset: out.lastStableOffset,
    logStartOffset: out.logStartOffset,
    divergingEpoch: out.divergingEpoch ?? { epoch: -1, endOffset: -1 },
    currentLeader: { leaderId: -1, leaderEpoch: -1 },
    snapshotId: { endOffset: -1, epoch: -1 },
    abortedTransactions: out.abortedTransactions ?? null,
    preferredReadReplica: out.preferredReadReplica ?? -1,
    records,
  };
}
