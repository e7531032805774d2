// `kraftling acls` flags, as kafka-acls names them, and the ACL bindings / filters they describe.
import type { ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
const many = { type: 'string', multiple: true } as const;

export const ACLS_OPTIONS: Options = {
  'bootstrap-server': { type: 'string' },
  add: { type: 'boolean' }, remove: { type: 'boolean' }, list: { type: 'boolean' }, force: { type: 'boolean' },
  'allow-principal': many, 'deny-principal': many, principal: many, 'allow-host': many, 'deny-host': many, operation: many,
  topic: many, group: many, cluster: { type: 'boolean' }, 'transactional-id': many,
  'resource-pattern-type': { type: 'string' }, producer: { type: 'boolean' }, consumer: { type: 'boolean' }, idempotent: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

export const ACLS_HELP = `kraftling acls --bootstrap-server H:P (--add | --remove | --list) [options]

      --bootstrap-server H:P        a broker of the cluster
      --add / --remove / --list     create, delete or show ACLs
      --allow-principal P           principal (User:name) allowed (repeatable)
      --deny-principal P            principal denied (repeatable)
      --principal P                 with --list: only this principal's ACLs
      --allow-host H / --deny-host H  hosts (default *)
      --operation OP                Read, Write, Create, Delete, Alter, Describe, ClusterAction,
                                    DescribeConfigs, AlterConfigs, IdempotentWrite, CreateTokens,
                                    DescribeTokens or All (default All; repeatable)
      --topic T / --group G / --transactional-id T / --cluster   the resources (repeatable)
      --resource-pattern-type TYPE  literal (default), prefixed; with --list/--remove also any, match
      --producer / --consumer       the ACLs a producer / consumer needs (with --topic, --group)
      --idempotent                  with --producer: IdempotentWrite on the cluster
      --force                       accepted (removal never prompts here)`;

const OPERATIONS: Record<string, number> = {
  any: 1, all: 2, read: 3, write: 4, create: 5, delete: 6, alter: 7, describe: 8, clusteraction: 9,
  describeconfigs: 10, alterconfigs: 11, idempotentwrite: 12, createtokens: 13, describetokens: 14,
};
const PATTERN_TYPES: Record<string, number> = { any: 1, match: 2, literal: 3, prefixed: 4 };
export const NAMES = {
  resource: ['UNKNOWN', 'ANY', 'TOPIC', 'GROUP', 'CLUSTER', 'TRANSACTIONAL_ID', 'DELEGATION_TOKEN', 'USER'],
  pattern: ['UNKNOWN', 'ANY', 'MATCH', 'LITERAL', 'PREFIXED'],
  operation: ['UNKNOWN', 'ANY', 'ALL', 'READ', 'WRITE', 'CREATE', 'DELETE', 'ALTER', 'DESCRIBE', 'CLUSTER_ACTION',
    'DESCRIBE_CONFIGS', 'ALTER_CONFIGS', 'IDEMPOTENT_WRITE', 'CREATE_TOKENS', 'DESCRIBE_TOKENS'],
  permission: ['UNKNOWN', 'ANY', 'DENY', 'ALLOW'],
};

export interface Resource { resourceType: number; resourceName: string; patternType: number }
export interface Entry { principal: string; host: string; operation: number; permissionType: number }

export class UsageError extends Error {}

const strings = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);

export function patternType(values: Record<string, unknown>, forAdd: boolean): number {
  const name = String(values['resource-pattern-type'] ?? 'literal').toLowerCase();
  const code = PATTERN_TYPES[name];
  if (code === undefined || (forAdd && code < 3)) throw new UsageError(`--resource-pattern-type ${name} is not valid${forAdd ? ' with --add' : ''}`);
  return code;
}

export function resources(values: Record<string, unknown>, pattern: number): Resource[] {
  const out: Resource[] = [];
  for (const t of strings(values.topic)) out.push({ resourceType: 2, resourceName: t, patternType: pattern });
  for (const g of strings(values.group)) out.push({ resourceType: 3, resourceName: g, patternType: pattern });
  for (const t of strings(values['transactional-id'])) out.push({ resourceType: 5, resourceName: t, patternType: pattern });
  if (values.cluster) out.push({ resourceType: 4, resourceName: 'kafka-cluster', patternType: 3 });
  return out;
}

function operations(values: Record<string, unknown>): number[] {
  const given = strings(values.operation);
  if (given.length === 0) return [2];
  return given.map((op) => {
    const code = OPERATIONS[op.toLowerCase().replace(/[-_]/g, '')];
    if (code === undefined || code === 1) throw new UsageError(`unknown --operation ${op}`);
    return code;
  });
}

/** The entries the principal/host/operation flags name, for one resource. */
export function entries(values: Record<string, unknown>, ops = operations(values)): Entry[] {
  const out: Entry[] = [];
  const side = (principals: string[], hosts: string[], permissionType: number) => {
    for (const principal of principals) {
      if (!principal.includes(':')) throw new UsageError(`principal ${principal} must look like User:name`);
      for (const host of hosts.length > 0 ? hosts : ['*']) for (const operation of ops) out.push({ principal, host, operation, permissionType });
    }
  };
  side(strings(values['allow-principal']), strings(values['allow-host']), 3);
  side(strings(values['deny-principal']), strings(values['deny-host']), 2);
  return out;
}

/** --producer / --consumer: kafka-acls' convenience sets, as bindings. */
export function convenienceBindings(values: Record<string, unknown>, pattern: number): (Resource & Entry)[] {
  const out: (Resource & Entry)[] = [];
  const add = (res: Resource[], ops: number[]) => {
    for (const r of res) for (const e of entries(values, ops)) out.push({ ...r, ...e });
  };
  const topics = strings(values.topic).map((t) => ({ resourceType: 2, resourceName: t, patternType: pattern }));
  if (values.producer) {
    add(topics, [4, 8, 5]);
    add(strings(values['transactional-id']).map((t) => ({ resourceType: 5, resourceName: t, patternType: pattern })), [4, 8]);
    if (values.idempotent) add([{ resourceType: 4, resourceName: 'kafka-cluster', patternType: 3 }], [12]);
  }
  if (values.consumer) {
    add(topics, [3, 8]);
    add(strings(values.group).map((g) => ({ resourceType: 3, resourceName: g, patternType: pattern })), [3]);
  }
  return out;
}

export function describeResource(r: Resource): string {
  return `ResourcePattern(resourceType=${NAMES.resource[r.resourceType]}, name=${r.resourceName}, patternType=${NAMES.pattern[r.patternType]})`;
}

export function describeEntry(e: Entry): string {
  return `(principal=${e.principal}, host=${e.host}, operation=${NAMES.operation[e.operation]}, permissionType=${NAMES.permission[e.permissionType]})`;
}
