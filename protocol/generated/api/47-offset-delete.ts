// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/47-offset-delete.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface OffsetDeleteRequest {
  /** The unique group identifier. */
  groupId: string;
  /** The topics to delete offsets for */
  topics: OffsetDeleteRequestTopic[];
}

export function defaultOffsetDeleteRequest(): OffsetDeleteRequest {
  return {
    groupId: '',
    topics: [],
  };
}

export function readOffsetDeleteRequest(r: Reader, version: number): OffsetDeleteRequest {
  const o: OffsetDeleteRequest = {
    groupId: (r.string(false) ?? ''),
    topics: (readArray(r, false, 1, readOffsetDeleteRequestTopic, version) ?? []),
  };
  return o;
}

export function writeOffsetDeleteRequest(w: Writer, v: OffsetDeleteRequest, version: number): void {
  w.string(v.groupId, false);
  writeArray(w, v.topics, false, writeOffsetDeleteRequestTopic, version);
}

export interface OffsetDeleteRequestTopic {
  /** The topic name. */
  name: string;
  /** Each partition to delete offsets for. */
  partitions: OffsetDeleteRequestPartition[];
}

export function defaultOffsetDeleteRequestTopic(): OffsetDeleteRequestTopic {
  return {
    name: '',
    partitions: [],
  };
}

export function readOffsetDeleteRequestTopic(r: Reader, version: number): OffsetDeleteRequestTopic {
  const o: OffsetDeleteRequestTopic = {
    name: (r.string(false) ?? ''),
    partitions: (readArray(r, false, 1, readOffsetDeleteRequestPartition, version) ?? []),
  };
  return o;
}

export function writeOffsetDeleteRequestTopic(w: Writer, v: OffsetDeleteRequestTopic, version: number): void {
  w.string(v.name, false);
  writeArray(w, v.partitions, false, writeOffsetDeleteRequestPartition, version);
}

export interface OffsetDeleteRequestPartition {
  /** The partition index. */
  partitionIndex: number;
}

export function defaultOffsetDeleteRequestPartition(): OffsetDeleteRequestPartition {
  return {
    partitionIndex: 0,
  };
}

export function readOffsetDeleteRequestPartition(r: Reader, version: number): OffsetDeleteRequestPartition {
  const o: OffsetDeleteRequestPartition = {
    partitionIndex: r.int32(),
  };
  return o;
}

export function writeOffsetDeleteRequestPartition(w: Writer, v: OffsetDeleteRequestPartition, version: number): void {
  w.int32(v.partitionIndex);
}

export interface OffsetDeleteResponse {
  /** The top-level error code, or 0 if there was no error. */
  errorCode: number;
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The responses for each topic. */
  topics: OffsetDeleteResponseTopic[];
}

export function defaultOffsetDeleteResponse(): OffsetDeleteResponse {
  return {
    errorCode: 0,
    throttleTimeMs: 0,
    topics: [],
  };
}

export function readOffsetDeleteResponse(r: Reader, version: number): OffsetDeleteResponse {
  const o: OffsetDeleteResponse = {
    errorCode: r.int16(),
    throttleTimeMs: r.int32(),
    topics: (readArray(r, false, 1, readOffsetDeleteResponseTopic, version) ?? []),
  };
  return o;
}

export function writeOffsetDeleteResponse(w: Writer, v: OffsetDeleteResponse, version: number): void {
  w.int16(v.errorCode);
  w.int32(v.throttleTimeMs);
  writeArray(w, v.topics, false, writeOffsetDeleteResponseTopic, version);
}

export interface OffsetDeleteResponseTopic {
  /** The topic name. */
  name: string;
  /** The responses for each partition in the topic. */
  partitions: OffsetDeleteResponsePartition[];
}

export function defaultOffsetDeleteResponseTopic(): OffsetDeleteResponseTopic {
  return {
    name: '',
    partitions: [],
  };
}

export function readOffsetDeleteResponseTopic(r: Reader, version: number): OffsetDeleteResponseTopic {
  const o: OffsetDeleteResponseTopic = {
    name: (r.string(false) ?? ''),
    partitions: (readArray(r, false, 1, readOffsetDeleteResponsePartition, version) ?? []),
  };
  return o;
}

export function writeOffsetDeleteResponseTopic(w: Writer, v: OffsetDeleteResponseTopic, version: number): void {
  w.string(v.name, false);
  writeArray(w, v.partitions, false, writeOffsetDeleteResponsePartition, version);
}

export interface OffsetDeleteResponsePartition {
  /** The partition index. */
  partitionIndex: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
}

export function defaultOffsetDeleteResponsePartition(): OffsetDeleteResponsePartition {
  return {
    partitionIndex: 0,
    errorCode: 0,
  };
}

export function readOffsetDeleteResponsePartition(r: Reader, version: number): OffsetDeleteResponsePartition {
  const o: OffsetDeleteResponsePartition = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
  };
  return o;
}

export function writeOffsetDeleteResponsePartition(w: Writer, v: OffsetDeleteResponsePartition, version: number): void {
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
}

export const OffsetDeleteApi: ApiDefinition<OffsetDeleteRequest, OffsetDeleteResponse> = {
  key: 47,
  name: 'OffsetDelete',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: -1,
  listeners: ['zkBroker', 'broker'],
  readRequest: readOffsetDeleteRequest,
  writeRequest: writeOffsetDeleteRequest,
  defaultRequest: defaultOffsetDeleteRequest,
  readResponse: readOffsetDeleteResponse,
  writeResponse: writeOffsetDeleteResponse,
  defaultResponse: defaultOffsetDeleteResponse,
};
