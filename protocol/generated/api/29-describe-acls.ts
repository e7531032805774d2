// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/29-describe-acls.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface DescribeAclsRequest {
  /** The resource type. */
  resourceTypeFilter: number;
  /** The resource name, or null to match any resource name. */
  resourceNameFilter: string | null;
  /** The resource pattern to match. */
  patternTypeFilter: number;
  /** The principal to match, or null to match any principal. */
  principalFilter: string | null;
  /** The host to match, or null to match any host. */
  hostFilter: string | null;
  /** The operation to match. */
  operation: number;
  /** The permission type to match. */
  permissionType: number;
}

export function defaultDescribeAclsRequest(): DescribeAclsRequest {
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

export function readDescribeAclsRequest(r: Reader, version: number): DescribeAclsRequest {
  const flex = version >= 2;
  const o: DescribeAclsRequest = {
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

export function writeDescribeAclsRequest(w: Writer, v: DescribeAclsRequest, version: number): void {
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

export interface DescribeAclsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage: string | null;
  /** Each Resource that is referenced in an ACL. */
  resources: DescribeAclsResource[];
}

export function defaultDescribeAclsResponse(): DescribeAclsResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: '',
    resources: [],
  };
}

export function readDescribeAclsResponse(r: Reader, version: number): DescribeAclsResponse {
  const flex = version >= 2;
  const o: DescribeAclsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(flex),
    resources: (readArray(r, flex, 1, readDescribeAclsResource, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeAclsResponse(w: Writer, v: DescribeAclsResponse, version: number): void {
  const flex = version >= 2;
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.string(v.errorMessage, flex);
  writeArray(w, v.resources, flex, writeDescribeAclsResource, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribeAclsResource {
  /** The resource type. */
  resourceType: number;
  /** The resource name. */
  resourceName: string;
  /** The resource pattern type. */
  patternType: number;
  /** The ACLs. */
  acls: AclDescription[];
}

export function defaultDescribeAclsResource(): DescribeAclsResource {
  return {
    resourceType: 0,
    resourceName: '',
    patternType: 3,
    acls: [],
  };
}

export function readDescribeAclsResource(r: Reader, version: number): DescribeAclsResource {
  const flex = version >= 2;
  const o: DescribeAclsResource = {
    resourceType: r.int8(),
    resourceName: (r.string(flex) ?? ''),
    patternType: version >= 1 ? r.int8() : 3,
    acls: (readArray(r, flex, 1, readAclDescription, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeAclsResource(w: Writer, v: DescribeAclsResource, version: number): void {
  const flex = version >= 2;
  w.int8(v.resourceType);
  w.string(v.resourceName, flex);
  if (version >= 1) w.int8(v.patternType);
  writeArray(w, v.acls, flex, writeAclDescription, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AclDescription {
  /** The ACL principal. */
  principal: string;
  /** The ACL host. */
  host: string;
  /** The ACL operation. */
  operation: number;
  /** The ACL permission type. */
  permissionType: number;
}

export function defaultAclDescription(): AclDescription {
  return {
    principal: '',
    host: '',
    operation: 0,
    permissionType: 0,
  };
}

export function readAclDescription(r: Reader, version: number): AclDescription {
  const flex = version >= 2;
  const o: AclDescription = {
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

export function writeAclDescription(w: Writer, v: AclDescription, version: number): void {
  const flex = version >= 2;
  w.string(v.principal, flex);
  w.string(v.host, flex);
  w.int8(v.operation);
  w.int8(v.permissionType);
  if (flex) {
    w.uvarint(0);
  }
}

export const DescribeAclsApi: ApiDefinition<DescribeAclsRequest, DescribeAclsResponse> = {
  key: 29,
  name: 'DescribeAcls',
  minVersion: 0,
  maxVersion: 3,
  maxStableVersion: 3,
  flexibleVersion: 2,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readDescribeAclsRequest,
  writeRequest: writeDescribeAclsRequest,
  defaultRequest: defaultDescribeAclsRequest,
  readResponse: readDescribeAclsResponse,
  writeResponse: writeDescribeAclsResponse,
  defaultResponse: defaultDescribeAclsResponse,
};
