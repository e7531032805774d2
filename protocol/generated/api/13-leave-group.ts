// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/13-leave-group.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface LeaveGroupRequest {
  /** The ID of the group to leave. */
  groupId: string;
  /** The member ID to remove from the group. */
  memberId: string;
  /** List of leaving member identities. */
  members: MemberIdentity[];
}

export function defaultLeaveGroupRequest(): LeaveGroupRequest {
  return {
    groupId: '',
    memberId: '',
    members: [],
  };
}

export function readLeaveGroupRequest(r: Reader, version: number): LeaveGroupRequest {
  const flex = version >= 4;
  const o: LeaveGroupRequest = {
    groupId: (r.string(flex) ?? ''),
    memberId: version <= 2 ? (r.string(flex) ?? '') : '',
    members: version >= 3 ? (readArray(r, flex, 1, readMemberIdentity, version) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeLeaveGroupRequest(w: Writer, v: LeaveGroupRequest, version: number): void {
  const flex = version >= 4;
  w.string(v.groupId, flex);
  if (version <= 2) w.string(v.memberId, flex);
  if (version >= 3) writeArray(w, v.members, flex, writeMemberIdentity, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface MemberIdentity {
  /** The member ID to remove from the group. */
  memberId: string;
  /** The group instance ID to remove from the group. */
  groupInstanceId: string | null;
  /** The reason why the member left the group. */
  reason: string | null;
}

export function defaultMemberIdentity(): MemberIdentity {
  return {
    memberId: '',
    groupInstanceId: null,
    reason: null,
  };
}

export function readMemberIdentity(r: Reader, version: number): MemberIdentity {
  const flex = version >= 4;
  const o: MemberIdentity = {
    memberId: version >= 3 ? (r.string(flex) ?? '') : '',
    groupInstanceId: version >= 3 ? r.string(flex) : null,
    reason: version >= 5 ? r.string(flex) : null,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeMemberIdentity(w: Writer, v: MemberIdentity, version: number): void {
  const flex = version >= 4;
  if (version >= 3) w.string(v.memberId, flex);
  if (version >= 3) w.string(v.groupInstanceId, flex);
  if (version >= 5) w.string(v.reason, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface LeaveGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** List of leaving member responses. */
  members: MemberResponse[];
}

export function defaultLeaveGroupResponse(): LeaveGroupResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    members: [],
  };
}

export function readLeaveGroupResponse(r: Reader, version: number): LeaveGroupResponse {
  const flex = version >= 4;
  const o: LeaveGroupResponse = {
    throttleTimeMs: version >= 1 ? r.int32() : 0,
    errorCode: r.int16(),
    members: version >= 3 ? (readArray(r, flex, 1, readMemberResponse, version) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeLeaveGroupResponse(w: Writer, v: LeaveGroupResponse, version: number): void {
  const flex = version >= 4;
  if (version >= 1) w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  if (version >= 3) writeArray(w, v.members, flex, writeMemberResponse, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface MemberResponse {
  /** The member ID to remove from the group. */
  memberId: string;
  /** The group instance ID to remove from the group. */
  groupInstanceId: string | null;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
}

export function defaultMemberResponse(): MemberResponse {
  return {
    memberId: '',
    groupInstanceId: '',
    errorCode: 0,
  };
}

export function readMemberResponse(r: Reader, version: number): MemberResponse {
  const flex = version >= 4;
  const o: MemberResponse = {
    memberId: version >= 3 ? (r.string(flex) ?? '') : '',
    groupInstanceId: version >= 3 ? r.string(flex) : '',
    errorCode: version >= 3 ? r.int16() : 0,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeMemberResponse(w: Writer, v: MemberResponse, version: number): void {
  const flex = version >= 4;
  if (version >= 3) w.string(v.memberId, flex);
  if (version >= 3) w.string(v.groupInstanceId, flex);
  if (version >= 3) w.int16(v.errorCode);
  if (flex) {
    w.uvarint(0);
  }
}

export const LeaveGroupApi: ApiDefinition<LeaveGroupRequest, LeaveGroupResponse> = {
  key: 13,
  name: 'LeaveGroup',
  minVersion: 0,
  maxVersion: 5,
  maxStableVersion: 5,
  flexibleVersion: 4,
  listeners: ['zkBroker', 'broker'],
  readRequest: readLeaveGroupRequest,
  writeRequest: writeLeaveGroupRequest,
  defaultRequest: defaultLeaveGroupRequest,
  readResponse: readLeaveGroupResponse,
  writeResponse: writeLeaveGroupResponse,
  defaultResponse: defaultLeaveGroupResponse,
};
