// generated - do not edit: `npm run gen` writes this file from protocol/spec/header/request-header.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface RequestHeader {
  /** The API key of this request. */
  requestApiKey: number;
  /** The API version of this request. */
  requestApiVersion: number;
  /** The correlation ID of this request. */
  correlationId: number;
  /** The client ID string. */
  clientId: string | null;
}

export function defaultRequestHeader(): RequestHeader {
  return {
    requestApiKey: 0,
    requestApiVersion: 0,
    correlationId: 0,
    clientId: '',
  };
}

export function readRequestHeader(r: Reader, version: number): RequestHeader {
  const flex = version >= 2;
  const o: RequestHeader = {
    requestApiKey: r.int16(),
    requestApiVersion: r.int16(),
    correlationId: r.int32(),
    clientId: version >= 1 ? r.string(false) : '',
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeRequestHeader(w: Writer, v: RequestHeader, version: number): void {
  const flex = version >= 2;
  w.int16(v.requestApiKey);
  w.int16(v.requestApiVersion);
  w.int32(v.correlationId);
  if (version >= 1) w.string(v.clientId, false);
  if (flex) {
    w.uvarint(0);
  }
}

export const RequestHeaderDefinition: MessageDefinition<RequestHeader> = {
  name: 'RequestHeader',
  type: -1,
  minVersion: 0,
  maxVersion: 2,
  flexibleVersion: 2,
  read: readRequestHeader,
  write: writeRequestHeader,
  default: defaultRequestHeader,
};
