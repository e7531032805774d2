// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/22-init-producer-id.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface InitProducerIdRequest {
  /** The transactional id, or null if the producer is not transactional. */
  transactionalId: string | null;
  /** The time in ms to wait before aborting idle transactions sent by this producer. This is only relevant if a TransactionalId has been defined. */
  transactionTimeoutMs: number;
  /** The producer id. This is used to disambiguate requests if a transactional id is reused following its expiration. */
  producerId: number;
  /** The producer's current epoch. This will be checked against the producer epoch on the broker, and the request will return an error if they do not match. */
  producerEpoch: number;
}

export function defaultInitProducerIdRequest(): InitProducerIdRequest {
  return {
    transactionalId: '',
    transactionTimeoutMs: 0,
    producerId: -1,
    producerEpoch: -1,
  };
}

export function readInitProducerIdRequest(r: Reader, version: number): InitProducerIdRequest {
  const flex = version >= 2;
  const o: InitProducerIdRequest = {
    transactionalId: r.string(flex),
    transactionTimeoutMs: r.int32(),
    producerId: version >= 3 ? r.int64() : -1,
    producerEpoch: version >= 3 ? r.int16() : -1,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeInitProducerIdRequest(w: Writer, v: InitProducerIdRequest, version: number): void {
  const flex = version >= 2;
  w.string(v.transactionalId, flex);
  w.int32(v.transactionTimeoutMs);
  if (version >= 3) w.int64(v.producerId);
  if (version >= 3) w.int16(v.producerEpoch);
  if (flex) {
    w.uvarint(0);
  }
}

export interface InitProducerIdResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The current producer id. */
  producerId: number;
  /** The current epoch associated with the producer id. */
  producerEpoch: number;
}

export function defaultInitProducerIdResponse(): InitProducerIdResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    producerId: -1,
    producerEpoch: 0,
  };
}

export function readInitProducerIdResponse(r: Reader, version: number): InitProducerIdResponse {
  const flex = version >= 2;
  const o: InitProducerIdResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    producerId: r.int64(),
    producerEpoch: r.int16(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeInitProducerIdResponse(w: Writer, v: InitProducerIdResponse, version: number): void {
  const flex = version >= 2;
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.int64(v.producerId);
  w.int16(v.producerEpoch);
  if (flex) {
    w.uvarint(0);
  }
}

export const InitProducerIdApi: ApiDefinition<InitProducerIdRequest, InitProducerIdResponse> = {
  key: 22,
  name: 'InitProducerId',
  minVersion: 0,
  maxVersion: 5,
  maxStableVersion: 5,
  flexibleVersion: 2,
  listeners: ['zkBroker', 'broker'],
  readRequest: readInitProducerIdRequest,
  writeRequest: writeInitProducerIdRequest,
  defaultRequest: defaultInitProducerIdRequest,
  readResponse: readInitProducerIdResponse,
  writeResponse: writeInitProducerIdResponse,
  defaultResponse: defaultInitProducerIdResponse,
};
