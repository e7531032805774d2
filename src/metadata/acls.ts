// ACLs as the metadata image holds them (AccessControlEntryRecord, by id), with Kafka's enum codes
// (org.apache.kafka.common.resource.ResourceType, PatternType, acl.AclOperation, AclPermissionType)
// and the binding-filter match that DescribeAcls and DeleteAcls share (AclBindingFilter.matches).

export const enum ResourceType { UNKNOWN = 0, ANY = 1, TOPIC = 2, GROUP = 3, CLUSTER = 4, TRANSACTIONAL_ID = 5, DELEGATION_TOKEN = 6, USER = 7 }
export const enum PatternType { UNKNOWN = 0, ANY = 1, MATCH = 2, LITERAL = 3, PREFIXED = 4 }
export const enum AclOperation {
  UNKNOWN = 0, ANY = 1, ALL = 2, READ = 3, WRITE = 4, CREATE = 5, DELETE = 6, ALTER = 7, DESCRIBE = 8,
  CLUSTER_ACTION = 9, DESCRIBE_CONFIGS = 10, ALTER_CONFIGS = 11, IDEMPOTENT_WRITE = 12, CREATE_TOKENS = 13, DESCRIBE_TOKENS = 14,
}
export const enum PermissionType { UNKNOWN = 0, ANY = 1, DENY = 2, ALLOW = 3 }

/** The only name a CLUSTER resource has. */
export const CLUSTER_NAME = 'kafka-cluster';
export const WILDCARD = '*';
export const WILDCARD_PRINCIPAL = 'User:*';

export interface AclEntry {
  id: string;
  resourceType: number;
  resourceName: string;
  patternType: number;
  principal: string;
  host: string;
  operation: number;
  permissionType: number;
}

/** A DescribeAcls / DeleteAcls filter: ANY (and null strings) match everything; MATCH as Kafka's. */
export interface AclFilter {
  resourceType: number;
  resourceName: string | null;
  patternType: number;
  principal: string | null;
  host: string | null;
  operation: number;
  permissionType: number;
}

export function filterMatches(f: AclFilter, acl: AclEntry): boolean {
  if (f.resourceType !== ResourceType.ANY && f.resourceType !== acl.resourceType) return false;
  if (!patternFilterMatches(f, acl)) return false;
  if (f.principal !== null && f.principal !== acl.principal) return false;
  if (f.host !== null && f.host !== acl.host) return false;
  if (f.operation !== AclOperation.ANY && f.operation !== acl.operation) return false;
  return f.permissionType === PermissionType.ANY || f.permissionType === acl.permissionType;
}

/** ResourcePatternFilter.matches: MATCH takes the literal name, the wildcard and every prefix of it. */
function patternFilterMatches(f: AclFilter, acl: AclEntry): boolean {
  if (f.patternType === PatternType.MATCH) {
    if (f.resourceName === null) return true;
    if (acl.patternType === PatternType.LITERAL) return acl.resourceName === f.resourceName || acl.resourceName === WILDCARD;
    return acl.patternType === PatternType.PREFIXED && f.resourceName.startsWith(acl.resourceName);
  }
  if (f.patternType !== PatternType.ANY && f.patternType !== acl.patternType) return false;
  return f.resourceName === null || f.resourceName === acl.resourceName;
}

/** Why an ACL binding cannot be stored, or null (AclControlManager.validateNewAcl's checks). */
export function invalidAcl(acl: Omit<AclEntry, 'id'>): string | null {
  const knownTypes = [ResourceType.TOPIC, ResourceType.GROUP, ResourceType.CLUSTER, ResourceType.TRANSACTIONAL_ID, ResourceType.DELEGATION_TOKEN, ResourceType.USER];
  if (!knownTypes.includes(acl.resourceType)) return `Invalid resourceType ${acl.resourceType}`;
  if (acl.patternType !== PatternType.LITERAL && acl.patternType !== PatternType.PREFIXED) return `Invalid patternType ${acl.patternType}`;
  if (acl.operation < AclOperation.ALL || acl.operation > AclOperation.DESCRIBE_TOKENS) return `Invalid operation ${acl.operation}`;
  if (acl.permissionType !== PermissionType.DENY && acl.permissionType !== PermissionType.ALLOW) return `Invalid permissionType ${acl.permissionType}`;
  if (acl.resourceName.length === 0) return 'Resource name should not be empty';
  if (acl.resourceType === ResourceType.CLUSTER && acl.resourceName !== CLUSTER_NAME) return `The only valid name for the CLUSTER resource is ${CLUSTER_NAME}`;
  if (!/^[^:]+:.+$/.test(acl.principal)) return `Could not parse principal from \`${acl.principal}\` (no colon is present separating the principal type from the principal name)`;
  if (acl.host.length === 0) return 'Host should not be empty';
  return null;
}
