// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/30-create-acls.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface CreateAclsRequest {
  /** The ACLs that we want to create. */
  creations: AclCreation[];
}

export function defaultCreateAclsRequest(): CreateAclsRequest {
  return {
    creations: [],
  };
}

export function readCreateAclsRequest(r: Reader, version: number): CreateAclsRequest {
  const flex = version >= 2;
  const o: CreateAclsRequest = {
    creations: (readArray(r, flex, 1, readAclCreation, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCreateAclsRequest(w: Writer, v: CreateAclsRequest, version: number): void {
  const flex = version >= 2;
  writeArray(w, v.creations, flex, writeAclCreation, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AclCreation {
  /** The type of the resource. */
  resourceType: number;
  /** The resource name for the ACL. */
  resourceName: string;
  /** The pattern type for the ACL. */
  resourcePatternType: number;
  /** The principal for the ACL. */
  principal: string;
  /** The host for the ACL. */
  host: string;
  /** The operation type for the ACL (read, write, etc.). */
  operation: number;
  /** The permission type for the ACL (allow, deny, etc.). */
  permissionType: number;
}

export function defaultAclCreation(): AclCreation {
  return {
    resourceType: 0,
    resourceName: '',
    resourcePatternType: 3,
    principal: '',
    host: '',
    operation: 0,
    permissionType: 0,
  };
}

export function readAclCreation(r: Reader, version: number): AclCreation {
  const flex = version >= 2;
  const o: AclCreation = {
    resourceType: r.int8(),
    resourceName: (r.string(flex) ?? ''),
    resourcePatternType: version >= 1 ? r.int8() : 3,
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

export function writeAclCreation(w: Writer, v: AclCreation, version: number): void {
  const flex = version >= 2;
  w.int8(v.resourceType);
  w.string(v.resourceName, flex);
  if (version >= 1) w.int8(v.resourcePatternType);
  w.string(v.principal, flex);
  w.string(v.host, flex);
  w.int8(v.operation);
  w.int8(v.permissionType);
  if (flex) {
    w.uvarint(0);
  }
}

export interface CreateAclsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The results for each ACL creation. */
  results: AclCreationResult[];
}

export function defaultCreateAclsResponse(): CreateAclsResponse {
  return {
    throttleTimeMs: 0,
    results: [],
  };
}

export function readCreateAclsResponse(r: Reader, version: number): CreateAclsResponse {
  const flex = version >= 2;
  const o: CreateAclsResponse = {
    throttleTimeMs: r.int32(),
    results: (readArray(r, flex, 1, readAclCreationResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCreateAclsResponse(w: Writer, v: CreateAclsResponse, version: number): void {
  const flex = version >= 2;
  w.int32(v.throttleTimeMs);
  writeArray(w, v.results, flex, writeAclCreationResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AclCreationResult {
  /** The result error, or zero if there was no error. */
  errorCode: number;
  /** The result message, or null if there was no error. */
  errorMessage: string | null;
}

export function defaultAclCreationResult(): AclCreationResult {
  return {
    errorCode: 0,
    errorMessage: '',
  };
}

export function readAclCreationResult(r: Reader, version: number): AclCreationResult {
  const flex = version >= 2;
  const o: AclCreationResult = {
    errorCode: r.int16(),
    errorMessage: r.string(flex),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAclCreationResult(w: Writer, v: AclCreationResult, version: number): void {
  const flex = version >= 2;
  w.int16(v.errorCode);
  w.string(v.errorMessage, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export const CreateAclsApi: ApiDefinition<CreateAclsRequest, CreateAclsResponse> = {
  key: 30,
  name: 'CreateAcls',
  minVersion: 0,
  maxVersion: 3,
  maxStableVersion: 3,
  flexibleVersion: 2,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readCreateAclsRequest,
  writeRequest: writeCreateAclsRequest,
  defaultRequest: defaultCreateAclsRequest,
  readResponse: readCreateAclsResponse,
  writeResponse: writeCreateAclsResponse,
  defaultResponse: defaultCreateAclsResponse,
};
