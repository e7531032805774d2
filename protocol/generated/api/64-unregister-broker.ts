// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/64-unregister-broker.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface UnregisterBrokerRequest {
  /** The broker ID to unregister. */
  brokerId: number;
}

export function defaultUnregisterBrokerRequest(): UnregisterBrokerRequest {
  return {
    brokerId: 0,
  };
}

export function readUnregisterBrokerRequest(r: Reader, version: number): UnregisterBrokerRequest {
  const o: UnregisterBrokerRequest = {
    brokerId: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeUnregisterBrokerRequest(w: Writer, v: UnregisterBrokerRequest, version: number): void {
  w.int32(v.brokerId);
  w.uvarint(0);
}

export interface UnregisterBrokerResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The top-level error message, or `null` if there was no top-level error. */
  errorMessage: string | null;
}

export function defaultUnregisterBrokerResponse(): UnregisterBrokerResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: '',
  };
}

export function readUnregisterBrokerResponse(r: Reader, version: number): UnregisterBrokerResponse {
  const o: UnregisterBrokerResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(true),
  };
  r.skipTaggedFields();
  return o;
}

export function writeUnregisterBrokerResponse(w: Writer, v: UnregisterBrokerResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.string(v.errorMessage, true);
  w.uvarint(0);
}

export const UnregisterBrokerApi: ApiDefinition<UnregisterBrokerRequest, UnregisterBrokerResponse> = {
  key: 64,
  name: 'UnregisterBroker',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['broker', 'controller'],
  readRequest: readUnregisterBrokerRequest,
  writeRequest: writeUnregisterBrokerRequest,
  defaultRequest: defaultUnregisterBrokerRequest,
  readResponse: readUnregisterBrokerResponse,
  writeResponse: writeUnregisterBrokerResponse,
  defaultResponse: defaultUnregisterBrokerResponse,
};
