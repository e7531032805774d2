// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/21-delete-records.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface DeleteRecordsRequest {
  /** Each topic that we want to delete records from. */
  topics: DeleteRecordsTopic[];
  /** How long to wait for the deletion to complete, in milliseconds. */
  timeoutMs: number;
}

export function defaultDeleteRecordsRequest(): DeleteRecordsRequest {
  return {
    topics: [],
    timeoutMs: 0,
  };
}

export function readDeleteRecordsRequest(r: Reader, version: number): DeleteRecordsRequest {
  const flex = version >= 2;
  const o: DeleteRecordsRequest = {
    topics: (readArray(r, flex, 1, readDeleteRecordsTopic, version) ?? []),
    timeoutMs: r.int32(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeleteRecordsRequest(w: Writer, v: DeleteRecordsRequest, version: number): void {
  const flex = version >= 2;
  writeArray(w, v.topics, flex, writeDeleteRecordsTopic, version);
  w.int32(v.timeoutMs);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DeleteRecordsTopic {
  /** The topic name. */
  name: string;
  /** Each partition that we want to delete records from. */
  partitions: DeleteRecordsPartition[];
}

export function defaultDeleteRecordsTopic(): DeleteRecordsTopic {
  return {
    name: '',
    partitions: [],
  };
}

export function readDeleteRecordsTopic(r: Reader, version: number): DeleteRecordsTopic {
  const flex = version >= 2;
  const o: DeleteRecordsTopic = {
    name: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readDeleteRecordsPartition, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeleteRecordsTopic(w: Writer, v: DeleteRecordsTopic, version: number): void {
  const flex = version >= 2;
  w.string(v.name, flex);
  writeArray(w, v.partitions, flex, writeDeleteRecordsPartition, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DeleteRecordsPartition {
  /** The partition index. */
  partitionIndex: number;
  /** The deletion offset. */
  offset: number;
}

export function defaultDeleteRecordsPartition(): DeleteRecordsPartition {
  return {
    partitionIndex: 0,
    offset: 0,
  };
}

export function readDeleteRecordsPartition(r: Reader, version: number): DeleteRecordsPartition {
  const flex = version >= 2;
  const o: DeleteRecordsPartition = {
    partitionIndex: r.int32(),
    offset: r.int64(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeleteRecordsPartition(w: Writer, v: DeleteRecordsPartition, version: number): void {
  const flex = version >= 2;
  w.int32(v.partitionIndex);
  w.int64(v.offset);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DeleteRecordsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** Each topic that we wanted to delete records from. */
  topics: DeleteRecordsTopicResult[];
}

export function defaultDeleteRecordsResponse(): DeleteRecordsResponse {
  return {
    throttleTimeMs: 0,
    topics: [],
  };
}

export function readDeleteRecordsResponse(r: Reader, version: number): DeleteRecordsResponse {
  const flex = version >= 2;
  const o: DeleteRecordsResponse = {
    throttleTimeMs: r.int32(),
    topics: (readArray(r, flex, 1, readDeleteRecordsTopicResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeleteRecordsResponse(w: Writer, v: DeleteRecordsResponse, version: number): void {
  const flex = version >= 2;
  w.int32(v.throttleTimeMs);
  writeArray(w, v.topics, flex, writeDeleteRecordsTopicResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DeleteRecordsTopicResult {
  /** The topic name. */
  name: string;
  /** Each partition that we wanted to delete records from. */
  partitions: DeleteRecordsPartitionResult[];
}

export function defaultDeleteRecordsTopicResult(): DeleteRecordsTopicResult {
  return {
    name: '',
    partitions: [],
  };
}

export function readDeleteRecordsTopicResult(r: Reader, version: number): DeleteRecordsTopicResult {
  const flex = version >= 2;
  const o: DeleteRecordsTopicResult = {
    name: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readDeleteRecordsPartitionResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeleteRecordsTopicResult(w: Writer, v: DeleteRecordsTopicResult, version: number): void {
  const flex = version >= 2;
  w.string(v.name, flex);
  writeArray(w, v.partitions, flex, writeDeleteRecordsPartitionResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DeleteRecordsPartitionResult {
  /** The partition index. */
  partitionIndex: number;
  /** The partition low water mark. */
  lowWatermark: number;
  /** The deletion error code, or 0 if the deletion succeeded. */
  errorCode: number;
}

export function defaultDeleteRecordsPartitionResult(): DeleteRecordsPartitionResult {
  return {
    partitionIndex: 0,
    lowWatermark: 0,
    errorCode: 0,
  };
}

export function readDeleteRecordsPartitionResult(r: Reader, version: number): DeleteRecordsPartitionResult {
  const flex = version >= 2;
  const o: DeleteRecordsPartitionResult = {
    partitionIndex: r.int32(),
    lowWatermark: r.int64(),
    errorCode: r.int16(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeleteRecordsPartitionResult(w: Writer, v: DeleteRecordsPartitionResult, version: number): void {
  const flex = version >= 2;
  w.int32(v.partitionIndex);
  w.int64(v.lowWatermark);
  w.int16(v.errorCode);
  if (flex) {
    w.uvarint(0);
  }
}

export const DeleteRecordsApi: ApiDefinition<DeleteRecordsRequest, DeleteRecordsResponse> = {
  key: 21,
  name: 'DeleteRecords',
  minVersion: 0,
  maxVersion: 2,
  maxStableVersion: 2,
  flexibleVersion: 2,
  listeners: ['zkBroker', 'broker'],
  readRequest: readDeleteRecordsRequest,
  writeRequest: writeDeleteRecordsRequest,
  defaultRequest: defaultDeleteRecordsRequest,
  readResponse: readDeleteRecordsResponse,
  writeResponse: writeDeleteRecordsResponse,
  defaultResponse: defaultDeleteRecordsResponse,
};
