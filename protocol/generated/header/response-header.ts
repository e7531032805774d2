// generated - do not edit: `npm run gen` writes this file from protocol/spec/header/response-header.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ResponseHeader {
  /** The correlation ID of this response. */
  correlationId: number;
}

export function defaultResponseHeader(): ResponseHeader {
  return {
    correlationId: 0,
  };
}

export function readResponseHeader(r: Reader, version: number): ResponseHeader {
  const flex = version >= 1;
  const o: ResponseHeader = {
    correlationId: r.int32(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeResponseHeader(w: Writer, v: ResponseHeader, version: number): void {
  const flex = version >= 1;
  w.int32(v.correlationId);
  if (flex) {
    w.uvarint(0);
  }
}

export const ResponseHeaderDefinition: MessageDefinition<ResponseHeader> = {
  name: 'ResponseHeader',
  type: -1,
  minVersion: 0,
  maxVersion: 1,
  flexibleVersion: 1,
  read: readResponseHeader,
  write: writeResponseHeader,
  default: defaultResponseHeader,
};
