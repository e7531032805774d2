// Produce (key 0), v0-v11.
// Appends each partition's batches on the leader: header and CRC checks without decompressing,
// max.message.bytes, message.timestamp.type (LogAppendTime stamps the broker time), legacy message
// sets (magic 0/1, up-converted as Kafka does), idempotent producer sequences (duplicates answered
// with their first offset). acks=0 gets no response, acks=1 an answer once written, acks=-1 once
// the ISR has it (or REQUEST_TIMED_OUT after timeout_ms). Appends happen in request order.
// Internal topics (__consumer_offsets, __transaction_state, __cluster_metadata) cannot be written
// by clients: INVALID_TOPIC_EXCEPTION, Kafka's "Cannot append to internal topic". The coordinators
// write their own records through the replica manager, not through this handler.
// Transactional batches (KIP-98) need the request's transactional_id (else
// TRANSACTIONAL_ID_AUTHORIZATION_FAILED, as Kafka answers); the leader tracks each producer's open
// transaction from them (a non-transactional batch while one is open: INVALID_TXN_STATE). With
// transaction.partition.verification.enable (KIP-890 part 1, default true as in Kafka), the first
// transactional batch of a transaction on a partition is appended only once the transaction
// coordinator confirms the partition is in the ongoing transaction (else INVALID_TXN_STATE).
// Client quotas: the request's bytes count against the client's producer_byte_rate once written;
// over quota, the response carries throttle_time_ms and the connection is muted that long (v6+,
// KIP-219), or the response is held back that long (older versions), as Kafka does.
// With an authorizer: WRITE on the transactional id (else TRANSACTIONAL_ID_AUTHORIZATION_FAILED for
// every partition) and WRITE on each topic (else TOPIC_AUTHORIZATION_FAILED), checked first.
// From v10 (KIP-951), a NOT_LEADER_OR_FOLLOWER answer names the partition's current leader and epoch,
// and the response carries those leaders' endpoints, so a client retries there at once.
import {
  ProduceApi, type PartitionProduceResponse, type ProduceRequest, type ProduceResponse,
} from '../../../protocol/generated/api/00-produce.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ATTRIBUTES, MAGIC, MAGIC_V2, TRANSACTIONAL_FLAG } from '../../../protocol/records/batch-header.js';
import type { PartitionProduceResult } from '../../replication/produce.js';
import { CLUSTER_METADATA_TOPIC } from '../../controller/topic-names.js';
import { CONSUMER_OFFSETS_TOPIC, TRANSACTION_STATE_TOPIC } from '../../coordinator/internal-topics.js';
import { NO_RESPONSE, SilentThrottle, handler, type RequestContext } from '../handler.js';
import { produceThrottleMs } from '../quota-throttle.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed } from '../access.js';
import { leaderHint, nodeEndpoints, type BrokerAddress } from '../cluster-view.js';

const NO_LEADER = { leaderId: -1, leaderEpoch: -1 };
// Shared by every answer that has none (nothing adds to them: an answer is encoded and dropped).
const NO_RECORD_ERRORS: PartitionProduceResponse['recordErrors'] = [];
const NO_ENDPOINTS: ProduceResponse['nodeEndpoints'] = [];
const INTERNAL_TOPICS: ReadonlySet<string> = new Set([CONSUMER_OFFSETS_TOPIC, TRANSACTION_STATE_TOPIC, CLUSTER_METADATA_TOPIC]);

