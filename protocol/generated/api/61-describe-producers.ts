// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/61-describe-producers.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface DescribeProducersRequest {
  topics: TopicRequest[];
}

export function defaultDescribeProducersRequest(): DescribeProducersRequest {
  return {
    topics: [],
  };
}

export function readDescribeProducersRequest(r: Reader, version: number): DescribeProducersRequest {
  const o: DescribeProducersRequest = {
    topics: (readArray(r, true, 1, readTopicRequest, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeProducersRequest(w: Writer, v: DescribeProducersRequest, version: number): void {
  writeArray(w, v.topics, true, writeTopicRequest, version);
  w.uvarint(0);
}

export interface TopicRequest {
  /** The topic name. */
  name: string;
  /** The indexes of the partitions to list producers for. */
  partitionIndexes: number[];
}

export function defaultTopicRequest(): TopicRequest {
  return {
    name: '',
    partitionIndexes: [],
  };
}

export function readTopicRequest(r: Reader, version: number): TopicRequest {
  const o: TopicRequest = {
    name: (r.string(true) ?? ''),
    partitionIndexes: (readInt32Array(r, true) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeTopicRequest(w: Writer, v: TopicRequest, version: number): void {
  w.string(v.name, true);
  writeInt32Array(w, v.partitionIndexes, true);
  w.uvarint(0);
}

export interface DescribeProducersResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** Each topic in the response. */
  topics: TopicResponse[];
}

export function defaultDescribeProducersResponse(): DescribeProducersResponse {
  return {
    throttleTimeMs: 0,
    topics: [],
  };
}

export function readDescribeProducersResponse(r: Reader, version: number): DescribeProducersResponse {
  const o: DescribeProducersResponse = {
    throttleTimeMs: r.int32(),
    topics: (readArray(r, true, 1, readTopicResponse, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeProducersResponse(w: Writer, v: DescribeProducersResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  writeArray(w, v.topics, true, writeTopicResponse, version);
  w.uvarint(0);
}

export interface TopicResponse {
  /** The topic name */
  name: string;
  /** Each partition in the response. */
  partitions: PartitionResponse[];
}

export function defaultTopicResponse(): TopicResponse {
  return {
    name: '',
    partitions: [],
  };
}

export function readTopicResponse(r: Reader, version: number): TopicResponse {
  const o: TopicResponse = {
    name: (r.string(true) ?? ''),
    partitions: (readArray(r, true, 1, readPartitionResponse, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeTopicResponse(w: Writer, v: TopicResponse, version: number): void {
  w.string(v.name, true);
  writeArray(w, v.partitions, true, writePartitionResponse, version);
  w.uvarint(0);
}

export interface PartitionResponse {
  /** The partition index. */
  partitionIndex: number;
  /** The partition error code, or 0 if there was no error. */
  errorCode: number;
  /** The partition error message, which may be null if no additional details are available */
  errorMessage: string | null;
  activeProducers: ProducerState[];
}

export function defaultPartitionResponse(): PartitionResponse {
  return {
    partitionIndex: 0,
    errorCode: 0,
    errorMessage: null,
    activeProducers: [],
  };
}

export function readPartitionResponse(r: Reader, version: number): PartitionResponse {
  const o: PartitionResponse = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(true),
    activeProducers: (readArray(r, true, 1, readProducerState, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writePartitionResponse(w: Writer, v: PartitionResponse, version: number): void {
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  w.string(v.errorMessage, true);
  writeArray(w, v.activeProducers, true, writeProducerState, version);
  w.uvarint(0);
}

export interface ProducerState {
  producerId: number;
  producerEpoch: number;
  lastSequence: number;
  lastTimestamp: number;
  coordinatorEpoch: number;
  currentTxnStartOffset: number;
}

export function defaultProducerState(): ProducerState {
  return {
    producerId: 0,
    producerEpoch: 0,
    lastSequence: -1,
    lastTimestamp: -1,
    coordinatorEpoch: 0,
    currentTxnStartOffset: -1,
  };
}

export function readProducerState(r: Reader, version: number): ProducerState {
  const o: ProducerState = {
    producerId: r.int64(),
    producerEpoch: r.int32(),
    lastSequence: r.int32(),
    lastTimestamp: r.int64(),
    coordinatorEpoch: r.int32(),
    currentTxnStartOffset: r.int64(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeProducerState(w: Writer, v: ProducerState, version: number): void {
  w.int64(v.producerId);
  w.int32(v.producerEpoch);
  w.int32(v.lastSequence);
  w.int64(v.lastTimestamp);
  w.int32(v.coordinatorEpoch);
  w.int64(v.currentTxnStartOffset);
  w.uvarint(0);
}

export const DescribeProducersApi: ApiDefinition<DescribeProducersRequest, DescribeProducersResponse> = {
  key: 61,
  name: 'DescribeProducers',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['zkBroker', 'broker'],
  readRequest: readDescribeProducersRequest,
  writeRequest: writeDescribeProducersRequest,
  defaultRequest: defaultDescribeProducersRequest,
  readResponse: readDescribeProducersResponse,
  writeResponse: writeDescribeProducersResponse,
  defaultResponse: defaultDescribeProducersResponse,
};
