// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/25-add-offsets-to-txn.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface AddOffsetsToTxnRequest {
  /** The transactional id corresponding to the transaction. */
  transactionalId: string;
  /** Current producer id in use by the transactional id. */
  producerId: number;
  /** Current epoch associated with the producer id. */
  producerEpoch: number;
  /** The unique group identifier. */
  groupId: string;
}

export function defaultAddOffsetsToTxnRequest(): AddOffsetsToTxnRequest {
  return {
    transactionalId: '',
    producerId: 0,
    producerEpoch: 0,
    groupId: '',
  };
}

export function readAddOffsetsToTxnRequest(r: Reader, version: number): AddOffsetsToTxnRequest {
  const flex = version >= 3;
  const o: AddOffsetsToTxnRequest = {
    transactionalId: (r.string(flex) ?? ''),
    producerId: r.int64(),
    producerEpoch: r.int16(),
    groupId: (r.string(flex) ?? ''),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAddOffsetsToTxnRequest(w: Writer, v: AddOffsetsToTxnRequest, version: number): void {
  const flex = version >= 3;
  w.string(v.transactionalId, flex);
  w.int64(v.producerId);
  w.int16(v.producerEpoch);
  w.string(v.groupId, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AddOffsetsToTxnResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The response error code, or 0 if there was no error. */
  errorCode: number;
}

export function defaultAddOffsetsToTxnResponse(): AddOffsetsToTxnResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
  };
}

export function readAddOffsetsToTxnResponse(r: Reader, version: number): AddOffsetsToTxnResponse {
  const flex = version >= 3;
  const o: AddOffsetsToTxnResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAddOffsetsToTxnResponse(w: Writer, v: AddOffsetsToTxnResponse, version: number): void {
  const flex = version >= 3;
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  if (flex) {
    w.uvarint(0);
  }
}

export const AddOffsetsToTxnApi: ApiDefinition<AddOffsetsToTxnRequest, AddOffsetsToTxnResponse> = {
  key: 25,
  name: 'AddOffsetsToTxn',
  minVersion: 0,
  maxVersion: 4,
  maxStableVersion: 4,
  flexibleVersion: 3,
  listeners: ['zkBroker', 'broker'],
  readRequest: readAddOffsetsToTxnRequest,
  writeRequest: writeAddOffsetsToTxnRequest,
  defaultRequest: defaultAddOffsetsToTxnRequest,
  readResponse: readAddOffsetsToTxnResponse,
  writeResponse: writeAddOffsetsToTxnResponse,
  defaultResponse: defaultAddOffsetsToTxnResponse,
};
