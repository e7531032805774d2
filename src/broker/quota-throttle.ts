// The client quotas as produce and fetch handlers use them. Every client is Kafka's
// unauthenticated principal (no SASL here), so user quotas apply through the user "ANONYMOUS"
// or the default user.
import type { RequestContext } from './handler.js';

export const ANONYMOUS_USER = 'ANONYMOUS';

/** Records a produce request's bytes; the throttle time (0 within quota or with none set). */
export function produceThrottleMs(ctx: RequestContext): number {
  const quotas = ctx.services.quotas;
  const clientQuotas = ctx.services.image().clientQuotas;
  if (!quotas?.produce.active(clientQuotas)) return 0;
  return quotas.produce.recordAndGetThrottleTimeMs(clientQuotas, ANONYMOUS_USER,
    ctx.header.clientId ?? '', ctx.requestBytes ?? 0, ctx.services.nowMs());
}

/** Most bytes a consumer's fetch may return (Kafka's getMaxValueInQuotaWindow). */
export function fetchQuotaMaxBytes(ctx: RequestContext): number {
  const quotas = ctx.services.quotas;
  const clientQuotas = ctx.services.image().clientQuotas;
  if (!quotas?.fetch.active(clientQuotas)) return Infinity;
  return Math.floor(quotas.fetch.maxValueInWindow(clientQuotas, ANONYMOUS_USER, ctx.header.clientId ?? ''));
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
  const throttleMs = quotas.fetch.recordAndGetThrottleTimeMs(clientQuotas, ANONYMOUS_USER, clientId, responseBytes, nowMs);
  if (throttleMs > 0) quotas.fetch.unrecord(clientQuotas, ANONYMOUS_USER, clientId, responseBytes, nowMs);
  return throttleMs;
}
