// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/10-find-coordinator.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readStringArray, writeStringArray } from '../scalar-arrays.js';

export interface FindCoordinatorRequest {
  /** The coordinator key. */
  key: string;
  /** The coordinator key type. (Group, transaction, etc.) */
  keyType: number;
  /** The coordinator keys. */
  coordinatorKeys: string[];
}

export function defaultFindCoordinatorRequest(): FindCoordinatorRequest {
  return {
    key: '',
    keyType: 0,
    coordinatorKeys: [],
  };
}

export function readFindCoordinatorRequest(r: Reader, version: number): FindCoordinatorRequest {
  const flex = version >= 3;
  const o: FindCoordinatorRequest = {
    key: version <= 3 ? (r.string(flex) ?? '') : '',
    keyType: version >= 1 ? r.int8() : 0,
    coordinatorKeys: version >= 4 ? (readStringArray(r, flex) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeFindCoordinatorRequest(w: Writer, v: FindCoordinatorRequest, version: number): void {
  const flex = version >= 3;
  if (version <= 3) w.string(v.key, flex);
  if (version >= 1) w.int8(v.keyType);
  if (version >= 4) writeStringArray(w, v.coordinatorKeys, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface FindCoordinatorResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage: string | null;
  /** The node id. */
  nodeId: number;
  /** The host name. */
  host: string;
  /** The port. */
  port: number;
  /** Each coordinator result in the response */
  coordinators: Coordinator[];
}

export function defaultFindCoordinatorResponse(): FindCoordinatorResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: '',
    nodeId: 0,
    host: '',
    port: 0,
    coordinators: [],
  };
}

export function readFindCoordinatorResponse(r: Reader, version: number): FindCoordinatorResponse {
  const flex = version >= 3;
  const o: FindCoordinatorResponse = {
    throttleTimeMs: version >= 1 ? r.int32() : 0,
    errorCode: version <= 3 ? r.int16() : 0,
    errorMessage: version >= 1 && version <= 3 ? r.string(flex) : '',
    nodeId: version <= 3 ? r.int32() : 0,
    host: version <= 3 ? (r.string(flex) ?? '') : '',
    port: version <= 3 ? r.int32() : 0,
    coordinators: version >= 4 ? (readArray(r, flex, 1, readCoordinator, version) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeFindCoordinatorResponse(w: Writer, v: FindCoordinatorResponse, version: number): void {
  const flex = version >= 3;
  if (version >= 1) w.int32(v.throttleTimeMs);
  if (version <= 3) w.int16(v.errorCode);
  if (version >= 1 && version <= 3) w.string(v.errorMessage, flex);
  if (version <= 3) w.int32(v.nodeId);
  if (version <= 3) w.string(v.host, flex);
  if (version <= 3) w.int32(v.port);
  if (version >= 4) writeArray(w, v.coordinators, flex, writeCoordinator, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface Coordinator {
  /** The coordinator key. */
  key: string;
  /** The node id. */
  nodeId: number;
  /** The host name. */
  host: string;
  /** The port. */
  port: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage: string | null;
}

export function defaultCoordinator(): Coordinator {
  return {
    key: '',
    nodeId: 0,
    host: '',
    port: 0,
    errorCode: 0,
    errorMessage: '',
  };
}

export function readCoordinator(r: Reader, version: number): Coordinator {
  const flex = version >= 3;
  const o: Coordinator = {
    key: version >= 4 ? (r.string(flex) ?? '') : '',
    nodeId: version >= 4 ? r.int32() : 0,
    host: version >= 4 ? (r.string(flex) ?? '') : '',
    port: version >= 4 ? r.int32() : 0,
    errorCode: version >= 4 ? r.int16() : 0,
    errorMessage: version >= 4 ? r.string(flex) : '',
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCoordinator(w: Writer, v: Coordinator, version: number): void {
  const flex = version >= 3;
  if (version >= 4) w.string(v.key, flex);
  if (version >= 4) w.int32(v.nodeId);
  if (version >= 4) w.string(v.host, flex);
  if (version >= 4) w.int32(v.port);
  if (version >= 4) w.int16(v.errorCode);
  if (version >= 4) w.string(v.errorMessage, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export const FindCoordinatorApi: ApiDefinition<FindCoordinatorRequest, FindCoordinatorResponse> = {
  key: 10,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 6,
  maxStableVersion: 6,
  flexibleVersion: 3,
  listeners: ['zkBroker', 'broker'],
  readRequest: readFindCoordinatorRequest,
  writeRequest: writeFindCoordinatorRequest,
  defaultRequest: defaultFindCoordinatorRequest,
  readResponse: readFindCoordinatorResponse,
  writeResponse: writeFindCoordinatorResponse,
  defaultResponse: defaultFindCoordinatorResponse,
};
