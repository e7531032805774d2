// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/50-describe-user-scram-credentials.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface DescribeUserScramCredentialsRequest {
  /** The users to describe, or null/empty to describe all users. */
  users: UserName[] | null;
}

export function defaultDescribeUserScramCredentialsRequest(): DescribeUserScramCredentialsRequest {
  return {
    users: [],
  };
}

export function readDescribeUserScramCredentialsRequest(r: Reader, version: number): DescribeUserScramCredentialsRequest {
  const o: DescribeUserScramCredentialsRequest = {
    users: readArray(r, true, 1, readUserName, version),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeUserScramCredentialsRequest(w: Writer, v: DescribeUserScramCredentialsRequest, version: number): void {
  writeArray(w, v.users, true, writeUserName, version);
  w.uvarint(0);
}

export interface UserName {
  /** The user name. */
  name: string;
}

export function defaultUserName(): UserName {
  return {
    name: '',
  };
}

export function readUserName(r: Reader, version: number): UserName {
  const o: UserName = {
    name: (r.string(true) ?? ''),
  };
  r.skipTaggedFields();
  return o;
}

export function writeUserName(w: Writer, v: UserName, version: number): void {
  w.string(v.name, true);
  w.uvarint(0);
}

export interface DescribeUserScramCredentialsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The message-level error code, 0 except for user authorization or infrastructure issues. */
  errorCode: number;
  /** The message-level error message, if any. */
  errorMessage: string | null;
  /** The results for descriptions, one per user. */
  results: DescribeUserScramCredentialsResult[];
}

export function defaultDescribeUserScramCredentialsResponse(): DescribeUserScramCredentialsResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: '',
    results: [],
  };
}

export function readDescribeUserScramCredentialsResponse(r: Reader, version: number): DescribeUserScramCredentialsResponse {
  const o: DescribeUserScramCredentialsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(true),
    results: (readArray(r, true, 1, readDescribeUserScramCredentialsResult, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeUserScramCredentialsResponse(w: Writer, v: DescribeUserScramCredentialsResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.string(v.errorMessage, true);
  writeArray(w, v.results, true, writeDescribeUserScramCredentialsResult, version);
  w.uvarint(0);
}

export interface DescribeUserScramCredentialsResult {
  /** The user name. */
  user: string;
  /** The user-level error code. */
  errorCode: number;
  /** The user-level error message, if any. */
  errorMessage: string | null;
  /** The mechanism and related information associated with the user's SCRAM credentials. */
  credentialInfos: CredentialInfo[];
}

export function defaultDescribeUserScramCredentialsResult(): DescribeUserScramCredentialsResult {
  return {
    user: '',
    errorCode: 0,
    errorMessage: '',
    credentialInfos: [],
  };
}

export function readDescribeUserScramCredentialsResult(r: Reader, version: number): DescribeUserScramCredentialsResult {
  const o: DescribeUserScramCredentialsResult = {
    user: (r.string(true) ?? ''),
    errorCode: r.int16(),
    errorMessage: r.string(true),
    credentialInfos: (readArray(r, true, 1, readCredentialInfo, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeUserScramCredentialsResult(w: Writer, v: DescribeUserScramCredentialsResult, version: number): void {
  w.string(v.user, true);
  w.int16(v.errorCode);
  w.string(v.errorMessage, true);
  writeArray(w, v.credentialInfos, true, writeCredentialInfo, version);
  w.uvarint(0);
}

export interface CredentialInfo {
  /** The SCRAM mechanism. */
  mechanism: number;
  /** The number of iterations used in the SCRAM credential. */
  iterations: number;
}

export function defaultCredentialInfo(): CredentialInfo {
  return {
    mechanism: 0,
    iterations: 0,
  };
}

export function readCredentialInfo(r: Reader, version: number): CredentialInfo {
  const o: CredentialInfo = {
    mechanism: r.int8(),
    iterations: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeCredentialInfo(w: Writer, v: CredentialInfo, version: number): void {
  w.int8(v.mechanism);
  w.int32(v.iterations);
  w.uvarint(0);
}

export const DescribeUserScramCredentialsApi: ApiDefinition<DescribeUserScramCredentialsRequest, DescribeUserScramCredentialsResponse> = {
  key: 50,
  name: 'DescribeUserScramCredentials',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readDescribeUserScramCredentialsRequest,
  writeRequest: writeDescribeUserScramCredentialsRequest,
  defaultRequest: defaultDescribeUserScramCredentialsRequest,
  readResponse: readDescribeUserScramCredentialsResponse,
  writeResponse: writeDescribeUserScramCredentialsResponse,
  defaultResponse: defaultDescribeUserScramCredentialsResponse,
};
