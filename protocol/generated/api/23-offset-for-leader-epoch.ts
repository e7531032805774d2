// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/23-offset-for-leader-epoch.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface OffsetForLeaderEpochRequest {
  /** The broker ID of the follower, of -1 if this request is from a consumer. */
  replicaId: number;
  /** Each topic to get offsets for. */
  topics: OffsetForLeaderTopic[];
}

export function defaultOffsetForLeaderEpochRequest(): OffsetForLeaderEpochRequest {
  return {
    replicaId: -2,
    topics: [],
  };
}

export function readOffsetForLeaderEpochRequest(r: Reader, version: number): OffsetForLeaderEpochRequest {
  const flex = version >= 4;
  const o: OffsetForLeaderEpochRequest = {
    replicaId: version >= 3 ? r.int32() : -2,
    topics: (readArray(r, flex, 1, readOffsetForLeaderTopic, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetForLeaderEpochRequest(w: Writer, v: OffsetForLeaderEpochRequest, version: number): void {
  const flex = version >= 4;
  if (version >= 3) w.int32(v.replicaId);
  writeArray(w, v.topics, flex, writeOffsetForLeaderTopic, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetForLeaderTopic {
  /** The topic name. */
  topic: string;
  /** Each partition to get offsets for. */
  partitions: OffsetForLeaderPartition[];
}

export function defaultOffsetForLeaderTopic(): OffsetForLeaderTopic {
  return {
    topic: '',
    partitions: [],
  };
}

export function readOffsetForLeaderTopic(r: Reader, version: number): OffsetForLeaderTopic {
  const flex = version >= 4;
  const o: OffsetForLeaderTopic = {
    topic: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readOffsetForLeaderPartition, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetForLeaderTopic(w: Writer, v: OffsetForLeaderTopic, version: number): void {
  const flex = version >= 4;
  w.string(v.topic, flex);
  writeArray(w, v.partitions, flex, writeOffsetForLeaderPartition, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetForLeaderPartition {
  /** The partition index. */
  partition: number;
  /** An epoch used to fence consumers/replicas with old metadata. If the epoch provided by the client is larger than the current epoch known to the broker, then the UNKNOWN_LEADER_EPOCH error code will be returned. If the provided epoch is smaller, then the FENCED_LEADER_EPOCH error code will be returned. */
  currentLeaderEpoch: number;
  /** The epoch to look up an offset for. */
  leaderEpoch: number;
}

export function defaultOffsetForLeaderPartition(): OffsetForLeaderPartition {
  return {
    partition: 0,
    currentLeaderEpoch: -1,
    leaderEpoch: 0,
  };
}

export function readOffsetForLeaderPartition(r: Reader, version: number): OffsetForLeaderPartition {
  const flex = version >= 4;
  const o: OffsetForLeaderPartition = {
    partition: r.int32(),
    currentLeaderEpoch: version >= 2 ? r.int32() : -1,
    leaderEpoch: r.int32(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetForLeaderPartition(w: Writer, v: OffsetForLeaderPartition, version: number): void {
  const flex = version >= 4;
  w.int32(v.partition);
  if (version >= 2) w.int32(v.currentLeaderEpoch);
  w.int32(v.leaderEpoch);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetForLeaderEpochResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** Each topic we fetched offsets for. */
  topics: OffsetForLeaderTopicResult[];
}

export function defaultOffsetForLeaderEpochResponse(): OffsetForLeaderEpochResponse {
  return {
    throttleTimeMs: 0,
    topics: [],
  };
}

export function readOffsetForLeaderEpochResponse(r: Reader, version: number): OffsetForLeaderEpochResponse {
  const flex = version >= 4;
  const o: OffsetForLeaderEpochResponse = {
    throttleTimeMs: version >= 2 ? r.int32() : 0,
    topics: (readArray(r, flex, 1, readOffsetForLeaderTopicResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetForLeaderEpochResponse(w: Writer, v: OffsetForLeaderEpochResponse, version: number): void {
  const flex = version >= 4;
  if (version >= 2) w.int32(v.throttleTimeMs);
  writeArray(w, v.topics, flex, writeOffsetForLeaderTopicResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface OffsetForLeaderTopicResult {
  /** The topic name. */
  topic: string;
  /** Each partition in the topic we fetched offsets for. */
  partitions: EpochEndOffset[];
}

export function defaultOffsetForLeaderTopicResult(): OffsetForLeaderTopicResult {
  return {
    topic: '',
    partitions: [],
  };
}

export function readOffsetForLeaderTopicResult(r: Reader, version: number): OffsetForLeaderTopicResult {
  const flex = version >= 4;
  const o: OffsetForLeaderTopicResult = {
    topic: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readEpochEndOffset, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeOffsetForLeaderTopicResult(w: Writer, v: OffsetForLeaderTopicResult, version: number): void {
  const flex = version >= 4;
  w.string(v.topic, flex);
  writeArray(w, v.partitions, flex, writeEpochEndOffset, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface EpochEndOffset {
  /** The error code 0, or if there was no error. */
  errorCode: number;
  /** The partition index. */
  partition: number;
  /** The leader epoch of the partition. */
  leaderEpoch: number;
  /** The end offset of the epoch. */
  endOffset: number;
}

export function defaultEpochEndOffset(): EpochEndOffset {
  return {
    errorCode: 0,
    partition: 0,
    leaderEpoch: -1,
    endOffset: -1,
  };
}

export function readEpochEndOffset(r: Reader, version: number): EpochEndOffset {
  const flex = version >= 4;
  const o: EpochEndOffset = {
    errorCode: r.int16(),
    partition: r.int32(),
    leaderEpoch: version >= 1 ? r.int32() : -1,
    endOffset: r.int64(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeEpochEndOffset(w: Writer, v: EpochEndOffset, version: number): void {
  const flex = version >= 4;
  w.int16(v.errorCode);
  w.int32(v.partition);
  if (version >= 1) w.int32(v.leaderEpoch);
  w.int64(v.endOffset);
  if (flex) {
    w.uvarint(0);
  }
}

export const OffsetForLeaderEpochApi: ApiDefinition<OffsetForLeaderEpochRequest, OffsetForLeaderEpochResponse> = {
  key: 23,
  name: 'OffsetForLeaderEpoch',
  minVersion: 0,
  maxVersion: 4,
  maxStableVersion: 4,
  flexibleVersion: 4,
  listeners: ['zkBroker', 'broker'],
  readRequest: readOffsetForLeaderEpochRequest,
  writeRequest: writeOffsetForLeaderEpochRequest,
  defaultRequest: defaultOffsetForLeaderEpochRequest,
  readResponse: readOffsetForLeaderEpochResponse,
  writeResponse: writeOffsetForLeaderEpochResponse,
  defaultResponse: defaultOffsetForLeaderEpochResponse,
};
