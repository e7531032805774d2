// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/75-describe-topic-partitions.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface DescribeTopicPartitionsRequest {
  /** The topics to fetch details for. */
  topics: TopicRequest[];
  /** The maximum number of partitions included in the response. */
  responsePartitionLimit: number;
  /** The first topic and partition index to fetch details for. */
  cursor: DescribeTopicPartitionsRequestCursor | null;
}

export function defaultDescribeTopicPartitionsRequest(): DescribeTopicPartitionsRequest {
  return {
    topics: [],
    responsePartitionLimit: 2000,
    cursor: null,
  };
}

export function readDescribeTopicPartitionsRequest(r: Reader, version: number): DescribeTopicPartitionsRequest {
  const o: DescribeTopicPartitionsRequest = {
    topics: (readArray(r, true, 1, readTopicRequest, version) ?? []),
    responsePartitionLimit: r.int32(),
    cursor: (r.int8() < 0 ? null : readDescribeTopicPartitionsRequestCursor(r, version)),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeTopicPartitionsRequest(w: Writer, v: DescribeTopicPartitionsRequest, version: number): void {
  writeArray(w, v.topics, true, writeTopicRequest, version);
  w.int32(v.responsePartitionLimit);
  if (v.cursor === null) w.int8(-1); else { w.int8(1); writeDescribeTopicPartitionsRequestCursor(w, v.cursor!, version); }
  w.uvarint(0);
}

export interface TopicRequest {
  /** The topic name */
  name: string;
}

export function defaultTopicRequest(): TopicRequest {
  return {
    name: '',
  };
}

export function readTopicRequest(r: Reader, version: number): TopicRequest {
  const o: TopicRequest = {
    name: (r.string(true) ?? ''),
  };
  r.skipTaggedFields();
  return o;
}

export function writeTopicRequest(w: Writer, v: TopicRequest, version: number): void {
  w.string(v.name, true);
  w.uvarint(0);
}

export interface DescribeTopicPartitionsRequestCursor {
  /** The name for the first topic to process */
  topicName: string;
  /** The partition index to start with */
  partitionIndex: number;
}

export function defaultDescribeTopicPartitionsRequestCursor(): DescribeTopicPartitionsRequestCursor {
  return {
    topicName: '',
    partitionIndex: 0,
  };
}

export function readDescribeTopicPartitionsRequestCursor(r: Reader, version: number): DescribeTopicPartitionsRequestCursor {
  const o: DescribeTopicPartitionsRequestCursor = {
    topicName: (r.string(true) ?? ''),
    partitionIndex: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeTopicPartitionsRequestCursor(w: Writer, v: DescribeTopicPartitionsRequestCursor, version: number): void {
  w.string(v.topicName, true);
  w.int32(v.partitionIndex);
  w.uvarint(0);
}

export interface DescribeTopicPartitionsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** Each topic in the response. */
  topics: DescribeTopicPartitionsResponseTopic[];
  /** The next topic and partition index to fetch details for. */
  nextCursor: DescribeTopicPartitionsResponseCursor | null;
}

export function defaultDescribeTopicPartitionsResponse(): DescribeTopicPartitionsResponse {
  return {
    throttleTimeMs: 0,
    topics: [],
    nextCursor: null,
  };
}

export function readDescribeTopicPartitionsResponse(r: Reader, version: number): DescribeTopicPartitionsResponse {
  const o: DescribeTopicPartitionsResponse = {
    throttleTimeMs: r.int32(),
    topics: (readArray(r, true, 1, readDescribeTopicPartitionsResponseTopic, version) ?? []),
    nextCursor: (r.int8() < 0 ? null : readDescribeTopicPartitionsResponseCursor(r, version)),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeTopicPartitionsResponse(w: Writer, v: DescribeTopicPartitionsResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  writeArray(w, v.topics, true, writeDescribeTopicPartitionsResponseTopic, version);
  if (v.nextCursor === null) w.int8(-1); else { w.int8(1); writeDescribeTopicPartitionsResponseCursor(w, v.nextCursor!, version); }
  w.uvarint(0);
}

export interface DescribeTopicPartitionsResponseTopic {
  /** The topic error, or 0 if there was no error. */
  errorCode: number;
  /** The topic name. */
  name: string | null;
  /** The topic id. */
  topicId: string;
  /** True if the topic is internal. */
  isInternal: boolean;
  /** Each partition in the topic. */
  partitions: DescribeTopicPartitionsResponsePartition[];
  /** 32-bit bitfield to represent authorized operations for this topic. */
  topicAuthorizedOperations: number;
}

export function defaultDescribeTopicPartitionsResponseTopic(): DescribeTopicPartitionsResponseTopic {
  return {
    errorCode: 0,
    name: '',
    topicId: ZERO_UUID,
    isInternal: false,
    partitions: [],
    topicAuthorizedOperations: -2147483648,
  };
}

export function readDescribeTopicPartitionsResponseTopic(r: Reader, version: number): DescribeTopicPartitionsResponseTopic {
  const o: DescribeTopicPartitionsResponseTopic = {
    errorCode: r.int16(),
    name: r.string(true),
    topicId: r.uuid(),
    isInternal: r.bool(),
    partitions: (readArray(r, true, 1, readDescribeTopicPartitionsResponsePartition, version) ?? []),
    topicAuthorizedOperations: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeTopicPartitionsResponseTopic(w: Writer, v: DescribeTopicPartitionsResponseTopic, version: number): void {
  w.int16(v.errorCode);
  w.string(v.name, true);
  w.uuid(v.topicId);
  w.bool(v.isInternal);
  writeArray(w, v.partitions, true, writeDescribeTopicPartitionsResponsePartition, version);
  w.int32(v.topicAuthorizedOperations);
  w.uvarint(0);
}

export interface DescribeTopicPartitionsResponsePartition {
  /** The partition error, or 0 if there was no error. */
  errorCode: number;
  /** The partition index. */
  partitionIndex: number;
  /** The ID of the leader broker. */
  leaderId: number;
  /** The leader epoch of this partition. */
  leaderEpoch: number;
  /** The set of all nodes that host this partition. */
  replicaNodes: number[];
  /** The set of nodes that are in sync with the leader for this partition. */
  isrNodes: number[];
  /** The new eligible leader replicas otherwise. */
  eligibleLeaderReplicas: number[] | null;
  /** The last known ELR. */
  lastKnownElr: number[] | null;
  /** The set of offline replicas of this partition. */
  offlineReplicas: number[];
}

export function defaultDescribeTopicPartitionsResponsePartition(): DescribeTopicPartitionsResponsePartition {
  return {
    errorCode: 0,
    partitionIndex: 0,
    leaderId: 0,
    leaderEpoch: -1,
    replicaNodes: [],
    isrNodes: [],
    eligibleLeaderReplicas: null,
    lastKnownElr: null,
    offlineReplicas: [],
  };
}

export function readDescribeTopicPartitionsResponsePartition(r: Reader, version: number): DescribeTopicPartitionsResponsePartition {
  const o: DescribeTopicPartitionsResponsePartition = {
    errorCode: r.int16(),
    partitionIndex: r.int32(),
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
    replicaNodes: (readInt32Array(r, true) ?? []),
    isrNodes: (readInt32Array(r, true) ?? []),
    eligibleLeaderReplicas: readInt32Array(r, true),
    lastKnownElr: readInt32Array(r, true),
    offlineReplicas: (readInt32Array(r, true) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeTopicPartitionsResponsePartition(w: Writer, v: DescribeTopicPartitionsResponsePartition, version: number): void {
  w.int16(v.errorCode);
  w.int32(v.partitionIndex);
  w.int32(v.leaderId);
  w.int32(v.leaderEpoch);
  writeInt32Array(w, v.replicaNodes, true);
  writeInt32Array(w, v.isrNodes, true);
  writeInt32Array(w, v.eligibleLeaderReplicas, true);
  writeInt32Array(w, v.lastKnownElr, true);
  writeInt32Array(w, v.offlineReplicas, true);
  w.uvarint(0);
}

export interface DescribeTopicPartitionsResponseCursor {
  /** The name for the first topic to process */
  topicName: string;
  /** The partition index to start with */
  partitionIndex: number;
}

export function defaultDescribeTopicPartitionsResponseCursor(): DescribeTopicPartitionsResponseCursor {
  return {
    topicName: '',
    partitionIndex: 0,
  };
}

export function readDescribeTopicPartitionsResponseCursor(r: Reader, version: number): DescribeTopicPartitionsResponseCursor {
  const o: DescribeTopicPartitionsResponseCursor = {
    topicName: (r.string(true) ?? ''),
    partitionIndex: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeTopicPartitionsResponseCursor(w: Writer, v: DescribeTopicPartitionsResponseCursor, version: number): void {
  w.string(v.topicName, true);
  w.int32(v.partitionIndex);
  w.uvarint(0);
}

export const DescribeTopicPartitionsApi: ApiDefinition<DescribeTopicPartitionsRequest, DescribeTopicPartitionsResponse> = {
  key: 75,
  name: 'DescribeTopicPartitions',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['broker'],
  readRequest: readDescribeTopicPartitionsRequest,
  writeRequest: writeDescribeTopicPartitionsRequest,
  defaultRequest: defaultDescribeTopicPartitionsRequest,
  readResponse: readDescribeTopicPartitionsResponse,
  writeResponse: writeDescribeTopicPartitionsResponse,
  defaultResponse: defaultDescribeTopicPartitionsResponse,
};
