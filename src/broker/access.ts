// One call per check for handlers: "may this request's principal do OP on RESOURCE?" When the
// authorizer is off it returns true at the cost of one cached lookup.
import { ErrorCode } from '../../protocol/errors.js';
import { AclOperation, CLUSTER_NAME, ResourceType } from '../metadata/acls.js';
import { authorize, authorizeByResourceType, authorizerSettings } from './authorizer.js';
import type { RequestContext } from './handler.js';
import { principalString } from './principal.js';

/** The request's principal as ACLs name it ("User:alice"; PLAINTEXT connections are User:ANONYMOUS). */
export function principalOf(ctx: RequestContext): string {
  return principalString(ctx.principal);
}

/** The client's address as ACL hosts name it ("127.0.0.1", without Kafka's leading slash). */
export function hostOf(ctx: RequestContext): string {
  return ctx.clientHost.replace(/^\//, '');
}

export function authorizerOn(ctx: RequestContext): boolean {
  return authorizerSettings(ctx.services.config).enabled;
}

export function allowed(ctx: RequestContext, operation: AclOperation, resourceType: ResourceType, resourceName: string): boolean {
  const settings = authorizerSettings(ctx.services.config);
  if (!settings.enabled) return true;
  return authorize(settings, ctx.services.image().acls, {
    principal: principalOf(ctx), host: hostOf(ctx), operation, resourceType, resourceName,
  });
}

export function clusterAllowed(ctx: RequestContext, operation: AclOperation): boolean {
  return allowed(ctx, operation, ResourceType.CLUSTER, CLUSTER_NAME);
}

/** Any resource of the type allowed (Kafka's authorizeByResourceType). */
export function anyAllowed(ctx: RequestContext, operation: AclOperation, resourceType: ResourceType): boolean {
  const settings = authorizerSettings(ctx.services.config);
  if (!settings.enabled) return true;
  return authorizeByResourceType(settings, ctx.services.image().acls, {
    principal: principalOf(ctx), host: hostOf(ctx), operation, resourceType,
  });
}

/** Operations Kafka reports per resource type in *AuthorizedOperations fields. */
const REPORTED: Record<number, readonly AclOperation[]> = {
  [ResourceType.TOPIC]: [AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DELETE,
    AclOperation.ALTER, AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS],
  [ResourceType.GROUP]: [AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DELETE],
  [ResourceType.CLUSTER]: [AclOperation.CREATE, AclOperation.CLUSTER_ACTION, AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS,
    AclOperation.IDEMPOTENT_WRITE, AclOperation.ALTER, AclOperation.DESCRIBE],
};

/** The bit set of allowed operations (bit = AclOperation code), as authorized-operations fields carry it. */
export function authorizedOperations(ctx: RequestContext, resourceType: ResourceType, resourceName: string): number {
  let bits = 0;
  for (const op of REPORTED[resourceType] ?? []) if (allowed(ctx, op, resourceType, resourceName)) bits |= 1 << op;
  return bits;
}

/**
 * A request on the controller listener is one a broker forwarded (after checking its client's
 * rights), as Kafka's Envelope carries it: the forwarding broker needs CLUSTER_ACTION. An admin
 * client talking to the controller listener directly passes with the operation's own right.
 */
export function controllerListenerAllowed(ctx: RequestContext, operation: AclOperation): boolean {
  return clusterAllowed(ctx, AclOperation.CLUSTER_ACTION) || clusterAllowed(ctx, operation);
}

/**
 * Inter-node APIs (Raft, broker registration and heartbeats, AlterPartition, producer-id blocks)
 * need CLUSTER_ACTION on the cluster, as Kafka's ControllerApis require: the answer to send when
 * the caller lacks it (CLUSTER_AUTHORIZATION_FAILED), or null to go on.
 */
export function clusterActionRefusal<Res extends { errorCode: number }>(ctx: RequestContext, api: { defaultResponse(): Res }, operation = AclOperation.CLUSTER_ACTION): Res | null {
  if (clusterAllowed(ctx, operation)) return null;
  return { ...api.defaultResponse(), errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED };
}

/** clusterActionRefusal for an admin API on either listener (forwarded ones need CLUSTER_ACTION). */
export function clusterOperationRefusal<Res extends { errorCode: number }>(ctx: RequestContext, api: { defaultResponse(): Res }, operation: AclOperation): Res | null {
  if (ctx.listenerType === 'controller' ? controllerListenerAllowed(ctx, operation) : clusterAllowed(ctx, operation)) return null;
  return { ...api.defaultResponse(), errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED };
}
