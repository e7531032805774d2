// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/58-envelope.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { EMPTY_BYTES } from '../../primitives/codec-helpers.js';

export interface EnvelopeRequest {
  /** The embedded request header and data. */
  requestData: Buffer;
  /** Value of the initial client principal when the request is redirected by a broker. */
  requestPrincipal: Buffer | null;
  /** The original client's address in bytes. */
  clientHostAddress: Buffer;
}

export function defaultEnvelopeRequest(): EnvelopeRequest {
  return {
    requestData: EMPTY_BYTES,
    requestPrincipal: EMPTY_BYTES,
    clientHostAddress: EMPTY_BYTES,
  };
}

export function readEnvelopeRequest(r: Reader, version: number): EnvelopeRequest {
  const o: EnvelopeRequest = {
    requestData: (r.bytes(true) ?? EMPTY_BYTES),
    requestPrincipal: r.bytes(true),
    clientHostAddress: (r.bytes(true) ?? EMPTY_BYTES),
  };
  r.skipTaggedFields();
  return o;
}

export function writeEnvelopeRequest(w: Writer, v: EnvelopeRequest, version: number): void {
  w.bytes(v.requestData, true);
  w.bytes(v.requestPrincipal, true);
  w.bytes(v.clientHostAddress, true);
  w.uvarint(0);
}

export interface EnvelopeResponse {
  /** The embedded response header and data. */
  responseData: Buffer | null;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
}

export function defaultEnvelopeResponse(): EnvelopeResponse {
  return {
    responseData: null,
    errorCode: 0,
  };
}

export function readEnvelopeResponse(r: Reader, version: number): EnvelopeResponse {
  const o: EnvelopeResponse = {
    responseData: r.bytes(true),
    errorCode: r.int16(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeEnvelopeResponse(w: Writer, v: EnvelopeResponse, version: number): void {
  w.bytes(v.responseData, true);
  w.int16(v.errorCode);
  w.uvarint(0);
}

export const EnvelopeApi: ApiDefinition<EnvelopeRequest, EnvelopeResponse> = {
  key: 58,
  name: 'Envelope',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['controller', 'zkBroker'],
  readRequest: readEnvelopeRequest,
  writeRequest: writeEnvelopeRequest,
  defaultRequest: defaultEnvelopeRequest,
  readResponse: readEnvelopeResponse,
  writeResponse: writeEnvelopeResponse,
  defaultResponse: defaultEnvelopeResponse,
};
