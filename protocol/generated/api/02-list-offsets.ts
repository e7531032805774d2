// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/02-list-offsets.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt64Array, writeInt64Array } from '../scalar-arrays.js';

export interface ListOffsetsRequest {
  /** The broker ID of the requester, or -1 if this request is being made by a normal consumer. */
  replicaId: number;
  /** This setting controls the visibility of transactional records. Using READ_UNCOMMITTED (isolation_level = 0) makes all records visible. With READ_COMMITTED (isolation_level = 1), non-transactional and COMMITTED transactional records are visible. To be more concrete, READ_COMMITTED returns all data from offsets smaller than the current LSO (last stable offset), and enables the inclusion of the list of aborted transactions in the result, which allows consumers to discard ABORTED transactional records */
  isolationLevel: number;
  /** Each topic in the request. */
  topics: ListOffsetsTopic[];
  /** The timeout to await a response in milliseconds for requests that require reading from remote storage for topics enabled with tiered storage. */
  timeoutMs: number;
}

export function defaultListOffsetsRequest(): ListOffsetsRequest {
  return {
    replicaId: 0,
    isolationLevel: 0,
    topics: [],
    timeoutMs: 0,
  };
}

export function readListOffsetsRequest(r: Reader, version: number): ListOffsetsRequest {
  const flex = version >= 6;
  const o: ListOffsetsRequest = {
    replicaId: r.int32(),
    isolationLevel: version >= 2 ? r.int8() : 0,
    topics: (readArray(r, flex, 1, readListOffsetsTopic, version) ?? []),
    timeoutMs: version >= 10 ? r.int32() : 0,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeListOffsetsRequest(w: Writer, v: ListOffsetsRequest, version: number): void {
  const flex = version >= 6;
  w.int32(v.replicaId);
  if (version >= 2) w.int8(v.isolationLevel);
  writeArray(w, v.topics, flex, writeListOffsetsTopic, version);
  if (version >= 10) w.int32(v.timeoutMs);
  if (flex) {
    w.uvarint(0);
  }
}

export interface ListOffsetsTopic {
  /** The topic name. */
  name: string;
  /** Each partition in the request. */
  partitions: ListOffsetsPartition[];
}

export function defaultListOffsetsTopic(): ListOffsetsTopic {
  return {
    name: '',
    partitions: [],
  };
}

export function readListOffsetsTopic(r: Reader, version: number): ListOffsetsTopic {
  const flex = version >= 6;
  const o: ListOffsetsTopic = {
    name: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readListOffsetsPartition, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeListOffsetsTopic(w: Writer, v: ListOffsetsTopic, version: number): void {
  const flex = version >= 6;
  w.string(v.name, flex);
  writeArray(w, v.partitions, flex, writeListOffsetsPartition, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface ListOffsetsPartition {
  /** The partition index. */
  partitionIndex: number;
  /** The current leader epoch. */
  currentLeaderEpoch: number;
  /** The current timestamp. */
  timestamp: number;
  /** The maximum number of offsets to report. */
  maxNumOffsets: number;
}

export function defaultListOffsetsPartition(): ListOffsetsPartition {
  return {
    partitionIndex: 0,
    currentLeaderEpoch: -1,
    timestamp: 0,
    maxNumOffsets: 1,
  };
}

export function readListOffsetsPartition(r: Reader, version: number): ListOffsetsPartition {
  const flex = version >= 6;
  const o: ListOffsetsPartition = {
    partitionIndex: r.int32(),
    currentLeaderEpoch: version >= 4 ? r.int32() : -1,
    timestamp: r.int64(),
    maxNumOffsets: version === 0 ? r.int32() : 1,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeListOffsetsPartition(w: Writer, v: ListOffsetsPartition, version: number): void {
  const flex = version >= 6;
  w.int32(v.partitionIndex);
  if (version >= 4) w.int32(v.currentLeaderEpoch);
  w.int64(v.timestamp);
  if (version === 0) w.int32(v.maxNumOffsets);
  if (flex) {
    w.uvarint(0);
  }
}

export interface ListOffsetsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** Each topic in the response. */
  topics: ListOffsetsTopicResponse[];
}

export function defaultListOffsetsResponse(): ListOffsetsResponse {
  return {
    throttleTimeMs: 0,
    topics: [],
  };
}

export function readListOffsetsResponse(r: Reader, version: number): ListOffsetsResponse {
  const flex = version >= 6;
  const o: ListOffsetsResponse = {
    throttleTimeMs: version >= 2 ? r.int32() : 0,
    topics: (readArray(r, flex, 1, readListOffsetsTopicResponse, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeListOffsetsResponse(w: Writer, v: ListOffsetsResponse, version: number): void {
  const flex = version >= 6;
  if (version >= 2) w.int32(v.throttleTimeMs);
  writeArray(w, v.topics, flex, writeListOffsetsTopicResponse, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface ListOffsetsTopicResponse {
  /** The topic name */
  name: string;
  /** Each partition in the response. */
  partitions: ListOffsetsPartitionResponse[];
}

export function defaultListOffsetsTopicResponse(): ListOffsetsTopicResponse {
  return {
    name: '',
    partitions: [],
  };
}

export function readListOffsetsTopicResponse(r: Reader, version: number): ListOffsetsTopicResponse {
  const flex = version >= 6;
  const o: ListOffsetsTopicResponse = {
    name: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readListOffsetsPartitionResponse, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeListOffsetsTopicResponse(w: Writer, v: ListOffsetsTopicResponse, version: number): void {
  const flex = version >= 6;
  w.string(v.name, flex);
  writeArray(w, v.partitions, flex, writeListOffsetsPartitionResponse, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface ListOffsetsPartitionResponse {
  /** The partition index. */
  partitionIndex: number;
  /** The partition error code, or 0 if there was no error. */
  errorCode: number;
  /** The result offsets. */
  oldStyleOffsets: number[];
  /** The timestamp associated with the returned offset. */
  timestamp: number;
  /** The returned offset. */
  offset: number;
  leaderEpoch: number;
}

export function defaultListOffsetsPartitionResponse(): ListOffsetsPartitionResponse {
  return {
    partitionIndex: 0,
    errorCode: 0,
    oldStyleOffsets: [],
    timestamp: -1,
    offset: -1,
    leaderEpoch: -1,
  };
}

export function readListOffsetsPartitionResponse(r: Reader, version: number): ListOffsetsPartitionResponse {
  const flex = version >= 6;
  const o: ListOffsetsPartitionResponse = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    oldStyleOffsets: version === 0 ? (readInt64Array(r, flex) ?? []) : [],
    timestamp: version >= 1 ? r.int64() : -1,
    offset: version >= 1 ? r.int64() : -1,
    leaderEpoch: version >= 4 ? r.int32() : -1,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeListOffsetsPartitionResponse(w: Writer, v: ListOffsetsPartitionResponse, version: number): void {
  const flex = version >= 6;
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  if (version === 0) writeInt64Array(w, v.oldStyleOffsets, flex);
  if (version >= 1) w.int64(v.timestamp);
  if (version >= 1) w.int64(v.offset);
  if (version >= 4) w.int32(v.leaderEpoch);
  if (flex) {
    w.uvarint(0);
  }
}

export const ListOffsetsApi: ApiDefinition<ListOffsetsRequest, ListOffsetsResponse> = {
  key: 2,
  name: 'ListOffsets',
  minVersion: 0,
  maxVersion: 10,
  maxStableVersion: 10,
  flexibleVersion: 6,
  listeners: ['zkBroker', 'broker'],
  readRequest: readListOffsetsRequest,
  writeRequest: writeListOffsetsRequest,
  defaultRequest: defaultListOffsetsRequest,
  readResponse: readListOffsetsResponse,
  writeResponse: writeListOffsetsResponse,
  defaultResponse: defaultListOffsetsResponse,
};
