// CreateAcls and DeleteAcls on the active controller, as Kafka's AclControlManager: each valid new
// binding becomes an AccessControlEntryRecord with a fresh id (a binding already stored is not
// stored twice), and each ACL a DeleteAcls filter matches becomes a RemoveAccessControlEntryRecord.
// All records of one request commit as one batch. The broker checks ALTER on the cluster first.
import type { CreateAclsRequest, CreateAclsResponse } from '../../protocol/generated/api/30-create-acls.js';
import type { DeleteAclsRequest, DeleteAclsResponse, DeleteAclsMatchingAcl } from '../../protocol/generated/api/31-delete-acls.js';
import { ErrorCode } from '../../protocol/errors.js';
import { filterMatches, invalidAcl, PatternType, ResourceType, type AclEntry } from '../metadata/acls.js';
import type { MetadataImage } from '../metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../metadata/records.js';
import { newTopicId, type ControllerEnv, type ControllerResult } from './env.js';

export function createAcls(env: ControllerEnv, image: MetadataImage, req: CreateAclsRequest): ControllerResult<CreateAclsResponse> {
  const records: MetadataRecord[] = [];
  const stored = new Set([...image.acls.values()].map(bindingKey));
  const results = req.creations.map((c) => {
    const binding = {
      resourceType: c.resourceType, resourceName: c.resourceName, patternType: c.resourcePatternType,
      principal: c.principal, host: c.host, operation: c.operation, permissionType: c.permissionType,
    };
    const problem = invalidAcl(binding);
    if (problem) return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: problem };
    const key = bindingKey(binding);
    if (!stored.has(key)) {
      stored.add(key);
      records.push(record(MetadataRecordType.ACCESS_CONTROL_ENTRY, { id: newAclId(env, image, records), ...binding }));
    }
    return { errorCode: ErrorCode.NONE, errorMessage: null };
  });
  return { records, response: { throttleTimeMs: 0, results } };
}

export function deleteAcls(_env: ControllerEnv, image: MetadataImage, req: DeleteAclsRequest): ControllerResult<DeleteAclsResponse> {
  const records: MetadataRecord[] = [];
  const removed = new Set<string>();
  const filterResults = req.filters.map((f) => {
    const filter = {
      resourceType: f.resourceTypeFilter, resourceName: f.resourceNameFilter, patternType: f.patternTypeFilter,
      principal: f.principalFilter, host: f.hostFilter, operation: f.operation, permissionType: f.permissionType,
    };
    if (filter.resourceType === ResourceType.UNKNOWN || filter.patternType === PatternType.UNKNOWN) {
      return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Filters with UNKNOWN types are not allowed', matchingAcls: [] };
    }
    const matchingAcls: DeleteAclsMatchingAcl[] = [];
    for (const acl of image.acls.values()) {
      if (!filterMatches(filter, acl)) continue;
      matchingAcls.push({ errorCode: ErrorCode.NONE, errorMessage: null, ...describeAcl(acl) });
      // A binding two filters match is removed once, and reported by both (as Kafka does).
      if (!removed.has(acl.id)) {
        removed.add(acl.id);
        records.push(record(MetadataRecordType.REMOVE_ACCESS_CONTROL_ENTRY, { id: acl.id }));
      }
    }
    return { errorCode: ErrorCode.NONE, errorMessage: null, matchingAcls };
  });
  return { records, response: { throttleTimeMs: 0, filterResults } };
}

function describeAcl(acl: AclEntry): Omit<AclEntry, 'id'> {
  const { id: _id, ...rest } = acl;
  return rest;
}

function bindingKey(b: Omit<AclEntry, 'id'>): string {
  return JSON.stringify([b.resourceType, b.resourceName, b.patternType, b.principal, b.host, b.operation, b.permissionType]);
}

function newAclId(env: ControllerEnv, image: MetadataImage, pending: MetadataRecord[]): string {
  for (;;) {
    const id = newTopicId(env.random, image);
    const clash = image.acls.has(id) || pending.some((r) => r.type === MetadataRecordType.ACCESS_CONTROL_ENTRY && r.data.id === id);
    if (!clash) return id;
  }
}
