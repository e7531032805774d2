// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/11-join-group.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { EMPTY_BYTES, readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface JoinGroupRequest {
  /** The group identifier. */
  groupId: string;
  /** The coordinator considers the consumer dead if it receives no heartbeat after this timeout in milliseconds. */
  sessionTimeoutMs: number;
  /** The maximum time in milliseconds that the coordinator will wait for each member to rejoin when rebalancing the group. */
  rebalanceTimeoutMs: number;
  /** The member id assigned by the group coordinator. */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId: string | null;
  /** The unique name the for class of protocols implemented by the group we want to join. */
  protocolType: string;
  /** The list of protocols that the member supports. */
  protocols: JoinGroupRequestProtocol[];
  /** The reason why the member (re-)joins the group. */
  reason: string | null;
}

export function defaultJoinGroupRequest(): JoinGroupRequest {
  return {
    groupId: '',
    sessionTimeoutMs: 0,
    rebalanceTimeoutMs: -1,
    memberId: '',
    groupInstanceId: null,
    protocolType: '',
    protocols: [],
    reason: null,
  };
}

export function readJoinGroupRequest(r: Reader, version: number): JoinGroupRequest {
  const flex = version >= 6;
  const o: JoinGroupRequest = {
    groupId: (r.string(flex) ?? ''),
    sessionTimeoutMs: r.int32(),
    rebalanceTimeoutMs: version >= 1 ? r.int32() : -1,
    memberId: (r.string(flex) ?? ''),
    groupInstanceId: version >= 5 ? r.string(flex) : null,
    protocolType: (r.string(flex) ?? ''),
    protocols: (readArray(r, flex, 1, readJoinGroupRequestProtocol, version) ?? []),
    reason: version >= 8 ? r.string(flex) : null,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeJoinGroupRequest(w: Writer, v: JoinGroupRequest, version: number): void {
  const flex = version >= 6;
  w.string(v.groupId, flex);
  w.int32(v.sessionTimeoutMs);
  if (version >= 1) w.int32(v.rebalanceTimeoutMs);
  w.string(v.memberId, flex);
  if (version >= 5) w.string(v.groupInstanceId, flex);
  w.string(v.protocolType, flex);
  writeArray(w, v.protocols, flex, writeJoinGroupRequestProtocol, version);
  if (version >= 8) w.string(v.reason, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface JoinGroupRequestProtocol {
  /** The protocol name. */
  name: string;
  /** The protocol metadata. */
  metadata: Buffer;
}

export function defaultJoinGroupRequestProtocol(): JoinGroupRequestProtocol {
  return {
    name: '',
    metadata: EMPTY_BYTES,
  };
}

export function readJoinGroupRequestProtocol(r: Reader, version: number): JoinGroupRequestProtocol {
  const flex = version >= 6;
  const o: JoinGroupRequestProtocol = {
    name: (r.string(flex) ?? ''),
    metadata: (r.bytes(flex) ?? EMPTY_BYTES),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeJoinGroupRequestProtocol(w: Writer, v: JoinGroupRequestProtocol, version: number): void {
  const flex = version >= 6;
  w.string(v.name, flex);
  w.bytes(v.metadata, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface JoinGroupResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The generation ID of the group. */
  generationId: number;
  /** The group protocol name. */
  protocolType: string | null;
  /** The group protocol selected by the coordinator. */
  protocolName: string | null;
  /** The leader of the group. */
  leader: string;
  /** True if the leader must skip running the assignment. */
  skipAssignment: boolean;
  /** The member ID assigned by the group coordinator. */
  memberId: string;
  members: JoinGroupResponseMember[];
}

export function defaultJoinGroupResponse(): JoinGroupResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    generationId: -1,
    protocolType: null,
    protocolName: '',
    leader: '',
    skipAssignment: false,
    memberId: '',
    members: [],
  };
}

export function readJoinGroupResponse(r: Reader, version: number): JoinGroupResponse {
  const flex = version >= 6;
  const o: JoinGroupResponse = {
    throttleTimeMs: version >= 2 ? r.int32() : 0,
    errorCode: r.int16(),
    generationId: r.int32(),
    protocolType: version >= 7 ? r.string(flex) : null,
    protocolName: r.string(flex),
    leader: (r.string(flex) ?? ''),
    skipAssignment: version >= 9 ? r.bool() : false,
    memberId: (r.string(flex) ?? ''),
    members: (readArray(r, flex, 1, readJoinGroupResponseMember, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeJoinGroupResponse(w: Writer, v: JoinGroupResponse, version: number): void {
  const flex = version >= 6;
  if (version >= 2) w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.int32(v.generationId);
  if (version >= 7) w.string(v.protocolType, flex);
  w.string((version >= 7 ? v.protocolName : v.protocolName ?? ''), flex);
  w.string(v.leader, flex);
  if (version >= 9) w.bool(v.skipAssignment);
  w.string(v.memberId, flex);
  writeArray(w, v.members, flex, writeJoinGroupResponseMember, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface JoinGroupResponseMember {
  /** The group member ID. */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId: string | null;
  /** The group member metadata. */
  metadata: Buffer;
}

export function defaultJoinGroupResponseMember(): JoinGroupResponseMember {
  return {
    memberId: '',
    groupInstanceId: null,
    metadata: EMPTY_BYTES,
  };
}

export function readJoinGroupResponseMember(r: Reader, version: number): JoinGroupResponseMember {
  const flex = version >= 6;
  const o: JoinGroupResponseMember = {
    memberId: (r.string(flex) ?? ''),
    groupInstanceId: version >= 5 ? r.string(flex) : null,
    metadata: (r.bytes(flex) ?? EMPTY_BYTES),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeJoinGroupResponseMember(w: Writer, v: JoinGroupResponseMember, version: number): void {
  const flex = version >= 6;
  w.string(v.memberId, flex);
  if (version >= 5) w.string(v.groupInstanceId, flex);
  w.bytes(v.metadata, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export const JoinGroupApi: ApiDefinition<JoinGroupRequest, JoinGroupResponse> = {
  key: 11,
  name: 'JoinGroup',
  minVersion: 0,
  maxVersion: 9,
  maxStableVersion: 9,
  flexibleVersion: 6,
  listeners: ['zkBroker', 'broker'],
  readRequest: readJoinGroupRequest,
  writeRequest: writeJoinGroupRequest,
  defaultRequest: defaultJoinGroupRequest,
  readResponse: readJoinGroupResponse,
  writeResponse: writeJoinGroupResponse,
  defaultResponse: defaultJoinGroupResponse,
};
