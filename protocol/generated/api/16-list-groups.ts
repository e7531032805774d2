// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/16-list-groups.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readStringArray, writeStringArray } from '../scalar-arrays.js';

export interface ListGroupsRequest {
  /** The states of the groups we want to list. If empty, all groups are returned with their state. */
  statesFilter: string[];
  /** The types of the groups we want to list. If empty, all groups are returned with their type. */
  typesFilter: string[];
}

export function defaultListGroupsRequest(): ListGroupsRequest {
  return {
    statesFilter: [],
    typesFilter: [],
  };
}

export function readListGroupsRequest(r: Reader, version: number): ListGroupsRequest {
  const flex = version >= 3;
  const o: ListGroupsRequest = {
    statesFilter: version >= 4 ? (readStringArray(r, flex) ?? []) : [],
    typesFilter: version >= 5 ? (readStringArray(r, flex) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeListGroupsRequest(w: Writer, v: ListGroupsRequest, version: number): void {
  const flex = version >= 3;
  if (version >= 4) writeStringArray(w, v.statesFilter, flex);
  if (version >= 5) writeStringArray(w, v.typesFilter, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface ListGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** Each group in the response. */
  groups: ListedGroup[];
}

export function defaultListGroupsResponse(): ListGroupsResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    groups: [],
  };
}

export function readListGroupsResponse(r: Reader, version: number): ListGroupsResponse {
  const flex = version >= 3;
  const o: ListGroupsResponse = {
    throttleTimeMs: version >= 1 ? r.int32() : 0,
    errorCode: r.int16(),
    groups: (readArray(r, flex, 1, readListedGroup, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeListGroupsResponse(w: Writer, v: ListGroupsResponse, version: number): void {
  const flex = version >= 3;
  if (version >= 1) w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  writeArray(w, v.groups, flex, writeListedGroup, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface ListedGroup {
  /** The group ID. */
  groupId: string;
  /** The group protocol type. */
  protocolType: string;
  /** The group state name. */
  groupState: string;
  /** The group type name. */
  groupType: string;
}

export function defaultListedGroup(): ListedGroup {
  return {
    groupId: '',
    protocolType: '',
    groupState: '',
    groupType: '',
  };
}

export function readListedGroup(r: Reader, version: number): ListedGroup {
  const flex = version >= 3;
  const o: ListedGroup = {
    groupId: (r.string(flex) ?? ''),
    protocolType: (r.string(flex) ?? ''),
    groupState: version >= 4 ? (r.string(flex) ?? '') : '',
    groupType: version >= 5 ? (r.string(flex) ?? '') : '',
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeListedGroup(w: Writer, v: ListedGroup, version: number): void {
  const flex = version >= 3;
  w.string(v.groupId, flex);
  w.string(v.protocolType, flex);
  if (version >= 4) w.string(v.groupState, flex);
  if (version >= 5) w.string(v.groupType, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export const ListGroupsApi: ApiDefinition<ListGroupsRequest, ListGroupsResponse> = {
  key: 16,
  name: 'ListGroups',
  minVersion: 0,
  maxVersion: 5,
  maxStableVersion: 5,
  flexibleVersion: 3,
  listeners: ['zkBroker', 'broker'],
  readRequest: readListGroupsRequest,
  writeRequest: writeListGroupsRequest,
  defaultRequest: defaultListGroupsRequest,
  readResponse: readListGroupsResponse,
  writeResponse: writeListGroupsResponse,
  defaultResponse: defaultListGroupsResponse,
};
