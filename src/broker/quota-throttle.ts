// The client quotas as produce and fetch handlers use them. The user of a quota is the
// connection's principal name, as in Kafka: the SASL user (a delegation token's owner), an SSL
// client certificate's distinguished name, else ANONYMOUS.
import type { MutationQuota } from './controller-mutation-quota.js';
import type { RequestContext } from './handler.js';

/** The user entity the connection's quotas are looked up under. */
function quotaUser(ctx: RequestContext): string {
  return ctx.principal.name;
}

/** Records a produce request's bytes; the throttle time (0 within quota or with none set). */
export function produceThrottleMs(ctx: RequestContext): number {
  const quotas = ctx.services.quotas;
  const clientQuotas = ctx.services.image().clientQuotas;
  if (!quotas?.produce.active(clientQuotas)) return 0;
  return quotas.produce.recordAndGetThrottleTimeMs(clientQuotas, quotaUser(ctx),
    ctx.header.clientId ?? '', ctx.requestBytes ?? 0, ctx.services.nowMs());
}

/** Most bytes a consumer's fetch may return (Kafka's getMaxValueInQuotaWindow). */
export function fetchQuotaMaxBytes(ctx: RequestContext): number {
  const quotas = ctx.services.quotas;
  const clientQuotas = ctx.services.image().clientQuotas;
  if (!quotas?.fetch.active(clientQuotas)) return Infinity;
  return Math.floor(quotas.fetch.maxValueInWindow(clientQuotas, quotaUser(ctx), ctx.header.clientId ?? ''));
}

/**
 * Records a consumer fetch response's bytes; when that goes over quota, takes them back (the
 * answer will be empty, as Kafka's) and returns the throttle time.
 */
export function fetchThrottleMs(ctx: RequestContext, responseBytes: number): number {
  const quotas = ctx.services.quotas;
  const clientQuotas = ctx.services.image().clientQuotas;
  if (!quotas?.fetch.active(clientQuotas)) return 0;
  const clientId = ctx.header.clientId ?? '';
  const nowMs = ctx.services.nowMs();
  const user = quotaUser(ctx);
  const throttleMs = quotas.fetch.recordAndGetThrottleTimeMs(clientQuotas, user, clientId, responseBytes, nowMs);
  if (throttleMs > 0) quotas.fetch.unrecord(clientQuotas, user, clientId, responseBytes, nowMs);
  return throttleMs;
}

/**
 * The client's controller_mutation_rate quota for one CreateTopics / CreatePartitions /
 * DeleteTopics request: strict from `strictFromVersion` (KIP-599), permissive before. A request
 * forwarded on the controller listener was counted by the broker that took it; validate_only
 * requests mutate nothing and are not counted.
 */
export function mutationQuota(ctx: RequestContext, strictFromVersion: number, validateOnly = false): MutationQuota {
  const manager = ctx.services.quotas?.mutation;
  if (!manager || validateOnly || ctx.listenerType === 'controller') return UNBOUNDED_MUTATIONS;
  return manager.quotaFor(ctx.services.image().clientQuotas, quotaUser(ctx), ctx.header.clientId ?? '',
    ctx.version >= strictFromVersion, ctx.services.nowMs());
}

const UNBOUNDED_MUTATIONS: MutationQuota = { record: () => true, throttleTimeMs: () => 0 };

export const THROTTLED_MESSAGE = 'The throttling quota has been exceeded.';

/** Kafka's exempt requests: version negotiation and authentication, and what other nodes send. */
const REQUEST_QUOTA_EXEMPT = new Set([17, 18, 36]);

/**
 * Whether request_percentage counts this request: a quota is set for some client, and the request
 * is not exempt. Only then is the handler timed (two clock reads a request otherwise spent).
 */
export function requestQuotaCounts(ctx: RequestContext, replicaRequest: boolean): boolean {
  const manager = ctx.services.quotas?.request;
  if (!manager || replicaRequest || ctx.listenerType === 'controller' || REQUEST_QUOTA_EXEMPT.has(ctx.header.requestApiKey)) return false;
  return manager.active(ctx.services.image().clientQuotas);
}

/**
 * request_percentage: the time this request held the handler (`handlerMs`) counts against the
 * client's share of one thread (100 = one thread busy all the time), as Kafka's request quota
 * counts request-thread time; the throttle time (0 within quota). For a request that
 * requestQuotaCounts.
 */
export function requestThrottleMs(ctx: RequestContext, handlerMs: number): number {
  const manager = ctx.services.quotas!.request!;
  // Kafka records nanoseconds * 100 / 1e9: percent of a thread over one second.
  return manager.recordAndGetThrottleTimeMs(ctx.services.image().clientQuotas, quotaUser(ctx), ctx.header.clientId ?? '', handlerMs / 10, ctx.services.nowMs());
}
