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
  const flex = false;
  const o: OffsetDeleteRequest = {
    groupId: (r.string(flex) ?? ''),
    topics: (readArray(r, flex, 1, (r) => readOffsetDeleteRequestTopic(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeOffsetDeleteRequest(w: Writer, v: OffsetDeleteRequest, version: number): void {
  const flex = false;
  w.string(v.groupId, flex);
  writeArray(w, v.topics, flex, (w, e) => writeOffsetDeleteRequestTopic(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = false;
  const o: OffsetDeleteRequestTopic = {
    name: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, (r) => readOffsetDeleteRequestPartition(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeOffsetDeleteRequestTopic(w: Writer, v: OffsetDeleteRequestTopic, version: number): void {
  const flex = false;
  w.string(v.name, flex);
  writeArray(w, v.partitions, flex, (w, e) => writeOffsetDeleteRequestPartition(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = false;
  const o: OffsetDeleteRequestPartition = {
    partitionIndex: r.int32(),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeOffsetDeleteRequestPartition(w: Writer, v: OffsetDeleteRequestPartition, version: number): void {
  const flex = false;
  w.int32(v.partitionIndex);
  if (flex) w.uvarint(0);
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
  const flex = false;
  const o: OffsetDeleteResponse = {
    errorCode: r.int16(),
    throttleTimeMs: r.int32(),
    topics: (readArray(r, flex, 1, (r) => readOffsetDeleteResponseTopic(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeOffsetDeleteResponse(w: Writer, v: OffsetDeleteResponse, version: number): void {
  const flex = false;
  w.int16(v.errorCode);
  w.int32(v.throttleTimeMs);
  writeArray(w, v.topics, flex, (w, e) => writeOffsetDeleteResponseTopic(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = false;
  const o: OffsetDeleteResponseTopic = {
    name: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, (r) => readOffsetDeleteResponsePartition(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeOffsetDeleteResponseTopic(w: Writer, v: OffsetDeleteResponseTopic, version: number): void {
  const flex = false;
  w.string(v.name, flex);
  writeArray(w, v.partitions, flex, (w, e) => writeOffsetDeleteResponsePartition(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = false;
  const o: OffsetDeleteResponsePartition = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeOffsetDeleteResponsePartition(w: Writer, v: OffsetDeleteResponsePartition, version: number): void {
  const flex = false;
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  if (flex) w.uvarint(0);
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
