// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/39-renew-delegation-token.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { EMPTY_BYTES } from '../../primitives/codec-helpers.js';

export interface RenewDelegationTokenRequest {
  /** The HMAC of the delegation token to be renewed. */
  hmac: Buffer;
  /** The renewal time period in milliseconds. */
  renewPeriodMs: number;
}

export function defaultRenewDelegationTokenRequest(): RenewDelegationTokenRequest {
  return {
    hmac: EMPTY_BYTES,
    renewPeriodMs: 0,
  };
}

export function readRenewDelegationTokenRequest(r: Reader, version: number): RenewDelegationTokenRequest {
  const flex = version >= 2;
  const o: RenewDelegationTokenRequest = {
    hmac: (r.bytes(flex) ?? EMPTY_BYTES),
    renewPeriodMs: r.int64(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeRenewDelegationTokenRequest(w: Writer, v: RenewDelegationTokenRequest, version: number): void {
  const flex = version >= 2;
  w.bytes(v.hmac, flex);
  w.int64(v.renewPeriodMs);
  if (flex) {
    w.uvarint(0);
  }
}

export interface RenewDelegationTokenResponse {
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The timestamp in milliseconds at which this token expires. */
  expiryTimestampMs: number;
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
}

export function defaultRenewDelegationTokenResponse(): RenewDelegationTokenResponse {
  return {
    errorCode: 0,
    expiryTimestampMs: 0,
    throttleTimeMs: 0,
  };
}

export function readRenewDelegationTokenResponse(r: Reader, version: number): RenewDelegationTokenResponse {
  const flex = version >= 2;
  const o: RenewDelegationTokenResponse = {
    errorCode: r.int16(),
    expiryTimestampMs: r.int64(),
    throttleTimeMs: r.int32(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeRenewDelegationTokenResponse(w: Writer, v: RenewDelegationTokenResponse, version: number): void {
  const flex = version >= 2;
  w.int16(v.errorCode);
  w.int64(v.expiryTimestampMs);
  w.int32(v.throttleTimeMs);
  if (flex) {
    w.uvarint(0);
  }
}

export const RenewDelegationTokenApi: ApiDefinition<RenewDelegationTokenRequest, RenewDelegationTokenResponse> = {
  key: 39,
  name: 'RenewDelegationToken',
  minVersion: 0,
  maxVersion: 2,
  maxStableVersion: 2,
  flexibleVersion: 2,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readRenewDelegationTokenRequest,
  writeRequest: writeRenewDelegationTokenRequest,
  defaultRequest: defaultRenewDelegationTokenRequest,
  readResponse: readRenewDelegationTokenResponse,
  writeResponse: writeRenewDelegationTokenResponse,
  defaultResponse: defaultRenewDelegationTokenResponse,
};
