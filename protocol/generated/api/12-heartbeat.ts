// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/12-heartbeat.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface HeartbeatRequest {
  /** The group id. */
  groupId: string;
  /** The generation of the group. */
  generationId: number;
  /** The member ID. */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId: string | null;
}

export function defaultHeartbeatRequest(): HeartbeatRequest {
  return {
    groupId: '',
    generationId: 0,
    memberId: '',
    groupInstanceId: null,
  };
}

export function readHeartbeatRequest(r: Reader, version: number): HeartbeatRequest {
  const flex = version >= 4;
  const o: HeartbeatRequest = {
    groupId: (r.string(flex) ?? ''),
    generationId: r.int32(),
    memberId: (r.string(flex) ?? ''),
    groupInstanceId: version >= 3 ? r.string(flex) : null,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeHeartbeatRequest(w: Writer, v: HeartbeatRequest, version: number): void {
  const flex = version >= 4;
  w.string(v.groupId, flex);
  w.int32(v.generationId);
  w.string(v.memberId, flex);
  if (version >= 3) w.string(v.groupInstanceId, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface HeartbeatResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
}

export function defaultHeartbeatResponse(): HeartbeatResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
  };
}

export function readHeartbeatResponse(r: Reader, version: number): HeartbeatResponse {
  const flex = version >= 4;
  const o: HeartbeatResponse = {
    throttleTimeMs: version >= 1 ? r.int32() : 0,
    errorCode: r.int16(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeHeartbeatResponse(w: Writer, v: HeartbeatResponse, version: number): void {
  const flex = version >= 4;
  if (version >= 1) w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  if (flex) {
    w.uvarint(0);
  }
}

export const HeartbeatApi: ApiDefinition<HeartbeatRequest, HeartbeatResponse> = {
  key: 12,
  name: 'Heartbeat',
  minVersion: 0,
  maxVersion: 4,
  maxStableVersion: 4,
  flexibleVersion: 4,
  listeners: ['zkBroker', 'broker'],
  readRequest: readHeartbeatRequest,
  writeRequest: writeHeartbeatRequest,
  defaultRequest: defaultHeartbeatRequest,
  readResponse: readHeartbeatResponse,
  writeResponse: writeHeartbeatResponse,
  defaultResponse: defaultHeartbeatResponse,
};