export const produceHandler = handler<ProduceRequest, ProduceResponse>({
  api: ProduceApi,
  minVersion: 0,
  maxVersion: 11,
  clientThrottlesFromVersion: 6,
  // Every append (whose write reads the request's batches) is done before the response is ready.
  releasesRequest: true,
  handle(req, ctx) {
    // The appends still to finish: most requests have one partition, so one promise, and no array.
    let pending: Promise<void> | Promise<void>[] | undefined;
    const txnDenied = req.transactionalId !== null && !allowed(ctx, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, req.transactionalId);
    const options = { acks: req.acks, timeoutMs: req.timeoutMs, requestVersion: ctx.version, transactionalId: req.transactionalId };
    const responses = req.topicData.map((topic) => ({
      name: topic.name,
      partitionResponses: topic.partitionData.map((data) => {
        const out = answer(data.index, refusal(req, ctx, txnDenied, topic.name, data.records) ?? undefined);
        if (out.errorCode !== ErrorCode.NONE) return out;
        const result = ctx.services.replicas.produce(topic.name, data.index, data.records ?? Buffer.alloc(0), options);
        if (result instanceof Promise) {
          const filled = result.then((r) => fill(out, r));
          if (pending === undefined) pending = filled;
          else if (Array.isArray(pending)) pending.push(filled);
          else pending = [pending, filled];
        } else {
          fill(out, result);
        }
        return out;
      }),
    }));
    const response = (): ProduceResponse | typeof NO_RESPONSE | SilentThrottle => {
      const throttleTimeMs = produceThrottleMs(ctx);
      if (req.acks === 0) return throttleTimeMs > 0 ? new SilentThrottle(throttleTimeMs) : NO_RESPONSE;
      return { responses, throttleTimeMs, nodeEndpoints: ctx.version >= 10 ? leaderHints(responses, ctx) : NO_ENDPOINTS };
    };
    if (pending === undefined) return response();
    return (Array.isArray(pending) ? Promise.all(pending) : pending).then(response);
  },
});

/** KIP-951: each NOT_LEADER_OR_FOLLOWER answer gets the current leader; the response, their endpoints. */
function leaderHints(responses: ProduceResponse['responses'], ctx: RequestContext): ProduceResponse['nodeEndpoints'] {
  let endpoints: Map<number, BrokerAddress> | undefined;
  for (const topic of responses) {
    for (const p of topic.partitionResponses) {
      if (p.errorCode !== ErrorCode.NOT_LEADER_OR_FOLLOWER) continue;
      p.currentLeader = leaderHint(ctx.services.image(), topic.name, p.index, ctx.listenerName, (endpoints ??= new Map()));
    }
  }
  return endpoints === undefined ? NO_ENDPOINTS : nodeEndpoints(endpoints);
}

const fail = (errorCode: number, errorMessage: string): PartitionProduceResult =>
  ({ errorCode, errorMessage, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1 });

function refusal(req: ProduceRequest, ctx: RequestContext, txnDenied: boolean, topic: string, records: Buffer | null): PartitionProduceResult | null {
  if (txnDenied) return fail(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, 'Transactional Id authorization failed.');
  if (!allowed(ctx, AclOperation.WRITE, ResourceType.TOPIC, topic)) return fail(ErrorCode.TOPIC_AUTHORIZATION_FAILED, 'Topic authorization failed.');
  if (req.acks !== 0 && req.acks !== 1 && req.acks !== -1) return fail(ErrorCode.INVALID_REQUIRED_ACKS, `Invalid required acks ${req.acks}`);
  if (INTERNAL_TOPICS.has(topic)) return fail(ErrorCode.INVALID_TOPIC_EXCEPTION, `Cannot append to internal topic ${topic}`);
  if (req.transactionalId === null && isTransactional(records)) {
    return fail(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, 'Transactional records need the request\'s transactional id');
  }
  return null;
}

/** Whether the first batch has the transactional flag (Kafka looks at each; a producer sends one). */
function isTransactional(records: Buffer | null): boolean {
  if (records === null || records.length < ATTRIBUTES + 2 || records.readInt8(MAGIC) !== MAGIC_V2) return false;
  return (records.readInt16BE(ATTRIBUTES) & TRANSACTIONAL_FLAG) !== 0;
}

/** Sets a partition's answer from its result, in place. */
function fill(out: PartitionProduceResponse, r: PartitionProduceResult): void {
  out.errorCode = r.errorCode;
  out.baseOffset = r.baseOffset;
  out.logAppendTimeMs = r.logAppendTimeMs;
  out.logStartOffset = r.logStartOffset;
  out.errorMessage = r.errorMessage ?? null;
}

function answer(index: number, r?: PartitionProduceResult): PartitionProduceResponse {
  return {
    index, errorCode: r?.errorCode ?? ErrorCode.NONE, baseOffset: r?.baseOffset ?? -1, logAppendTimeMs: r?.logAppendTimeMs ?? -1,
    logStartOffset: r?.logStartOffset ?? -1, recordErrors: NO_RECORD_ERRORS, errorMessage: r?.errorMessage ?? null, currentLeader: NO_LEADER,
  };
}
