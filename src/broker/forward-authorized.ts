// Admin requests a broker forwards to the controller carry only what the client may do: the
// items refused are answered here (as KafkaApis/ControllerApis answer them) and the rest go on.
// On the controller listener the forwarding broker needs CLUSTER_ACTION (else every item is
// refused with the given error), as Kafka's Envelope does; it already checked its client.
import type { ApiDefinition } from '../../protocol/definition.js';
import { AclOperation } from '../metadata/acls.js';
import { authorizerOn, controllerListenerAllowed } from './access.js';
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
