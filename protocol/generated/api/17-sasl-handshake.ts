// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/17-sasl-handshake.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

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
  const flex = false;
  const o: SaslHandshakeRequest = {
    mechanism: (r.string(flex) ?? ''),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeSaslHandshakeRequest(w: Writer, v: SaslHandshakeRequest, version: number): void {
  const flex = false;
  w.string(v.mechanism, flex);
  if (flex) w.uvarint(0);
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
  const flex = false;
  const o: SaslHandshakeResponse = {
    errorCode: r.int16(),
    mechanisms: (readArray(r, flex, 1, (r) => r.string(flex) ?? '') ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeSaslHandshakeResponse(w: Writer, v: SaslHandshakeResponse, version: number): void {
  const flex = false;
  w.int16(v.errorCode);
  writeArray(w, v.mechanisms, flex, (w, e) => w.string(e, flex));
  if (flex) w.uvarint(0);
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
