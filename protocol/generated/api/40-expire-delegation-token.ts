// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/40-expire-delegation-token.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { EMPTY_BYTES } from '../../primitives/codec-helpers.js';

export interface ExpireDelegationTokenRequest {
  /** The HMAC of the delegation token to be expired. */
  hmac: Buffer;
  /** The expiry time period in milliseconds. */
  expiryTimePeriodMs: number;
}

export function defaultExpireDelegationTokenRequest(): ExpireDelegationTokenRequest {
  return {
    hmac: EMPTY_BYTES,
    expiryTimePeriodMs: 0,
  };
}

export function readExpireDelegationTokenRequest(r: Reader, version: number): ExpireDelegationTokenRequest {
  const flex = version >= 2;
  const o: ExpireDelegationTokenRequest = {
    hmac: (r.bytes(flex) ?? EMPTY_BYTES),
    expiryTimePeriodMs: r.int64(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeExpireDelegationTokenRequest(w: Writer, v: ExpireDelegationTokenRequest, version: number): void {
  const flex = version >= 2;
  w.bytes(v.hmac, flex);
  w.int64(v.expiryTimePeriodMs);
  if (flex) {
    w.uvarint(0);
  }
}

export interface ExpireDelegationTokenResponse {
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The timestamp in milliseconds at which this token expires. */
  expiryTimestampMs: number;
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
}

export function defaultExpireDelegationTokenResponse(): ExpireDelegationTokenResponse {
  return {
    errorCode: 0,
    expiryTimestampMs: 0,
    throttleTimeMs: 0,
  };
}

export function readExpireDelegationTokenResponse(r: Reader, version: number): ExpireDelegationTokenResponse {
  const flex = version >= 2;
  const o: ExpireDelegationTokenResponse = {
    errorCode: r.int16(),
    expiryTimestampMs: r.int64(),
    throttleTimeMs: r.int32(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeExpireDelegationTokenResponse(w: Writer, v: ExpireDelegationTokenResponse, version: number): void {
  const flex = version >= 2;
  w.int16(v.errorCode);
  w.int64(v.expiryTimestampMs);
  w.int32(v.throttleTimeMs);
  if (flex) {
    w.uvarint(0);
  }
}

export const ExpireDelegationTokenApi: ApiDefinition<ExpireDelegationTokenRequest, ExpireDelegationTokenResponse> = {
  key: 40,
  name: 'ExpireDelegationToken',
  minVersion: 0,
  maxVersion: 2,
  maxStableVersion: 2,
  flexibleVersion: 2,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readExpireDelegationTokenRequest,
  writeRequest: writeExpireDelegationTokenRequest,
  defaultRequest: defaultExpireDelegationTokenRequest,
  readResponse: readExpireDelegationTokenResponse,
  writeResponse: writeExpireDelegationTokenResponse,
  defaultResponse: defaultExpireDelegationTokenResponse,
};
