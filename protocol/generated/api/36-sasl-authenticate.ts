// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/36-sasl-authenticate.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { EMPTY_BYTES } from '../../primitives/codec-helpers.js';

export interface SaslAuthenticateRequest {
  /** The SASL authentication bytes from the client, as defined by the SASL mechanism. */
  authBytes: Buffer;
}

export function defaultSaslAuthenticateRequest(): SaslAuthenticateRequest {
  return {
    authBytes: EMPTY_BYTES,
  };
}

export function readSaslAuthenticateRequest(r: Reader, version: number): SaslAuthenticateRequest {
  const flex = version >= 2;
  const o: SaslAuthenticateRequest = {
    authBytes: (r.bytes(flex) ?? EMPTY_BYTES),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeSaslAuthenticateRequest(w: Writer, v: SaslAuthenticateRequest, version: number): void {
  const flex = version >= 2;
  w.bytes(v.authBytes, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface SaslAuthenticateResponse {
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage: string | null;
  /** The SASL authentication bytes from the server, as defined by the SASL mechanism. */
  authBytes: Buffer;
  /** Number of milliseconds after which only re-authentication over the existing connection to create a new session can occur. */
  sessionLifetimeMs: number;
}

export function defaultSaslAuthenticateResponse(): SaslAuthenticateResponse {
  return {
    errorCode: 0,
    errorMessage: '',
    authBytes: EMPTY_BYTES,
    sessionLifetimeMs: 0,
  };
}

export function readSaslAuthenticateResponse(r: Reader, version: number): SaslAuthenticateResponse {
  const flex = version >= 2;
  const o: SaslAuthenticateResponse = {
    errorCode: r.int16(),
    errorMessage: r.string(flex),
    authBytes: (r.bytes(flex) ?? EMPTY_BYTES),
    sessionLifetimeMs: version >= 1 ? r.int64() : 0,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeSaslAuthenticateResponse(w: Writer, v: SaslAuthenticateResponse, version: number): void {
  const flex = version >= 2;
  w.int16(v.errorCode);
  w.string(v.errorMessage, flex);
  w.bytes(v.authBytes, flex);
  if (version >= 1) w.int64(v.sessionLifetimeMs);
  if (flex) {
    w.uvarint(0);
  }
}

export const SaslAuthenticateApi: ApiDefinition<SaslAuthenticateRequest, SaslAuthenticateResponse> = {
  key: 36,
  name: 'SaslAuthenticate',
  minVersion: 0,
  maxVersion: 2,
  maxStableVersion: 2,
  flexibleVersion: 2,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readSaslAuthenticateRequest,
  writeRequest: writeSaslAuthenticateRequest,
  defaultRequest: defaultSaslAuthenticateRequest,
  readResponse: readSaslAuthenticateResponse,
  writeResponse: writeSaslAuthenticateResponse,
  defaultResponse: defaultSaslAuthenticateResponse,
};
