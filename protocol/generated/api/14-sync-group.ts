// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/14-sync-group.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { EMPTY_BYTES, readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface SyncGroupRequest {
  /** The unique group identifier. */
  groupId: string;
  /** The generation of the group. */
  generationId: number;
  /** The member ID assigned by the group. */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId: string | null;
  /** The group protocol type. */
  protocolType: string | null;
  /** The group protocol name. */
  protocolName: string | null;
  /** Each assignment. */
  assignments: SyncGroupRequestAssignment[];
}

export function defaultSyncGroupRequest(): SyncGroupRequest {
  return {
    groupId: '',
    generationId: 0,
    memberId: '',
    groupInstanceId: null,
    protocolType: null,
    protocolName: null,
    assignments: [],
  };
}

export function readSyncGroupRequest(r: Reader, version: number): SyncGroupRequest {
  const flex = version >= 4;
  const o: SyncGroupRequest = {
    groupId: (r.string(flex) ?? ''),
    generationId: r.int32(),
    memberId: (r.string(flex) ?? ''),
    groupInstanceId: version >= 3 ? r.string(flex) : null,
    protocolType: version >= 5 ? r.string(flex) : null,
    protocolName: version >= 5 ? r.string(flex) : null,
    assignments: (readArray(r, flex, 1, readSyncGroupRequestAssignment, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeSyncGroupRequest(w: Writer, v: SyncGroupRequest, version: number): void {
  const flex = version >= 4;
  w.string(v.groupId, flex);
  w.int32(v.generationId);
  w.string(v.memberId, flex);
  if (version >= 3) w.string(v.groupInstanceId, flex);
  if (version >= 5) w.string(v.protocolType, flex);
  if (version >= 5) w.string(v.protocolName, flex);
  writeArray(w, v.assignments, flex, writeSyncGroupRequestAssignment, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface SyncGroupRequestAssignment {
  /** The ID of the member to assign. */
  memberId: string;
  /** The member assignment. */
  assignment: Buffer;
}

export function defaultSyncGroupRequestAssignment(): SyncGroupRequestAssignment {
  return {
    memberId: '',
    assignment: EMPTY_BYTES,
  };
}

export function readSyncGroupRequestAssignment(r: Reader, version: number): SyncGroupRequestAssignment {
  const flex = version >= 4;
  const o: SyncGroupRequestAssignment = {
    memberId: (r.string(flex) ?? ''),
    assignment: (r.bytes(flex) ?? EMPTY_BYTES),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeSyncGroupRequestAssignment(w: Writer, v: SyncGroupRequestAssignment, version: number): void {
  const flex = version >= 4;
  w.string(v.memberId, flex);
  w.bytes(v.assignment, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface SyncGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The group protocol type. */
  protocolType: string | null;
  /** The group protocol name. */
  protocolName: string | null;
  /** The member assignment. */
  assignment: Buffer;
}

export function defaultSyncGroupResponse(): SyncGroupResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    protocolType: null,
    protocolName: null,
    assignment: EMPTY_BYTES,
  };
}

export function readSyncGroupResponse(r: Reader, version: number): SyncGroupResponse {
  const flex = version >= 4;
  const o: SyncGroupResponse = {
    throttleTimeMs: version >= 1 ? r.int32() : 0,
    errorCode: r.int16(),
    protocolType: version >= 5 ? r.string(flex) : null,
    protocolName: version >= 5 ? r.string(flex) : null,
    assignment: (r.bytes(flex) ?? EMPTY_BYTES),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeSyncGroupResponse(w: Writer, v: SyncGroupResponse, version: number): void {
  const flex = version >= 4;
  if (version >= 1) w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  if (version >= 5) w.string(v.protocolType, flex);
  if (version >= 5) w.string(v.protocolName, flex);
  w.bytes(v.assignment, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export const SyncGroupApi: ApiDefinition<SyncGroupRequest, SyncGroupResponse> = {
  key: 14,
  name: 'SyncGroup',
  minVersion: 0,
  maxVersion: 5,
  maxStableVersion: 5,
  flexibleVersion: 4,
  listeners: ['zkBroker', 'broker'],
  readRequest: readSyncGroupRequest,
  writeRequest: writeSyncGroupRequest,
  defaultRequest: defaultSyncGroupRequest,
  readResponse: readSyncGroupResponse,
  writeResponse: writeSyncGroupResponse,
  defaultResponse: defaultSyncGroupResponse,
};
