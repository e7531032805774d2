// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/67-allocate-producer-ids.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface AllocateProducerIdsRequest {
  /** The ID of the requesting broker */
  brokerId: number;
  /** The epoch of the requesting broker */
  brokerEpoch: number;
}

export function defaultAllocateProducerIdsRequest(): AllocateProducerIdsRequest {
  return {
    brokerId: 0,
    brokerEpoch: -1,
  };
}

export function readAllocateProducerIdsRequest(r: Reader, version: number): AllocateProducerIdsRequest {
  const o: AllocateProducerIdsRequest = {
    brokerId: r.int32(),
    brokerEpoch: r.int64(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAllocateProducerIdsRequest(w: Writer, v: AllocateProducerIdsRequest, version: number): void {
  w.int32(v.brokerId);
  w.int64(v.brokerEpoch);
  w.uvarint(0);
}

export interface AllocateProducerIdsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top level response error code */
  errorCode: number;
  /** The first producer ID in this range, inclusive */
  producerIdStart: number;
  /** The number of producer IDs in this range */
  producerIdLen: number;
}

export function defaultAllocateProducerIdsResponse(): AllocateProducerIdsResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    producerIdStart: 0,
    producerIdLen: 0,
  };
}

export function readAllocateProducerIdsResponse(r: Reader, version: number): AllocateProducerIdsResponse {
  const o: AllocateProducerIdsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    producerIdStart: r.int64(),
    producerIdLen: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAllocateProducerIdsResponse(w: Writer, v: AllocateProducerIdsResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.int64(v.producerIdStart);
  w.int32(v.producerIdLen);
  w.uvarint(0);
}

export const AllocateProducerIdsApi: ApiDefinition<AllocateProducerIdsRequest, AllocateProducerIdsResponse> = {
  key: 67,
  name: 'AllocateProducerIds',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['zkBroker', 'controller'],
  readRequest: readAllocateProducerIdsRequest,
  writeRequest: writeAllocateProducerIdsRequest,
  defaultRequest: defaultAllocateProducerIdsRequest,
  readResponse: readAllocateProducerIdsResponse,
  writeResponse: writeAllocateProducerIdsResponse,
  defaultResponse: defaultAllocateProducerIdsResponse,
};
