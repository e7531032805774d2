// The ACLs of an image by resource, for the authorizer: those that can apply to a resource are
// found by its name (the literal name, the wildcard "*", and the name cut at each length some
// prefixed ACL has) instead of by a walk over every ACL, as Kafka's StandardAuthorizerData finds
// them in its sorted set. A walk cost each check time in proportion to all the cluster's ACLs: a
// Metadata request for many topics with thousands of ACLs defined checked each topic against all.
// Built on first use for each ACL set; images share one set (and so one index) until an ACL changes.
import { PatternType, WILDCARD, type AclEntry } from '../metadata/acls.js';

/** One resource type's ACLs. */
export interface AclsOfType {
  readonly all: readonly AclEntry[];
  /** LITERAL ACLs by resource name ("*" included). */
  readonly literal: ReadonlyMap<string, readonly AclEntry[]>;
  /** PREFIXED ACLs by their prefix. */
  readonly prefixed: ReadonlyMap<string, readonly AclEntry[]>;
  /** The lengths of those prefixes, ascending, each once. */
  readonly prefixLengths: readonly number[];
}

/** ACLs as an image holds them (by id), or as a list. */
export type AclSet = ReadonlyMap<string, AclEntry> | readonly AclEntry[];

const indexes = new WeakMap<AclSet, ReadonlyMap<number, AclsOfType>>();

/** The ACLs of one resource type, or undefined when none names that type. `acls` must not change
 * once indexed (an image's never does). */
export function aclsOfType(acls: AclSet, resourceType: number): AclsOfType | undefined {
  let index = indexes.get(acls);
  if (index === undefined) {
    index = build(acls);
    indexes.set(acls, index);
  }
  return index.get(resourceType);
}

/** Calls `visit` with each list of ACLs whose pattern matches `name`; stops when it returns true. */
export function someMatching(of: AclsOfType, name: string, visit: (acls: readonly AclEntry[]) => boolean): boolean {
  const literal = of.literal.get(name);
  if (literal !== undefined && visit(literal)) return true;
  const wildcard = name === WILDCARD ? undefined : of.literal.get(WILDCARD);
  if (wildcard !== undefined && visit(wildcard)) return true;
  for (const length of of.prefixLengths) {
    if (length > name.length) break;
    const prefixed = of.prefixed.get(length === name.length ? name : name.slice(0, length));
    if (prefixed !== undefined && visit(prefixed)) return true;
  }
  return false;
}

interface Building {
  all: AclEntry[];
  literal: Map<string, AclEntry[]>;
  prefixed: Map<string, AclEntry[]>;
  prefixLengths: number[];
}

function build(acls: AclSet): ReadonlyMap<number, AclsOfType> {
  const byType = new Map<number, Building>();
  for (const acl of Array.isArray(acls) ? acls : (acls as ReadonlyMap<string, AclEntry>).values()) {
    let of = byType.get(acl.resourceType);
    if (of === undefined) byType.set(acl.resourceType, (of = { all: [], literal: new Map(), prefixed: new Map(), prefixLengths: [] }));
    of.all.push(acl);
    const byName = acl.patternType === PatternType.PREFIXED ? of.prefixed : of.literal;
    const list = byName.get(acl.resourceName);
    if (list === undefined) byName.set(acl.resourceName, [acl]);
    else list.push(acl);
  }
  for (const of of byType.values()) {
    of.prefixLengths = [...new Set([...of.prefixed.keys()].map((p) => p.length))].sort((a, b) => a - b);
  }
  return byType;
}
