// Admin requests a broker forwards to the controller carry only what the client may do: the
// items refused are answered here (as KafkaApis/ControllerApis answer them) and the rest go on.
// On the controller listener the forwarding broker needs CLUSTER_ACTION (else every item is
// refused with the given error), as Kafka's Envelope does; it already checked its client.
import type { ApiDefinition } from '../../protocol/definition.js';
import { AclOperation } from '../metadata/acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { ResourceType } from '../metadata/acls.js';
import { allowed, authorizerOn, clusterAllowed, controllerListenerAllowed } from './access.js';
import type { RequestContext } from './handler.js';

export interface Split<T> {
  allowed: T[];
  denied: T[];
}

export function splitItems<T>(ctx: RequestContext, items: readonly T[], may: (item: T) => boolean, operation: AclOperation): Split<T> {
  if (!authorizerOn(ctx)) return { allowed: [...items], denied: [] };
  if (ctx.listenerType === 'controller') {
    return controllerListenerAllowed(ctx, operation) ? { allowed: [...items], denied: [] } : { allowed: [], denied: [...items] };
  }
  const allowed: T[] = [];
  const denied: T[] = [];
  for (const item of items) (may(item) ? allowed : denied).push(item);
  return { allowed, denied };
}

/** Sends to the active controller, or serves it here when it came in on the controller listener. */
export function toController<Req, Res>(ctx: RequestContext, api: ApiDefinition<Req, Res>, req: Req): Promise<Res> {
  // On the controller listener the request was forwarded here: serve it, never forward again.
  if (ctx.listenerType === 'controller') return ctx.services.controller.callLocal(api, req);
  return ctx.services.controller.call(api, ctx.version, req);
}

/** A config resource (topic, group or broker) and the right it needs: ALTER_CONFIGS / DESCRIBE_CONFIGS. */
export function configAllowed(ctx: RequestContext, operation: AclOperation, resourceType: number, resourceName: string): boolean {
  if (resourceType === TOPIC_CONFIG) return allowed(ctx, operation, ResourceType.TOPIC, resourceName);
  if (resourceType === GROUP_CONFIG) return allowed(ctx, operation, ResourceType.GROUP, resourceName);
  return clusterAllowed(ctx, operation);
}

/** Kafka's answer for a config resource refused: TOPIC_, GROUP_ or CLUSTER_AUTHORIZATION_FAILED. */
export function configRefusal(resourceType: number): number {
  if (resourceType === TOPIC_CONFIG) return ErrorCode.TOPIC_AUTHORIZATION_FAILED;
  return resourceType === GROUP_CONFIG ? ErrorCode.GROUP_AUTHORIZATION_FAILED : ErrorCode.CLUSTER_AUTHORIZATION_FAILED;
}

/** AlterConfigs and IncrementalAlterConfigs: the resources allowed go on, the others are refused. */
export async function alterConfigsAuthorized<Res extends { responses: ConfigResult[] }>(
  ctx: RequestContext, req: { resources: { resourceType: number; resourceName: string }[] }, send: (resources: typeof req.resources) => Promise<Res>,
): Promise<Res> {
  const split = splitItems(ctx, req.resources, (r) => configAllowed(ctx, AclOperation.ALTER_CONFIGS, r.resourceType, r.resourceName), AclOperation.ALTER_CONFIGS);
  const refused = split.denied.map((r) => ({ errorCode: configRefusal(r.resourceType), errorMessage: null, resourceType: r.resourceType, resourceName: r.resourceName }));
  if (refused.length === 0) return send(req.resources);
  const res = split.allowed.length > 0 ? await send(split.allowed) : null;
  return { ...(res ?? { throttleTimeMs: 0 }), responses: [...(res?.responses ?? []), ...refused] } as Res;
}

interface ConfigResult {
  errorCode: number;
  errorMessage: string | null;
  resourceType: number;
  resourceName: string;
}

const TOPIC_CONFIG = 2;
const GROUP_CONFIG = 32;
