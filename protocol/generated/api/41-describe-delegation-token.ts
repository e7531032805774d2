// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/41-describe-delegation-token.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { EMPTY_BYTES, readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface DescribeDelegationTokenRequest {
  /** Each owner that we want to describe delegation tokens for, or null to describe all tokens. */
  owners: DescribeDelegationTokenOwner[] | null;
}

export function defaultDescribeDelegationTokenRequest(): DescribeDelegationTokenRequest {
  return {
    owners: [],
  };
}

export function readDescribeDelegationTokenRequest(r: Reader, version: number): DescribeDelegationTokenRequest {
  const flex = version >= 2;
  const o: DescribeDelegationTokenRequest = {
    owners: readArray(r, flex, 1, readDescribeDelegationTokenOwner, version),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeDelegationTokenRequest(w: Writer, v: DescribeDelegationTokenRequest, version: number): void {
  const flex = version >= 2;
  writeArray(w, v.owners, flex, writeDescribeDelegationTokenOwner, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribeDelegationTokenOwner {
  /** The owner principal type. */
  principalType: string;
  /** The owner principal name. */
  principalName: string;
}

export function defaultDescribeDelegationTokenOwner(): DescribeDelegationTokenOwner {
  return {
    principalType: '',
    principalName: '',
  };
}

export function readDescribeDelegationTokenOwner(r: Reader, version: number): DescribeDelegationTokenOwner {
  const flex = version >= 2;
  const o: DescribeDelegationTokenOwner = {
    principalType: (r.string(flex) ?? ''),
    principalName: (r.string(flex) ?? ''),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeDelegationTokenOwner(w: Writer, v: DescribeDelegationTokenOwner, version: number): void {
  const flex = version >= 2;
  w.string(v.principalType, flex);
  w.string(v.principalName, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribeDelegationTokenResponse {
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The tokens. */
  tokens: DescribedDelegationToken[];
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
}

export function defaultDescribeDelegationTokenResponse(): DescribeDelegationTokenResponse {
  return {
    errorCode: 0,
    tokens: [],
    throttleTimeMs: 0,
  };
}

export function readDescribeDelegationTokenResponse(r: Reader, version: number): DescribeDelegationTokenResponse {
  const flex = version >= 2;
  const o: DescribeDelegationTokenResponse = {
    errorCode: r.int16(),
    tokens: (readArray(r, flex, 1, readDescribedDelegationToken, version) ?? []),
    throttleTimeMs: r.int32(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeDelegationTokenResponse(w: Writer, v: DescribeDelegationTokenResponse, version: number): void {
  const flex = version >= 2;
  w.int16(v.errorCode);
  writeArray(w, v.tokens, flex, writeDescribedDelegationToken, version);
  w.int32(v.throttleTimeMs);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribedDelegationToken {
  /** The token principal type. */
  principalType: string;
  /** The token principal name. */
  principalName: string;
  /** The principal type of the requester of the token. */
  tokenRequesterPrincipalType: string;
  /** The principal type of the requester of the token. */
  tokenRequesterPrincipalName: string;
  /** The token issue timestamp in milliseconds. */
  issueTimestamp: number;
  /** The token expiry timestamp in milliseconds. */
  expiryTimestamp: number;
  /** The token maximum timestamp length in milliseconds. */
  maxTimestamp: number;
  /** The token ID. */
  tokenId: string;
  /** The token HMAC. */
  hmac: Buffer;
  /** Those who are able to renew this token before it expires. */
  renewers: DescribedDelegationTokenRenewer[];
}

export function defaultDescribedDelegationToken(): DescribedDelegationToken {
  return {
    principalType: '',
    principalName: '',
    tokenRequesterPrincipalType: '',
    tokenRequesterPrincipalName: '',
    issueTimestamp: 0,
    expiryTimestamp: 0,
    maxTimestamp: 0,
    tokenId: '',
    hmac: EMPTY_BYTES,
    renewers: [],
  };
}

export function readDescribedDelegationToken(r: Reader, version: number): DescribedDelegationToken {
  const flex = version >= 2;
  const o: DescribedDelegationToken = {
    principalType: (r.string(flex) ?? ''),
    principalName: (r.string(flex) ?? ''),
    tokenRequesterPrincipalType: version >= 3 ? (r.string(flex) ?? '') : '',
    tokenRequesterPrincipalName: version >= 3 ? (r.string(flex) ?? '') : '',
    issueTimestamp: r.int64(),
    expiryTimestamp: r.int64(),
    maxTimestamp: r.int64(),
    tokenId: (r.string(flex) ?? ''),
    hmac: (r.bytes(flex) ?? EMPTY_BYTES),
    renewers: (readArray(r, flex, 1, readDescribedDelegationTokenRenewer, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribedDelegationToken(w: Writer, v: DescribedDelegationToken, version: number): void {
  const flex = version >= 2;
  w.string(v.principalType, flex);
  w.string(v.principalName, flex);
  if (version >= 3) w.string(v.tokenRequesterPrincipalType, flex);
  if (version >= 3) w.string(v.tokenRequesterPrincipalName, flex);
  w.int64(v.issueTimestamp);
  w.int64(v.expiryTimestamp);
  w.int64(v.maxTimestamp);
  w.string(v.tokenId, flex);
  w.bytes(v.hmac, flex);
  writeArray(w, v.renewers, flex, writeDescribedDelegationTokenRenewer, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribedDelegationTokenRenewer {
  /** The renewer principal type */
  principalType: string;
  /** The renewer principal name */
  principalName: string;
}

export function defaultDescribedDelegationTokenRenewer(): DescribedDelegationTokenRenewer {
  return {
    principalType: '',
    principalName: '',
  };
}

export function readDescribedDelegationTokenRenewer(r: Reader, version: number): DescribedDelegationTokenRenewer {
  const flex = version >= 2;
  const o: DescribedDelegationTokenRenewer = {
    principalType: (r.string(flex) ?? ''),
    principalName: (r.string(flex) ?? ''),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribedDelegationTokenRenewer(w: Writer, v: DescribedDelegationTokenRenewer, version: number): void {
  const flex = version >= 2;
  w.string(v.principalType, flex);
  w.string(v.principalName, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export const DescribeDelegationTokenApi: ApiDefinition<DescribeDelegationTokenRequest, DescribeDelegationTokenResponse> = {
  key: 41,
  name: 'DescribeDelegationToken',
  minVersion: 0,
  maxVersion: 3,
  maxStableVersion: 3,
  flexibleVersion: 2,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readDescribeDelegationTokenRequest,
  writeRequest: writeDescribeDelegationTokenRequest,
  defaultRequest: defaultDescribeDelegationTokenRequest,
  readResponse: readDescribeDelegationTokenResponse,
  writeResponse: writeDescribeDelegationTokenResponse,
  defaultResponse: defaultDescribeDelegationTokenResponse,
};
