// `kraftling acls`: kafka-acls over the Kafka protocol only (CreateAcls, DeleteAcls, DescribeAcls
// through the project's codecs), printing what kafka-acls prints.
import { CreateAclsApi } from '../protocol/generated/api/30-create-acls.js';
import { DeleteAclsApi, type DeleteAclsFilter } from '../protocol/generated/api/31-delete-acls.js';
import { DescribeAclsApi } from '../protocol/generated/api/29-describe-acls.js';
import { errorName } from '../protocol/errors.js';
import { PeerClient } from '../src/node/peer-client.js';
import {
  convenienceBindings, describeEntry, describeResource, entries, patternType, resources, UsageError, type Entry, type Resource,
} from './acls-options.js';

const TIMEOUT_MS = 10_000;
type Address = { host: string; port: number };

function address(bootstrap: string): Address {
  const m = /^(.*):(\d+)$/.exec(bootstrap.split(',')[0]!.trim());
  if (!m) throw new UsageError(`--bootstrap-server takes host:port, got "${bootstrap}"`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

export async function runAcls(values: Record<string, unknown>): Promise<number> {
  const actions = ['add', 'remove', 'list'].filter((a) => values[a]);
  const peers = new PeerClient('kraftling-acls');
  try {
    if (actions.length !== 1) throw new UsageError('exactly one of --add, --remove or --list is required');
    if (typeof values['bootstrap-server'] !== 'string') throw new UsageError('--bootstrap-server host:port is required');
    const at = address(values['bootstrap-server']);
    if (values.add) return await add(peers, at, values);
    if (values.remove) return await remove(peers, at, values);
    return await list(peers, at, values, null);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`kraftling acls: ${err.message}\n`);
    return 2;
  } finally {
    peers.close();
  }
}

async function add(peers: PeerClient, at: Address, values: Record<string, unknown>): Promise<number> {
  const pattern = patternType(values, true);
  const convenience = Boolean(values.producer || values.consumer);
  const bindings = convenience ? convenienceBindings(values, pattern) : resources(values, pattern).flatMap((r) => entries(values).map((e) => ({ ...r, ...e })));
  if (bindings.length === 0) throw new UsageError('--add needs a resource (--topic, --group, --cluster, --transactional-id) and a principal');
  for (const [key, group] of grouped(bindings)) process.stdout.write(`Adding ACLs for resource \`${key}\`: \n${group.map((e) => ` \t${describeEntry(e)} \n`).join('')}\n`);
  const res = await peers.request(at, CreateAclsApi, 3, {
    creations: bindings.map((b) => ({ ...b, resourcePatternType: b.patternType })),
  }, TIMEOUT_MS);
  const failed = res.results.filter((r) => r.errorCode !== 0);
  for (const r of failed) process.stderr.write(`Error while adding ACLs: ${errorName(r.errorCode)}${r.errorMessage ? `: ${r.errorMessage}` : ''}\n`);
  if (failed.length > 0) return 1;
  return list(peers, at, values, [...new Map(bindings.map((b) => [describeResource(b), b as Resource])).values()]);
}

async function remove(peers: PeerClient, at: Address, values: Record<string, unknown>): Promise<number> {
  const pattern = patternType(values, false);
  const targets = resources(values, pattern);
  if (targets.length === 0) throw new UsageError('--remove needs a resource (--topic, --group, --cluster, --transactional-id)');
  const named = entries(values);
  const everything = { principalFilter: null, hostFilter: null, operation: 1, permissionType: 1 } as const;
  const filters = targets.flatMap((r): DeleteAclsFilter[] => {
    const resource = { resourceTypeFilter: r.resourceType, resourceNameFilter: r.resourceName, patternTypeFilter: r.patternType };
    if (named.length === 0) return [{ ...resource, ...everything }];
    return named.map((e) => ({ ...resource, principalFilter: e.principal, hostFilter: e.host, operation: e.operation, permissionType: e.permissionType }));
  });
  const res = await peers.request(at, DeleteAclsApi, 3, { filters }, TIMEOUT_MS);
  let code = 0;
  for (const f of res.filterResults) {
    if (f.errorCode !== 0) {
      process.stderr.write(`Error while removing ACLs: ${errorName(f.errorCode)}${f.errorMessage ? `: ${f.errorMessage}` : ''}\n`);
      code = 1;
    }
    for (const a of f.matchingAcls) process.stdout.write(`Removed ${describeEntry(a)} from ${describeResource(a)}\n`);
  }
  return code;
}

async function list(peers: PeerClient, at: Address, values: Record<string, unknown>, only: Resource[] | null): Promise<number> {
  const targets = only ?? resources(values, patternType(values, false));
  const principals: (string | null)[] = (values.principal as string[] | undefined) ?? [null];
  const filters = (targets.length > 0 ? targets : [{ resourceType: 1, resourceName: null, patternType: 1 }] as { resourceType: number; resourceName: string | null; patternType: number }[]).flatMap((r) =>
    principals.map((principal) => ({
      resourceTypeFilter: r.resourceType, resourceNameFilter: r.resourceName, patternTypeFilter: only ? r.patternType : (targets.length > 0 ? r.patternType : 1),
      principalFilter: principal, hostFilter: null, operation: 1, permissionType: 1,
    })));
  for (const filter of filters) {
    const res = await peers.request(at, DescribeAclsApi, 3, filter, TIMEOUT_MS);
    if (res.errorCode !== 0) {
      process.stderr.write(`Error while listing ACLs: ${errorName(res.errorCode)}${res.errorMessage ? `: ${res.errorMessage}` : ''}\n`);
      return 1;
    }
    for (const r of res.resources) {
      const resource = { resourceType: r.resourceType, resourceName: r.resourceName, patternType: r.patternType };
      process.stdout.write(`Current ACLs for resource \`${describeResource(resource)}\`: \n${r.acls.map((e) => ` \t${describeEntry(e)} \n`).join('')}\n`);
    }
  }
  return 0;
}

function grouped(bindings: (Resource & Entry)[]): Map<string, Entry[]> {
  const out = new Map<string, Entry[]>();
  for (const b of bindings) {
    const key = describeResource(b);
    out.set(key, [...(out.get(key) ?? []), b]);
  }
  return out;
}
