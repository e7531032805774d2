// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/08-offset-commit.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface OffsetCommitRequest {
  /** The unique group identifier. */
  groupId: string;
  /** The generation of the group if using the classic group protocol or the member epoch if using the consumer protocol. */
  generationIdOrMemberEpoch: number;
  /** The member ID assigned by the group coordinator. */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId: string | null;
  /** The time period in ms to retain the offset. */
  retentionTimeMs: number;
  /** The topics to commit offsets for. */
  topics: OffsetCommitRequestTopic[];
}

export function defaultOffsetCommitRequest(): OffsetCommitRequest {
  return {
    groupId: '',
    generationIdOrMemberEpoch: -1,
    memberId: '',
    groupInstanceId: null,
    retentionTimeMs: -1,
    topics: [],
  };
}

export function readOffsetCommitRequest(r: Reader, version: number): OffsetCommitRequest {
  const flex = version >= 8;
  const o: OffsetCommitRequest = {
    groupId: (r.string(flex) ?? ''),
    generationIdOrMemberEpoch: version >= 1 ? r.int32() : -1,
    memberId: version >= 1 ? (r.string(flex) ?? '') : '',
    groupInstanceId: version >= 7 ? r.string(flex) : null,
    retentionTimeMs: version >= 2 && version <= 4 ? r.int64() : -1,
    topics: (readArray(r, flex, 1, readOffsetCommitRequestTopic, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetCommitRequest(w: Writer, v: OffsetCommitRequest, version: number): void {
  const flex = version >= 8;
  w.string(v.groupId, flex);
  if (version >= 1) w.int32(v.generationIdOrMemberEpoch);
  if (version >= 1) w.string(v.memberId, flex);
  if (version >= 7) w.string(v.groupInstanceId, flex);
  if (version >= 2 && version <= 4) w.int64(v.retentionTimeMs);
  writeArray(w, v.topics, flex, writeOffsetCommitRequestTopic, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetCommitRequestTopic {
  /** The topic name. */
  name: string;
  /** Each partition to commit offsets for. */
  partitions: OffsetCommitRequestPartition[];
}

export function defaultOffsetCommitRequestTopic(): OffsetCommitRequestTopic {
  return {
    name: '',
    partitions: [],
  };
}

export function readOffsetCommitRequestTopic(r: Reader, version: number): OffsetCommitRequestTopic {
  const flex = version >= 8;
  const o: OffsetCommitRequestTopic = {
    name: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readOffsetCommitRequestPartition, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetCommitRequestTopic(w: Writer, v: OffsetCommitRequestTopic, version: number): void {
  const flex = version >= 8;
  w.string(v.name, flex);
  writeArray(w, v.partitions, flex, writeOffsetCommitRequestPartition, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetCommitRequestPartition {
  /** The partition index. */
  partitionIndex: number;
  /** The message offset to be committed. */
  committedOffset: number;
  /** The leader epoch of this partition. */
  committedLeaderEpoch: number;
  /** The timestamp of the commit. */
  commitTimestamp: number;
  /** Any associated metadata the client wants to keep. */
  committedMetadata: string | null;
}

export function defaultOffsetCommitRequestPartition(): OffsetCommitRequestPartition {
  return {
    partitionIndex: 0,
    committedOffset: 0,
    committedLeaderEpoch: -1,
    commitTimestamp: -1,
    committedMetadata: '',
  };
}

export function readOffsetCommitRequestPartition(r: Reader, version: number): OffsetCommitRequestPartition {
  const flex = version >= 8;
  const o: OffsetCommitRequestPartition = {
    partitionIndex: r.int32(),
    committedOffset: r.int64(),
    committedLeaderEpoch: version >= 6 ? r.int32() : -1,
    commitTimestamp: version === 1 ? r.int64() : -1,
    committedMetadata: r.string(flex),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetCommitRequestPartition(w: Writer, v: OffsetCommitRequestPartition, version: number): void {
  const flex = version >= 8;
  w.int32(v.partitionIndex);
  w.int64(v.committedOffset);
  if (version >= 6) w.int32(v.committedLeaderEpoch);
  if (version === 1) w.int64(v.commitTimestamp);
  w.string(v.committedMetadata, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetCommitResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The responses for each topic. */
  topics: OffsetCommitResponseTopic[];
}

export function defaultOffsetCommitResponse(): OffsetCommitResponse {
  return {
    throttleTimeMs: 0,
    topics: [],
  };
}

export function readOffsetCommitResponse(r: Reader, version: number): OffsetCommitResponse {
  const flex = version >= 8;
  const o: OffsetCommitResponse = {
    throttleTimeMs: version >= 3 ? r.int32() : 0,
    topics: (readArray(r, flex, 1, readOffsetCommitResponseTopic, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetCommitResponse(w: Writer, v: OffsetCommitResponse, version: number): void {
  const flex = version >= 8;
  if (version >= 3) w.int32(v.throttleTimeMs);
  writeArray(w, v.topics, flex, writeOffsetCommitResponseTopic, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetCommitResponseTopic {
  /** The topic name. */
  name: string;
  /** The responses for each partition in the topic. */
  partitions: OffsetCommitResponsePartition[];
}

export function defaultOffsetCommitResponseTopic(): OffsetCommitResponseTopic {
  return {
    name: '',
    partitions: [],
  };
}

export function readOffsetCommitResponseTopic(r: Reader, version: number): OffsetCommitResponseTopic {
  const flex = version >= 8;
  const o: OffsetCommitResponseTopic = {
    name: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readOffsetCommitResponsePartition, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetCommitResponseTopic(w: Writer, v: OffsetCommitResponseTopic, version: number): void {
  const flex = version >= 8;
  w.string(v.name, flex);
  writeArray(w, v.partitions, flex, writeOffsetCommitResponsePartition, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetCommitResponsePartition {
  /** The partition index. */
  partitionIndex: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
}

export function defaultOffsetCommitResponsePartition(): OffsetCommitResponsePartition {
  return {
    partitionIndex: 0,
    errorCode: 0,
  };
}

export function readOffsetCommitResponsePartition(r: Reader, version: number): OffsetCommitResponsePartition {
  const flex = version >= 8;
  const o: OffsetCommitResponsePartition = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetCommitResponsePartition(w: Writer, v: OffsetCommitResponsePartition, version: number): void {
  const flex = version >= 8;
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  if (flex) {
    w.uvarint(0);
  }
}

export const OffsetCommitApi: ApiDefinition<OffsetCommitRequest, OffsetCommitResponse> = {
  key: 8,
  name: 'OffsetCommit',
  minVersion: 0,
  maxVersion: 9,
  maxStableVersion: 9,
  flexibleVersion: 8,
  listeners: ['zkBroker', 'broker'],
  readRequest: readOffsetCommitRequest,
  writeRequest: writeOffsetCommitRequest,
  defaultRequest: defaultOffsetCommitRequest,
  readResponse: readOffsetCommitResponse,
  writeResponse: writeOffsetCommitResponse,
  defaultResponse: defaultOffsetCommitResponse,
};
