// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/09-offset-fetch.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface OffsetFetchRequest {
  /** The group to fetch offsets for. */
  groupId: string;
  /** Each topic we would like to fetch offsets for, or null to fetch offsets for all topics. */
  topics: OffsetFetchRequestTopic[] | null;
  /** Each group we would like to fetch offsets for */
  groups: OffsetFetchRequestGroup[];
  /** Whether broker should hold on returning unstable offsets but set a retriable error code for the partitions. */
  requireStable: boolean;
}

export function defaultOffsetFetchRequest(): OffsetFetchRequest {
  return {
    groupId: '',
    topics: [],
    groups: [],
    requireStable: false,
  };
}

export function readOffsetFetchRequest(r: Reader, version: number): OffsetFetchRequest {
  const flex = version >= 6;
  const o: OffsetFetchRequest = {
    groupId: version <= 7 ? (r.string(flex) ?? '') : '',
    topics: version <= 7 ? readArray(r, flex, 1, readOffsetFetchRequestTopic, version) : [],
    groups: version >= 8 ? (readArray(r, flex, 1, readOffsetFetchRequestGroup, version) ?? []) : [],
    requireStable: version >= 7 ? r.bool() : false,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetFetchRequest(w: Writer, v: OffsetFetchRequest, version: number): void {
  const flex = version >= 6;
  if (version <= 7) w.string(v.groupId, flex);
  if (version <= 7) writeArray(w, (version >= 2 && version <= 7 ? v.topics : v.topics ?? []), flex, writeOffsetFetchRequestTopic, version);
  if (version >= 8) writeArray(w, v.groups, flex, writeOffsetFetchRequestGroup, version);
  if (version >= 7) w.bool(v.requireStable);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetFetchRequestTopic {
  /** The topic name. */
  name: string;
  /** The partition indexes we would like to fetch offsets for. */
  partitionIndexes: number[];
}

export function defaultOffsetFetchRequestTopic(): OffsetFetchRequestTopic {
  return {
    name: '',
    partitionIndexes: [],
  };
}

export function readOffsetFetchRequestTopic(r: Reader, version: number): OffsetFetchRequestTopic {
  const flex = version >= 6;
  const o: OffsetFetchRequestTopic = {
    name: version <= 7 ? (r.string(flex) ?? '') : '',
    partitionIndexes: version <= 7 ? (readInt32Array(r, flex) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetFetchRequestTopic(w: Writer, v: OffsetFetchRequestTopic, version: number): void {
  const flex = version >= 6;
  if (version <= 7) w.string(v.name, flex);
  if (version <= 7) writeInt32Array(w, v.partitionIndexes, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetFetchRequestGroup {
  /** The group ID. */
  groupId: string;
  /** The member ID assigned by the group coordinator if using the new consumer protocol (KIP-848). */
  memberId: string | null;
  /** The member epoch if using the new consumer protocol (KIP-848). */
  memberEpoch: number;
  /** Each topic we would like to fetch offsets for, or null to fetch offsets for all topics. */
  topics: OffsetFetchRequestTopics[] | null;
}

export function defaultOffsetFetchRequestGroup(): OffsetFetchRequestGroup {
  return {
    groupId: '',
    memberId: null,
    memberEpoch: -1,
    topics: [],
  };
}

export function readOffsetFetchRequestGroup(r: Reader, version: number): OffsetFetchRequestGroup {
  const flex = version >= 6;
  const o: OffsetFetchRequestGroup = {
    groupId: version >= 8 ? (r.string(flex) ?? '') : '',
    memberId: version >= 9 ? r.string(flex) : null,
    memberEpoch: version >= 9 ? r.int32() : -1,
    topics: version >= 8 ? readArray(r, flex, 1, readOffsetFetchRequestTopics, version) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetFetchRequestGroup(w: Writer, v: OffsetFetchRequestGroup, version: number): void {
  const flex = version >= 6;
  if (version >= 8) w.string(v.groupId, flex);
  if (version >= 9) w.string(v.memberId, flex);
  if (version >= 9) w.int32(v.memberEpoch);
  if (version >= 8) writeArray(w, v.topics, flex, writeOffsetFetchRequestTopics, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetFetchRequestTopics {
  /** The topic name. */
  name: string;
  /** The partition indexes we would like to fetch offsets for. */
  partitionIndexes: number[];
}

export function defaultOffsetFetchRequestTopics(): OffsetFetchRequestTopics {
  return {
    name: '',
    partitionIndexes: [],
  };
}

export function readOffsetFetchRequestTopics(r: Reader, version: number): OffsetFetchRequestTopics {
  const flex = version >= 6;
  const o: OffsetFetchRequestTopics = {
    name: version >= 8 ? (r.string(flex) ?? '') : '',
    partitionIndexes: version >= 8 ? (readInt32Array(r, flex) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetFetchRequestTopics(w: Writer, v: OffsetFetchRequestTopics, version: number): void {
  const flex = version >= 6;
  if (version >= 8) w.string(v.name, flex);
  if (version >= 8) writeInt32Array(w, v.partitionIndexes, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetFetchResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The responses per topic. */
  topics: OffsetFetchResponseTopic[];
  /** The top-level error code, or 0 if there was no error. */
  errorCode: number;
  /** The responses per group id. */
  groups: OffsetFetchResponseGroup[];
}

export function defaultOffsetFetchResponse(): OffsetFetchResponse {
  return {
    throttleTimeMs: 0,
    topics: [],
    errorCode: 0,
    groups: [],
  };
}

export function readOffsetFetchResponse(r: Reader, version: number): OffsetFetchResponse {
  const flex = version >= 6;
  const o: OffsetFetchResponse = {
    throttleTimeMs: version >= 3 ? r.int32() : 0,
    topics: version <= 7 ? (readArray(r, flex, 1, readOffsetFetchResponseTopic, version) ?? []) : [],
    errorCode: version >= 2 && version <= 7 ? r.int16() : 0,
    groups: version >= 8 ? (readArray(r, flex, 1, readOffsetFetchResponseGroup, version) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetFetchResponse(w: Writer, v: OffsetFetchResponse, version: number): void {
  const flex = version >= 6;
  if (version >= 3) w.int32(v.throttleTimeMs);
  if (version <= 7) writeArray(w, v.topics, flex, writeOffsetFetchResponseTopic, version);
  if (version >= 2 && version <= 7) w.int16(v.errorCode);
  if (version >= 8) writeArray(w, v.groups, flex, writeOffsetFetchResponseGroup, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetFetchResponseTopic {
  /** The topic name. */
  name: string;
  /** The responses per partition */
  partitions: OffsetFetchResponsePartition[];
}

export function defaultOffsetFetchResponseTopic(): OffsetFetchResponseTopic {
  return {
    name: '',
    partitions: [],
  };
}

export function readOffsetFetchResponseTopic(r: Reader, version: number): OffsetFetchResponseTopic {
  const flex = version >= 6;
  const o: OffsetFetchResponseTopic = {
    name: version <= 7 ? (r.string(flex) ?? '') : '',
    partitions: version <= 7 ? (readArray(r, flex, 1, readOffsetFetchResponsePartition, version) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetFetchResponseTopic(w: Writer, v: OffsetFetchResponseTopic, version: number): void {
  const flex = version >= 6;
  if (version <= 7) w.string(v.name, flex);
  if (version <= 7) writeArray(w, v.partitions, flex, writeOffsetFetchResponsePartition, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetFetchResponsePartition {
  /** The partition index. */
  partitionIndex: number;
  /** The committed message offset. */
  committedOffset: number;
  /** The leader epoch. */
  committedLeaderEpoch: number;
  /** The partition metadata. */
  metadata: string | null;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
}

export function defaultOffsetFetchResponsePartition(): OffsetFetchResponsePartition {
  return {
    partitionIndex: 0,
    committedOffset: 0,
    committedLeaderEpoch: -1,
    metadata: '',
    errorCode: 0,
  };
}

export function readOffsetFetchResponsePartition(r: Reader, version: number): OffsetFetchResponsePartition {
  const flex = version >= 6;
  const o: OffsetFetchResponsePartition = {
    partitionIndex: version <= 7 ? r.int32() : 0,
    committedOffset: version <= 7 ? r.int64() : 0,
    committedLeaderEpoch: version >= 5 && version <= 7 ? r.int32() : -1,
    metadata: version <= 7 ? r.string(flex) : '',
    errorCode: version <= 7 ? r.int16() : 0,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetFetchResponsePartition(w: Writer, v: OffsetFetchResponsePartition, version: number): void {
  const flex = version >= 6;
  if (version <= 7) w.int32(v.partitionIndex);
  if (version <= 7) w.int64(v.committedOffset);
  if (version >= 5 && version <= 7) w.int32(v.committedLeaderEpoch);
  if (version <= 7) w.string(v.metadata, flex);
  if (version <= 7) w.int16(v.errorCode);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetFetchResponseGroup {
  /** The group ID. */
  groupId: string;
  /** The responses per topic. */
  topics: OffsetFetchResponseTopics[];
  /** The group-level error code, or 0 if there was no error. */
  errorCode: number;
}

export function defaultOffsetFetchResponseGroup(): OffsetFetchResponseGroup {
  return {
    groupId: '',
    topics: [],
    errorCode: 0,
  };
}

export function readOffsetFetchResponseGroup(r: Reader, version: number): OffsetFetchResponseGroup {
  const flex = version >= 6;
  const o: OffsetFetchResponseGroup = {
    groupId: version >= 8 ? (r.string(flex) ?? '') : '',
    topics: version >= 8 ? (readArray(r, flex, 1, readOffsetFetchResponseTopics, version) ?? []) : [],
    errorCode: version >= 8 ? r.int16() : 0,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetFetchResponseGroup(w: Writer, v: OffsetFetchResponseGroup, version: number): void {
  const flex = version >= 6;
  if (version >= 8) w.string(v.groupId, flex);
  if (version >= 8) writeArray(w, v.topics, flex, writeOffsetFetchResponseTopics, version);
  if (version >= 8) w.int16(v.errorCode);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetFetchResponseTopics {
  /** The topic name. */
  name: string;
  /** The responses per partition */
  partitions: OffsetFetchResponsePartitions[];
}

export function defaultOffsetFetchResponseTopics(): OffsetFetchResponseTopics {
  return {
    name: '',
    partitions: [],
  };
}

export function readOffsetFetchResponseTopics(r: Reader, version: number): OffsetFetchResponseTopics {
  const flex = version >= 6;
  const o: OffsetFetchResponseTopics = {
    name: version >= 8 ? (r.string(flex) ?? '') : '',
    partitions: version >= 8 ? (readArray(r, flex, 1, readOffsetFetchResponsePartitions, version) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetFetchResponseTopics(w: Writer, v: OffsetFetchResponseTopics, version: number): void {
  const flex = version >= 6;
  if (version >= 8) w.string(v.name, flex);
  if (version >= 8) writeArray(w, v.partitions, flex, writeOffsetFetchResponsePartitions, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetFetchResponsePartitions {
  /** The partition index. */
  partitionIndex: number;
  /** The committed message offset. */
  committedOffset: number;
  /** The leader epoch. */
  committedLeaderEpoch: number;
  /** The partition metadata. */
  metadata: string | null;
  /** The partition-level error code, or 0 if there was no error. */
  errorCode: number;
}

export function defaultOffsetFetchResponsePartitions(): OffsetFetchResponsePartitions {
  return {
    partitionIndex: 0,
    committedOffset: 0,
    committedLeaderEpoch: -1,
    metadata: '',
    errorCode: 0,
  };
}

export function readOffsetFetchResponsePartitions(r: Reader, version: number): OffsetFetchResponsePartitions {
  const flex = version >= 6;
  const o: OffsetFetchResponsePartitions = {
    partitionIndex: version >= 8 ? r.int32() : 0,
    committedOffset: version >= 8 ? r.int64() : 0,
    committedLeaderEpoch: version >= 8 ? r.int32() : -1,
    metadata: version >= 8 ? r.string(flex) : '',
    errorCode: version >= 8 ? r.int16() : 0,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetFetchResponsePartitions(w: Writer, v: OffsetFetchResponsePartitions, version: number): void {
  const flex = version >= 6;
  if (version >= 8) w.int32(v.partitionIndex);
  if (version >= 8) w.int64(v.committedOffset);
  if (version >= 8) w.int32(v.committedLeaderEpoch);
  if (version >= 8) w.string(v.metadata, flex);
  if (version >= 8) w.int16(v.errorCode);
  if (flex) {
    w.uvarint(0);
  }
}

export const OffsetFetchApi: ApiDefinition<OffsetFetchRequest, OffsetFetchResponse> = {
  key: 9,
  name: 'OffsetFetch',
  minVersion: 0,
  maxVersion: 9,
  maxStableVersion: 9,
  flexibleVersion: 6,
  listeners: ['zkBroker', 'broker'],
  readRequest: readOffsetFetchRequest,
  writeRequest: writeOffsetFetchRequest,
  defaultRequest: defaultOffsetFetchRequest,
  readResponse: readOffsetFetchResponse,
  writeResponse: writeOffsetFetchResponse,
  defaultResponse: defaultOffsetFetchResponse,
};
