// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/38-create-delegation-token.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { EMPTY_BYTES, readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface CreateDelegationTokenRequest {
  /** The principal type of the owner of the token. If it's null it defaults to the token request principal. */
  ownerPrincipalType: string | null;
  /** The principal name of the owner of the token. If it's null it defaults to the token request principal. */
  ownerPrincipalName: string | null;
  /** A list of those who are allowed to renew this token before it expires. */
  renewers: CreatableRenewers[];
  /** The maximum lifetime of the token in milliseconds, or -1 to use the server side default. */
  maxLifetimeMs: number;
}

export function defaultCreateDelegationTokenRequest(): CreateDelegationTokenRequest {
  return {
    ownerPrincipalType: '',
    ownerPrincipalName: '',
    renewers: [],
    maxLifetimeMs: 0,
  };
}

export function readCreateDelegationTokenRequest(r: Reader, version: number): CreateDelegationTokenRequest {
  const flex = version >= 2;
  const o: CreateDelegationTokenRequest = {
    ownerPrincipalType: version >= 3 ? r.string(flex) : '',
    ownerPrincipalName: version >= 3 ? r.string(flex) : '',
    renewers: (readArray(r, flex, 1, readCreatableRenewers, version) ?? []),
    maxLifetimeMs: r.int64(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCreateDelegationTokenRequest(w: Writer, v: CreateDelegationTokenRequest, version: number): void {
  const flex = version >= 2;
  if (version >= 3) w.string(v.ownerPrincipalType, flex);
  if (version >= 3) w.string(v.ownerPrincipalName, flex);
  writeArray(w, v.renewers, flex, writeCreatableRenewers, version);
  w.int64(v.maxLifetimeMs);
  if (flex) {
    w.uvarint(0);
  }
}

export interface CreatableRenewers {
  /** The type of the Kafka principal. */
  principalType: string;
  /** The name of the Kafka principal. */
  principalName: string;
}

export function defaultCreatableRenewers(): CreatableRenewers {
  return {
    principalType: '',
    principalName: '',
  };
}

export function readCreatableRenewers(r: Reader, version: number): CreatableRenewers {
  const flex = version >= 2;
  const o: CreatableRenewers = {
    principalType: (r.string(flex) ?? ''),
    principalName: (r.string(flex) ?? ''),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCreatableRenewers(w: Writer, v: CreatableRenewers, version: number): void {
  const flex = version >= 2;
  w.string(v.principalType, flex);
  w.string(v.principalName, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface CreateDelegationTokenResponse {
  /** The top-level error, or zero if there was no error. */
  errorCode: number;
  /** The principal type of the token owner. */
  principalType: string;
  /** The name of the token owner. */
  principalName: string;
  /** The principal type of the requester of the token. */
  tokenRequesterPrincipalType: string;
  /** The principal type of the requester of the token. */
  tokenRequesterPrincipalName: string;
  /** When this token was generated. */
  issueTimestampMs: number;
  /** When this token expires. */
  expiryTimestampMs: number;
  /** The maximum lifetime of this token. */
  maxTimestampMs: number;
  /** The token UUID. */
  tokenId: string;
  /** HMAC of the delegation token. */
  hmac: Buffer;
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
}

export function defaultCreateDelegationTokenResponse(): CreateDelegationTokenResponse {
  return {
    errorCode: 0,
    principalType: '',
    principalName: '',
    tokenRequesterPrincipalType: '',
    tokenRequesterPrincipalName: '',
    issueTimestampMs: 0,
    expiryTimestampMs: 0,
    maxTimestampMs: 0,
    tokenId: '',
    hmac: EMPTY_BYTES,
    throttleTimeMs: 0,
  };
}

export function readCreateDelegationTokenResponse(r: Reader, version: number): CreateDelegationTokenResponse {
  const flex = version >= 2;
  const o: CreateDelegationTokenResponse = {
    errorCode: r.int16(),
    principalType: (r.string(flex) ?? ''),
    principalName: (r.string(flex) ?? ''),
    tokenRequesterPrincipalType: version >= 3 ? (r.string(flex) ?? '') : '',
    tokenRequesterPrincipalName: version >= 3 ? (r.string(flex) ?? '') : '',
    issueTimestampMs: r.int64(),
    expiryTimestampMs: r.int64(),
    maxTimestampMs: r.int64(),
    tokenId: (r.string(flex) ?? ''),
    hmac: (r.bytes(flex) ?? EMPTY_BYTES),
    throttleTimeMs: r.int32(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCreateDelegationTokenResponse(w: Writer, v: CreateDelegationTokenResponse, version: number): void {
  const flex = version >= 2;
  w.int16(v.errorCode);
  w.string(v.principalType, flex);
  w.string(v.principalName, flex);
  if (version >= 3) w.string(v.tokenRequesterPrincipalType, flex);
  if (version >= 3) w.string(v.tokenRequesterPrincipalName, flex);
  w.int64(v.issueTimestampMs);
  w.int64(v.expiryTimestampMs);
  w.int64(v.maxTimestampMs);
  w.string(v.tokenId, flex);
  w.bytes(v.hmac, flex);
  w.int32(v.throttleTimeMs);
  if (flex) {
    w.uvarint(0);
  }
}

export const CreateDelegationTokenApi: ApiDefinition<CreateDelegationTokenRequest, CreateDelegationTokenResponse> = {
  key: 38,
  name: 'CreateDelegationToken',
  minVersion: 0,
  maxVersion: 3,
  maxStableVersion: 3,
  flexibleVersion: 2,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readCreateDelegationTokenRequest,
  writeRequest: writeCreateDelegationTokenRequest,
  defaultRequest: defaultCreateDelegationTokenRequest,
  readResponse: readCreateDelegationTokenResponse,
  writeResponse: writeCreateDelegationTokenResponse,
  defaultResponse: defaultCreateDelegationTokenResponse,
};
