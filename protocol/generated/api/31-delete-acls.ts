// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/31-delete-acls.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface DeleteAclsRequest {
  /** The filters to use when deleting ACLs. */
  filters: DeleteAclsFilter[];
}

export function defaultDeleteAclsRequest(): DeleteAclsRequest {
  return {
    filters: [],
  };
}

export function readDeleteAclsRequest(r: Reader, version: number): DeleteAclsRequest {
  const flex = version >= 2;
  const o: DeleteAclsRequest = {
    filters: (readArray(r, flex, 1, readDeleteAclsFilter, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeleteAclsRequest(w: Writer, v: DeleteAclsRequest, version: number): void {
  const flex = version >= 2;
  writeArray(w, v.filters, flex, writeDeleteAclsFilter, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DeleteAclsFilter {
  /** The resource type. */
  resourceTypeFilter: number;
  /** The resource name. */
  resourceNameFilter: string | null;
  /** The pattern type. */
  patternTypeFilter: number;
  /** The principal filter, or null to accept all principals. */
  principalFilter: string | null;
  /** The host filter, or null to accept all hosts. */
  hostFilter: string | null;
  /** The ACL operation. */
  operation: number;
  /** The permission type. */
  permissionType: number;
}

export function defaultDeleteAclsFilter(): DeleteAclsFilter {
  return {
    resourceTypeFilter: 0,
    resourceNameFilter: '',
    patternTypeFilter: 3,
    principalFilter: '',
    hostFilter: '',
    operation: 0,
    permissionType: 0,
  };
}

export function readDeleteAclsFilter(r: Reader, version: number): DeleteAclsFilter {
  const flex = version >= 2;
  const o: DeleteAclsFilter = {
    resourceTypeFilter: r.int8(),
    resourceNameFilter: r.string(flex),
    patternTypeFilter: version >= 1 ? r.int8() : 3,
    principalFilter: r.string(flex),
    hostFilter: r.string(flex),
    operation: r.int8(),
    permissionType: r.int8(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeleteAclsFilter(w: Writer, v: DeleteAclsFilter, version: number): void {
  const flex = version >= 2;
  w.int8(v.resourceTypeFilter);
  w.string(v.resourceNameFilter, flex);
  if (version >= 1) w.int8(v.patternTypeFilter);
  w.string(v.principalFilter, flex);
  w.string(v.hostFilter, flex);
  w.int8(v.operation);
  w.int8(v.permissionType);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DeleteAclsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The results for each filter. */
  filterResults: DeleteAclsFilterResult[];
}

export function defaultDeleteAclsResponse(): DeleteAclsResponse {
  return {
    throttleTimeMs: 0,
    filterResults: [],
  };
}

export function readDeleteAclsResponse(r: Reader, version: number): DeleteAclsResponse {
  const flex = version >= 2;
  const o: DeleteAclsResponse = {
    throttleTimeMs: r.int32(),
    filterResults: (readArray(r, flex, 1, readDeleteAclsFilterResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeleteAclsResponse(w: Writer, v: DeleteAclsResponse, version: number): void {
  const flex = version >= 2;
  w.int32(v.throttleTimeMs);
  writeArray(w, v.filterResults, flex, writeDeleteAclsFilterResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DeleteAclsFilterResult {
  /** The error code, or 0 if the filter succeeded. */
  errorCode: number;
  /** The error message, or null if the filter succeeded. */
  errorMessage: string | null;
  /** The ACLs which matched this filter. */
  matchingAcls: DeleteAclsMatchingAcl[];
}

export function defaultDeleteAclsFilterResult(): DeleteAclsFilterResult {
  return {
    errorCode: 0,
    errorMessage: '',
    matchingAcls: [],
  };
}

export function readDeleteAclsFilterResult(r: Reader, version: number): DeleteAclsFilterResult {
  const flex = version >= 2;
  const o: DeleteAclsFilterResult = {
    errorCode: r.int16(),
    errorMessage: r.string(flex),
    matchingAcls: (readArray(r, flex, 1, readDeleteAclsMatchingAcl, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeleteAclsFilterResult(w: Writer, v: DeleteAclsFilterResult, version: number): void {
  const flex = version >= 2;
  w.int16(v.errorCode);
  w.string(v.errorMessage, flex);
  writeArray(w, v.matchingAcls, flex, writeDeleteAclsMatchingAcl, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DeleteAclsMatchingAcl {
  /** The deletion error code, or 0 if the deletion succeeded. */
  errorCode: number;
  /** The deletion error message, or null if the deletion succeeded. */
  errorMessage: string | null;
  /** The ACL resource type. */
  resourceType: number;
  /** The ACL resource name. */
  resourceName: string;
  /** The ACL resource pattern type. */
  patternType: number;
  /** The ACL principal. */
  principal: string;
  /** The ACL host. */
  host: string;
  /** The ACL operation. */
  operation: number;
  /** The ACL permission type. */
  permissionType: number;
}

export function defaultDeleteAclsMatchingAcl(): DeleteAclsMatchingAcl {
  return {
    errorCode: 0,
    errorMessage: '',
    resourceType: 0,
    resourceName: '',
    patternType: 3,
    principal: '',
    host: '',
    operation: 0,
    permissionType: 0,
  };
}

export function readDeleteAclsMatchingAcl(r: Reader, version: number): DeleteAclsMatchingAcl {
  const flex = version >= 2;
  const o: DeleteAclsMatchingAcl = {
    errorCode: r.int16(),
    errorMessage: r.string(flex),
    resourceType: r.int8(),
    resourceName: (r.string(flex) ?? ''),
    patternType: version >= 1 ? r.int8() : 3,
    principal: (r.string(flex) ?? ''),
    host: (r.string(flex) ?? ''),
    operation: r.int8(),
    permissionType: r.int8(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeleteAclsMatchingAcl(w: Writer, v: DeleteAclsMatchingAcl, version: number): void {
  const flex = version >= 2;
  w.int16(v.errorCode);
  w.string(v.errorMessage, flex);
  w.int8(v.resourceType);
  w.string(v.resourceName, flex);
  if (version >= 1) w.int8(v.patternType);
  w.string(v.principal, flex);
  w.string(v.host, flex);
  w.int8(v.operation);
  w.int8(v.permissionType);
  if (flex) {
    w.uvarint(0);
  }
}

export const DeleteAclsApi: ApiDefinition<DeleteAclsRequest, DeleteAclsResponse> = {
  key: 31,
  name: 'DeleteAcls',
  minVersion: 0,
  maxVersion: 3,
  maxStableVersion: 3,
  flexibleVersion: 2,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readDeleteAclsRequest,
  writeRequest: writeDeleteAclsRequest,
  defaultRequest: defaultDeleteAclsRequest,
  readResponse: readDeleteAclsResponse,
  writeResponse: writeDeleteAclsResponse,
  defaultResponse: defaultDeleteAclsResponse,
};
