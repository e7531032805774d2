// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/26-end-txn.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface EndTxnRequest {
  /** The ID of the transaction to end. */
  transactionalId: string;
  /** The producer ID. */
  producerId: number;
  /** The current epoch associated with the producer. */
  producerEpoch: number;
  /** True if the transaction was committed, false if it was aborted. */
  committed: boolean;
}

export function defaultEndTxnRequest(): EndTxnRequest {
  return {
    transactionalId: '',
    producerId: 0,
    producerEpoch: 0,
    committed: false,
  };
}

export function readEndTxnRequest(r: Reader, version: number): EndTxnRequest {
  const flex = version >= 3;
  const o: EndTxnRequest = {
    transactionalId: (r.string(flex) ?? ''),
    producerId: r.int64(),
    producerEpoch: r.int16(),
    committed: r.bool(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeEndTxnRequest(w: Writer, v: EndTxnRequest, version: number): void {
  const flex = version >= 3;
  w.string(v.transactionalId, flex);
  w.int64(v.producerId);
  w.int16(v.producerEpoch);
  w.bool(v.committed);
  if (flex) {
    w.uvarint(0);
  }
}

export interface EndTxnResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The producer ID. */
  producerId: number;
  /** The current epoch associated with the producer. */
  producerEpoch: number;
}

export function defaultEndTxnResponse(): EndTxnResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    producerId: -1,
    producerEpoch: -1,
  };
}

export function readEndTxnResponse(r: Reader, version: number): EndTxnResponse {
  const flex = version >= 3;
  const o: EndTxnResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    producerId: version >= 5 ? r.int64() : -1,
    producerEpoch: version >= 5 ? r.int16() : -1,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeEndTxnResponse(w: Writer, v: EndTxnResponse, version: number): void {
  const flex = version >= 3;
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  if (version >= 5) w.int64(v.producerId);
  if (version >= 5) w.int16(v.producerEpoch);
  if (flex) {
    w.uvarint(0);
  }
}

export const EndTxnApi: ApiDefinition<EndTxnRequest, EndTxnResponse> = {
  key: 26,
  name: 'EndTxn',
  minVersion: 0,
  maxVersion: 5,
  maxStableVersion: 4,
  flexibleVersion: 3,
  listeners: ['zkBroker', 'broker'],
  readRequest: readEndTxnRequest,
  writeRequest: writeEndTxnRequest,
  defaultRequest: defaultEndTxnRequest,
  readResponse: readEndTxnResponse,
  writeResponse: writeEndTxnResponse,
  defaultResponse: defaultEndTxnResponse,
};
