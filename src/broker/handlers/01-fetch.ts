// Fetch (key 1), v0-v17.
// Consumers read up to the high watermark, follower replicas up to the log end offset (their fetch
// offset records their progress and may move the high watermark; a diverged follower gets
// DivergingEpoch; v15+ followers send their broker epoch, KIP-903). max_bytes, partition_max_bytes and "at least one batch" follow Kafka; with less
// than min_bytes available the fetch long-polls up to max_wait_ms. Topic ids (v13+) are resolved
// through the metadata image. Versions below 4 get legacy message sets (down-converted batches).
// Fetch sessions (KIP-227): this broker keeps none, and says so the way Kafka allows: a full fetch
// is answered with session id 0, so clients keep sending full fetches; an incremental fetch for a
// session id gets FETCH_SESSION_ID_NOT_FOUND.
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
// Not implemented: preferred read replicas (always -1), rack-aware follower fetching.
import {
  FetchApi, type FetchRequest, type FetchResponse, type FetchableTopicResponse, type PartitionData,
} from '../../../protocol/generated/api/01-fetch.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { downConvertRecordBatches } from '../../../protocol/records/conversion.js';
import { errorCodeOf } from '../../../protocol/records/record-error.js';
import { fetch, type FetchPartitionInput, type FetchPartitionOutput } from '../../replication/fetch.js';
import { handler, type RequestContext } from '../handler.js';
import { fetchQuotaMaxBytes, fetchThrottleMs } from '../quota-throttle.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed, clusterAllowed } from '../access.js';

/** Sessions and epochs as KIP-227 defines them. */
const INITIAL_EPOCH = 0;
const FINAL_EPOCH = -1;

export const fetchHandler = handler<FetchRequest, FetchResponse>({
  api: FetchApi,
  minVersion: 0,
  maxVersion: 17,
  clientThrottlesFromVersion: 8,
  handle(req, ctx) {
    const sessionError = checkSession(req);
    if (sessionError !== ErrorCode.NONE) {
      return { throttleTimeMs: 0, errorCode: sessionError, sessionId: req.sessionId, responses: [], nodeEndpoints: [] };
    }
    const image = ctx.services.image();
    const replicaId = ctx.version >= 15 ? req.replicaState.replicaId : req.replicaId;
    const followerDenied = replicaId >= 0 && !clusterAllowed(ctx, AclOperation.CLUSTER_ACTION);
    const named = req.topics.map((t) => {
      const name = ctx.version >= 13 ? image.topicsById.get(t.topicId)?.name : t.topic;
      const denied = followerDenied || (name !== undefined && !allowed(ctx, AclOperation.READ, ResourceType.TOPIC, name));
      return { ...t, name, denied };
    });
    const inputs: FetchPartitionInput[] = named.flatMap((t) => t.name === undefined || t.denied ? [] : t.partitions.map((p) => ({
      topic: t.name!, partition: p.partition, fetchOffset: p.fetchOffset, partitionMaxBytes: p.partitionMaxBytes,
      currentLeaderEpoch: p.currentLeaderEpoch, lastFetchedEpoch: p.lastFetchedEpoch,
    })));
    const replicaEpoch = ctx.version >= 15 ? req.replicaState.replicaEpoch : -1;
    const consumer = replicaId < 0;
    const maxBytes = Math.min(ctx.version >= 3 ? req.maxBytes : Infinity, ctx.services.config.int('fetch.max.bytes'),
      consumer ? fetchQuotaMaxBytes(ctx) : Infinity);
    const results = fetch(ctx.services.replicas, {
      replicaId, replicaEpoch, maxWaitMs: heldMs(req.maxWaitMs, replicaId, ctx), minBytes: req.minBytes, maxBytes,
      isolationLevel: ctx.version >= 4 ? req.isolationLevel : 0, partitions: inputs,
    });
    const respond = (outputs: FetchPartitionOutput[]): FetchResponse => {
      let i = 0;
      const responses: FetchableTopicResponse[] = named.map((t) => ({
        topic: t.topic, topicId: t.topicId,
        partitions: t.partitions.map((p) => t.denied ? partitionData(p.partition, errorOnly(ErrorCode.TOPIC_AUTHORIZATION_FAILED), ctx, p.fetchOffset)
          : t.name === undefined ? partitionData(p.partition, errorOnly(ErrorCode.UNKNOWN_TOPIC_ID), ctx, p.fetchOffset)
          : partitionData(p.partition, outputs[i++]!, ctx, p.fetchOffset)),
      }));
      const throttleTimeMs = consumer ? fetchThrottleMs(ctx, recordBytes(responses)) : 0;
      if (throttleTimeMs > 0) return { throttleTimeMs, errorCode: ErrorCode.NONE, sessionId: 0, responses: [], nodeEndpoints: [] };
      if (consumer) countBytesOut(ctx, inputs, outputs);
      return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, sessionId: 0, responses, nodeEndpoints: [] };
    };
    return results instanceof Promise ? results.then(respond) : respond(results);
  },
});

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

function recordBytes(responses: FetchableTopicResponse[]): number {
  let bytes = 0;
  for (const t of responses) for (const p of t.partitions) bytes += p.records?.length ?? 0;
  return bytes;
}

function checkSession(req: FetchRequest): number {
  if (req.sessionId !== 0) return ErrorCode.FETCH_SESSION_ID_NOT_FOUND;
  if (req.sessionEpoch !== INITIAL_EPOCH && req.sessionEpoch !== FINAL_EPOCH) return ErrorCode.INVALID_FETCH_SESSION_EPOCH;
  return ErrorCode.NONE;
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
    preferredReadReplica: -1,
    records,
  };
}
