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
  const flex = true;
  const o: EnvelopeRequest = {
    requestData: (r.bytes(flex) ?? EMPTY_BYTES),
    requestPrincipal: r.bytes(flex),
    clientHostAddress: (r.bytes(flex) ?? EMPTY_BYTES),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeEnvelopeRequest(w: Writer, v: EnvelopeRequest, version: number): void {
  const flex = true;
  w.bytes(v.requestData, flex);
  w.bytes(v.requestPrincipal, flex);
  w.bytes(v.clientHostAddress, flex);
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: EnvelopeResponse = {
    responseData: r.bytes(flex),
    errorCode: r.int16(),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeEnvelopeResponse(w: Writer, v: EnvelopeResponse, version: number): void {
  const flex = true;
  w.bytes(v.responseData, flex);
  w.int16(v.errorCode);
  if (flex) w.uvarint(0);
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
