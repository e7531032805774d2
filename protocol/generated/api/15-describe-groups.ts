// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/15-describe-groups.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { EMPTY_BYTES, readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readStringArray, writeStringArray } from '../scalar-arrays.js';

export interface DescribeGroupsRequest {
  /** The names of the groups to describe */
  groups: string[];
  /** Whether to include authorized operations. */
  includeAuthorizedOperations: boolean;
}

export function defaultDescribeGroupsRequest(): DescribeGroupsRequest {
  return {
    groups: [],
    includeAuthorizedOperations: false,
  };
}

export function readDescribeGroupsRequest(r: Reader, version: number): DescribeGroupsRequest {
  const flex = version >= 5;
  const o: DescribeGroupsRequest = {
    groups: (readStringArray(r, flex) ?? []),
    includeAuthorizedOperations: version >= 3 ? r.bool() : false,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeGroupsRequest(w: Writer, v: DescribeGroupsRequest, version: number): void {
  const flex = version >= 5;
  writeStringArray(w, v.groups, flex);
  if (version >= 3) w.bool(v.includeAuthorizedOperations);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribeGroupsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** Each described group. */
  groups: DescribedGroup[];
}

export function defaultDescribeGroupsResponse(): DescribeGroupsResponse {
  return {
    throttleTimeMs: 0,
    groups: [],
  };
}

export function readDescribeGroupsResponse(r: Reader, version: number): DescribeGroupsResponse {
  const flex = version >= 5;
  const o: DescribeGroupsResponse = {
    throttleTimeMs: version >= 1 ? r.int32() : 0,
    groups: (readArray(r, flex, 1, readDescribedGroup, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeGroupsResponse(w: Writer, v: DescribeGroupsResponse, version: number): void {
  const flex = version >= 5;
  if (version >= 1) w.int32(v.throttleTimeMs);
  writeArray(w, v.groups, flex, writeDescribedGroup, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribedGroup {
  /** The describe error, or 0 if there was no error. */
  errorCode: number;
  /** The group ID string. */
  groupId: string;
  /** The group state string, or the empty string. */
  groupState: string;
  /** The group protocol type, or the empty string. */
  protocolType: string;
  /** The group protocol data, or the empty string. */
  protocolData: string;
  /** The group members. */
  members: DescribedGroupMember[];
  /** 32-bit bitfield to represent authorized operations for this group. */
  authorizedOperations: number;
}

export function defaultDescribedGroup(): DescribedGroup {
  return {
    errorCode: 0,
    groupId: '',
    groupState: '',
    protocolType: '',
    protocolData: '',
    members: [],
    authorizedOperations: -2147483648,
  };
}

export function readDescribedGroup(r: Reader, version: number): DescribedGroup {
  const flex = version >= 5;
  const o: DescribedGroup = {
    errorCode: r.int16(),
    groupId: (r.string(flex) ?? ''),
    groupState: (r.string(flex) ?? ''),
    protocolType: (r.string(flex) ?? ''),
    protocolData: (r.string(flex) ?? ''),
    members: (readArray(r, flex, 1, readDescribedGroupMember, version) ?? []),
    authorizedOperations: version >= 3 ? r.int32() : -2147483648,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribedGroup(w: Writer, v: DescribedGroup, version: number): void {
  const flex = version >= 5;
  w.int16(v.errorCode);
  w.string(v.groupId, flex);
  w.string(v.groupState, flex);
  w.string(v.protocolType, flex);
  w.string(v.protocolData, flex);
  writeArray(w, v.members, flex, writeDescribedGroupMember, version);
  if (version >= 3) w.int32(v.authorizedOperations);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribedGroupMember {
  /** The member ID assigned by the group coordinator. */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId: string | null;
  /** The client ID used in the member's latest join group request. */
  clientId: string;
  /** The client host. */
  clientHost: string;
  /** The metadata corresponding to the current group protocol in use. */
  memberMetadata: Buffer;
  /** The current assignment provided by the group leader. */
  memberAssignment: Buffer;
}

export function defaultDescribedGroupMember(): DescribedGroupMember {
  return {
    memberId: '',
    groupInstanceId: null,
    clientId: '',
    clientHost: '',
    memberMetadata: EMPTY_BYTES,
    memberAssignment: EMPTY_BYTES,
  };
}

export function readDescribedGroupMember(r: Reader, version: number): DescribedGroupMember {
  const flex = version >= 5;
  const o: DescribedGroupMember = {
    memberId: (r.string(flex) ?? ''),
    groupInstanceId: version >= 4 ? r.string(flex) : null,
    clientId: (r.string(flex) ?? ''),
    clientHost: (r.string(flex) ?? ''),
    memberMetadata: (r.bytes(flex) ?? EMPTY_BYTES),
    memberAssignment: (r.bytes(flex) ?? EMPTY_BYTES),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribedGroupMember(w: Writer, v: DescribedGroupMember, version: number): void {
  const flex = version >= 5;
  w.string(v.memberId, flex);
  if (version >= 4) w.string(v.groupInstanceId, flex);
  w.string(v.clientId, flex);
  w.string(v.clientHost, flex);
  w.bytes(v.memberMetadata, flex);
  w.bytes(v.memberAssignment, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export const DescribeGroupsApi: ApiDefinition<DescribeGroupsRequest, DescribeGroupsResponse> = {
  key: 15,
  name: 'DescribeGroups',
  minVersion: 0,
  maxVersion: 5,
  maxStableVersion: 5,
  flexibleVersion: 5,
  listeners: ['zkBroker', 'broker'],
  readRequest: readDescribeGroupsRequest,
  writeRequest: writeDescribeGroupsRequest,
  defaultRequest: defaultDescribeGroupsRequest,
  readResponse: readDescribeGroupsResponse,
  writeResponse: writeDescribeGroupsResponse,
  defaultResponse: defaultDescribeGroupsResponse,
};
