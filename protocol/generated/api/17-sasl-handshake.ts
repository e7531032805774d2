// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/17-sasl-handshake.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readStringArray, writeStringArray } from '../scalar-arrays.js';

export interface SaslHandshakeRequest {
  /** The SASL mechanism chosen by the client. */
  mechanism: string;
}

export function defaultSaslHandshakeRequest(): SaslHandshakeRequest {
  return {
    mechanism: '',
  };
}

export function readSaslHandshakeRequest(r: Reader, version: number): SaslHandshakeRequest {
  const o: SaslHandshakeRequest = {
    mechanism: (r.string(false) ?? ''),
  };
  return o;
}

export function writeSaslHandshakeRequest(w: Writer, v: SaslHandshakeRequest, version: number): void {
  w.string(v.mechanism, false);
}

export interface SaslHandshakeResponse {
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The mechanisms enabled in the server. */
  mechanisms: string[];
}

export function defaultSaslHandshakeResponse(): SaslHandshakeResponse {
  return {
    errorCode: 0,
    mechanisms: [],
  };
}

export function readSaslHandshakeResponse(r: Reader, version: number): SaslHandshakeResponse {
  const o: SaslHandshakeResponse = {
    errorCode: r.int16(),
    mechanisms: (readStringArray(r, false) ?? []),
  };
  return o;
}

export function writeSaslHandshakeResponse(w: Writer, v: SaslHandshakeResponse, version: number): void {
  w.int16(v.errorCode);
  writeStringArray(w, v.mechanisms, false);
}

export const SaslHandshakeApi: ApiDefinition<SaslHandshakeRequest, SaslHandshakeResponse> = {
  key: 17,
  name: 'SaslHandshake',
  minVersion: 0,
  maxVersion: 1,
  maxStableVersion: 1,
  flexibleVersion: -1,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readSaslHandshakeRequest,
  writeRequest: writeSaslHandshakeRequest,
  defaultRequest: defaultSaslHandshakeRequest,
  readResponse: readSaslHandshakeResponse,
  writeResponse: writeSaslHandshakeResponse,
  defaultResponse: defaultSaslHandshakeResponse,
};
