// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/61-describe-producers.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface DescribeProducersRequest {
  topics: TopicRequest[];
}

export function defaultDescribeProducersRequest(): DescribeProducersRequest {
  return {
    topics: [],
  };
}

export function readDescribeProducersRequest(r: Reader, version: number): DescribeProducersRequest {
  const flex = true;
  const o: DescribeProducersRequest = {
    topics: (readArray(r, flex, 1, (r) => readTopicRequest(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeDescribeProducersRequest(w: Writer, v: DescribeProducersRequest, version: number): void {
  const flex = true;
  writeArray(w, v.topics, flex, (w, e) => writeTopicRequest(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: TopicRequest = {
    name: (r.string(flex) ?? ''),
    partitionIndexes: (readArray(r, flex, 4, (r) => r.int32()) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeTopicRequest(w: Writer, v: TopicRequest, version: number): void {
  const flex = true;
  w.string(v.name, flex);
  writeArray(w, v.partitionIndexes, flex, (w, e) => w.int32(e));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: DescribeProducersResponse = {
    throttleTimeMs: r.int32(),
    topics: (readArray(r, flex, 1, (r) => readTopicResponse(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeDescribeProducersResponse(w: Writer, v: DescribeProducersResponse, version: number): void {
  const flex = true;
  w.int32(v.throttleTimeMs);
  writeArray(w, v.topics, flex, (w, e) => writeTopicResponse(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: TopicResponse = {
    name: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, (r) => readPartitionResponse(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeTopicResponse(w: Writer, v: TopicResponse, version: number): void {
  const flex = true;
  w.string(v.name, flex);
  writeArray(w, v.partitions, flex, (w, e) => writePartitionResponse(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: PartitionResponse = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(flex),
    activeProducers: (readArray(r, flex, 1, (r) => readProducerState(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writePartitionResponse(w: Writer, v: PartitionResponse, version: number): void {
  const flex = true;
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  w.string(v.errorMessage, flex);
  writeArray(w, v.activeProducers, flex, (w, e) => writeProducerState(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: ProducerState = {
    producerId: r.int64(),
    producerEpoch: r.int32(),
    lastSequence: r.int32(),
    lastTimestamp: r.int64(),
    coordinatorEpoch: r.int32(),
    currentTxnStartOffset: r.int64(),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeProducerState(w: Writer, v: ProducerState, version: number): void {
  const flex = true;
  w.int64(v.producerId);
  w.int32(v.producerEpoch);
  w.int32(v.lastSequence);
  w.int64(v.lastTimestamp);
  w.int32(v.coordinatorEpoch);
  w.int64(v.currentTxnStartOffset);
  if (flex) w.uvarint(0);
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
