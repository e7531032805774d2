// ACL checks as Kafka's StandardAuthorizer makes them (StandardAuthorizerData.authorize), against
// the ACLs of this broker's metadata image. On when `authorizer.class.name` names the standard
// authorizer; when it is off every check answers "allowed" after one cached boolean.
//
// Semantics: super.users are allowed everything. Otherwise the ACLs whose resource matches (the
// literal name, the literal wildcard "*", or a prefix) and whose principal (or User:*) and host (or
// "*") match decide: any DENY for the operation (or ALL) wins; else any ALLOW for it, where
// DESCRIBE is implied by READ, WRITE, DELETE and ALTER, and DESCRIBE_CONFIGS by ALTER_CONFIGS.
// If no ACL at all names the resource, allow.everyone.if.no.acl.found decides.
import type { ServerConfig } from '../config/server-config.js';
import { AclOperation, PatternType, PermissionType, WILDCARD, WILDCARD_PRINCIPAL, type AclEntry } from '../metadata/acls.js';
import { aclsOfType, someMatching, type AclSet } from './acl-index.js';

export const STANDARD_AUTHORIZER = 'org.apache.kafka.metadata.authorizer.StandardAuthorizer';

export interface AuthorizerSettings {
  enabled: boolean;
  superUsers: ReadonlySet<string>;
  allowIfNoAcl: boolean;
}

export interface Action {
  principal: string;
  /** The client's address, without Kafka's leading slash. */
  host: string;
  operation: AclOperation;
  resourceType: number;
  resourceName: string;
}

const cache = new WeakMap<ServerConfig, AuthorizerSettings>();

/** The authorizer keys of a config, read once per config object. */
export function authorizerSettings(config: ServerConfig): AuthorizerSettings {
  let s = cache.get(config);
  if (!s) {
    const name = config.get('authorizer.class.name') ?? '';
    // Kafka's super.users is a ';'-separated list of principals.
    const superUsers = new Set((config.get('super.users') ?? '').split(';').map((p) => p.trim()).filter((p) => p.length > 0));
    s = { enabled: name.trim() === STANDARD_AUTHORIZER, superUsers, allowIfNoAcl: config.bool('allow.everyone.if.no.acl.found') };
    cache.set(config, s);
  }
  return s;
}

/** True when the action is allowed. `acls` must not change once asked about (an image's never do):
 * they are indexed by resource on first use. */
export function authorize(settings: AuthorizerSettings, acls: AclSet, action: Action): boolean {
  if (!settings.enabled || settings.superUsers.has(action.principal)) return true;
  const ofType = aclsOfType(acls, action.resourceType);
  if (ofType === undefined) return settings.allowIfNoAcl;
  let resourceAcls = false;
  let allowed = false;
  const denied = someMatching(ofType, action.resourceName, (matching) => {
    resourceAcls = true;
    for (const acl of matching) {
      const result = aclResult(acl, action);
      if (result === PermissionType.DENY) return true;
      if (result === PermissionType.ALLOW) allowed = true;
    }
    return false;
  });
  if (denied) return false;
  return allowed || (!resourceAcls && settings.allowIfNoAcl);
}

/** StandardAuthorizerData.findResult: ALLOW or DENY when the ACL applies, UNKNOWN when not. */
export function aclResult(acl: AclEntry, action: Action): PermissionType {
  if (acl.principal !== action.principal && acl.principal !== WILDCARD_PRINCIPAL) return PermissionType.UNKNOWN;
  if (acl.host !== WILDCARD && acl.host !== action.host) return PermissionType.UNKNOWN;
  if (acl.operation !== AclOperation.ALL) {
    // Implication applies to ALLOW only: DENY READ does not deny DESCRIBE.
    const implied = acl.permissionType === PermissionType.ALLOW ? impliedBy(action.operation) : [action.operation];
    if (!implied.includes(acl.operation)) return PermissionType.UNKNOWN;
  }
  return acl.permissionType === PermissionType.ALLOW ? PermissionType.ALLOW : PermissionType.DENY;
}

function impliedBy(op: AclOperation): readonly AclOperation[] {
  if (op === AclOperation.DESCRIBE) return IMPLIES_DESCRIBE;
  if (op === AclOperation.DESCRIBE_CONFIGS) return IMPLIES_DESCRIBE_CONFIGS;
  return [op];
}

const IMPLIES_DESCRIBE = [AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE, AclOperation.ALTER];
const IMPLIES_DESCRIBE_CONFIGS = [AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS];

/**
 * Authorizer.authorizeByResourceType: is there any resource of the type the principal may act on
 * (an ALLOW that no DENY of the same or a broader pattern cancels)? InitProducerId without a
 * transactional id uses it: WRITE on any topic stands in for IDEMPOTENT_WRITE on the cluster.
 */
export function authorizeByResourceType(settings: AuthorizerSettings, acls: AclSet, base: Omit<Action, 'resourceName'>): boolean {
  if (!settings.enabled || settings.superUsers.has(base.principal)) return true;
  const ofType = aclsOfType(acls, base.resourceType)?.all ?? [];
  const list = ofType.filter((a) => aclResult(a, { ...base, resourceName: '' }) !== PermissionType.UNKNOWN);
  const denies = list.filter((a) => a.permissionType === PermissionType.DENY);
  if (denies.some((d) => d.patternType === PatternType.LITERAL && d.resourceName === WILDCARD)) return false;
  return list.some((a) => a.permissionType === PermissionType.ALLOW && !denies.some((d) => deniedAlso(d, a)));
}

function deniedAlso(deny: AclEntry, allow: AclEntry): boolean {
  if (deny.patternType === PatternType.PREFIXED) return allow.resourceName.startsWith(deny.resourceName);
  return allow.patternType === PatternType.LITERAL && allow.resourceName === deny.resourceName;
}

