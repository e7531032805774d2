// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/42-delete-groups.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readStringArray, writeStringArray } from '../scalar-arrays.js';

export interface DeleteGroupsRequest {
  /** The group names to delete. */
  groupsNames: string[];
}

export function defaultDeleteGroupsRequest(): DeleteGroupsRequest {
  return {
    groupsNames: [],
  };
}

export function readDeleteGroupsRequest(r: Reader, version: number): DeleteGroupsRequest {
  const flex = version >= 2;
  const o: DeleteGroupsRequest = {
    groupsNames: (readStringArray(r, flex) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeleteGroupsRequest(w: Writer, v: DeleteGroupsRequest, version: number): void {
  const flex = version >= 2;
  writeStringArray(w, v.groupsNames, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DeleteGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The deletion results */
  results: DeletableGroupResult[];
}

export function defaultDeleteGroupsResponse(): DeleteGroupsResponse {
  return {
    throttleTimeMs: 0,
    results: [],
  };
}

export function readDeleteGroupsResponse(r: Reader, version: number): DeleteGroupsResponse {
  const flex = version >= 2;
  const o: DeleteGroupsResponse = {
    throttleTimeMs: r.int32(),
    results: (readArray(r, flex, 1, readDeletableGroupResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeleteGroupsResponse(w: Writer, v: DeleteGroupsResponse, version: number): void {
  const flex = version >= 2;
  w.int32(v.throttleTimeMs);
  writeArray(w, v.results, flex, writeDeletableGroupResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DeletableGroupResult {
  /** The group id */
  groupId: string;
  /** The deletion error, or 0 if the deletion succeeded. */
  errorCode: number;
}

export function defaultDeletableGroupResult(): DeletableGroupResult {
  return {
    groupId: '',
    errorCode: 0,
  };
}

export function readDeletableGroupResult(r: Reader, version: number): DeletableGroupResult {
  const flex = version >= 2;
  const o: DeletableGroupResult = {
    groupId: (r.string(flex) ?? ''),
    errorCode: r.int16(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeletableGroupResult(w: Writer, v: DeletableGroupResult, version: number): void {
  const flex = version >= 2;
  w.string(v.groupId, flex);
  w.int16(v.errorCode);
  if (flex) {
    w.uvarint(0);
  }
}

export const DeleteGroupsApi: ApiDefinition<DeleteGroupsRequest, DeleteGroupsResponse> = {
  key: 42,
  name: 'DeleteGroups',
  minVersion: 0,
  maxVersion: 2,
  maxStableVersion: 2,
  flexibleVersion: 2,
  listeners: ['zkBroker', 'broker'],
  readRequest: readDeleteGroupsRequest,
  writeRequest: writeDeleteGroupsRequest,
  defaultRequest: defaultDeleteGroupsRequest,
  readResponse: readDeleteGroupsResponse,
  writeResponse: writeDeleteGroupsResponse,
  defaultResponse: defaultDeleteGroupsResponse,
};
