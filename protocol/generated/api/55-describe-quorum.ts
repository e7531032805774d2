// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/55-describe-quorum.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface DescribeQuorumRequest {
  topics: DescribeQuorumRequestTopicData[];
}

export function defaultDescribeQuorumRequest(): DescribeQuorumRequest {
  return {
    topics: [],
  };
}

export function readDescribeQuorumRequest(r: Reader, version: number): DescribeQuorumRequest {
  const flex = true;
  const o: DescribeQuorumRequest = {
    topics: (readArray(r, flex, 1, (r) => readDescribeQuorumRequestTopicData(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeDescribeQuorumRequest(w: Writer, v: DescribeQuorumRequest, version: number): void {
  const flex = true;
  writeArray(w, v.topics, flex, (w, e) => writeDescribeQuorumRequestTopicData(w, e, version));
  if (flex) w.uvarint(0);
}

export interface DescribeQuorumRequestTopicData {
  /** The topic name. */
  topicName: string;
  partitions: DescribeQuorumRequestPartitionData[];
}

export function defaultDescribeQuorumRequestTopicData(): DescribeQuorumRequestTopicData {
  return {
    topicName: '',
    partitions: [],
  };
}

export function readDescribeQuorumRequestTopicData(r: Reader, version: number): DescribeQuorumRequestTopicData {
  const flex = true;
  const o: DescribeQuorumRequestTopicData = {
    topicName: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, (r) => readDescribeQuorumRequestPartitionData(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeDescribeQuorumRequestTopicData(w: Writer, v: DescribeQuorumRequestTopicData, version: number): void {
  const flex = true;
  w.string(v.topicName, flex);
  writeArray(w, v.partitions, flex, (w, e) => writeDescribeQuorumRequestPartitionData(w, e, version));
  if (flex) w.uvarint(0);
}

export interface DescribeQuorumRequestPartitionData {
  /** The partition index. */
  partitionIndex: number;
}

export function defaultDescribeQuorumRequestPartitionData(): DescribeQuorumRequestPartitionData {
  return {
    partitionIndex: 0,
  };
}

export function readDescribeQuorumRequestPartitionData(r: Reader, version: number): DescribeQuorumRequestPartitionData {
  const flex = true;
  const o: DescribeQuorumRequestPartitionData = {
    partitionIndex: r.int32(),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeDescribeQuorumRequestPartitionData(w: Writer, v: DescribeQuorumRequestPartitionData, version: number): void {
  const flex = true;
  w.int32(v.partitionIndex);
  if (flex) w.uvarint(0);
}

export interface DescribeQuorumResponse {
  /** The top level error code. */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage: string | null;
  topics: DescribeQuorumResponseTopicData[];
  nodes: Node[];
}

export function defaultDescribeQuorumResponse(): DescribeQuorumResponse {
  return {
    errorCode: 0,
    errorMessage: '',
    topics: [],
    nodes: [],
  };
}

export function readDescribeQuorumResponse(r: Reader, version: number): DescribeQuorumResponse {
  const flex = true;
  const o: DescribeQuorumResponse = {
    errorCode: r.int16(),
    errorMessage: version >= 2 ? r.string(flex) : '',
    topics: (readArray(r, flex, 1, (r) => readDescribeQuorumResponseTopicData(r, version)) ?? []),
    nodes: version >= 2 ? (readArray(r, flex, 1, (r) => readNode(r, version)) ?? []) : [],
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeDescribeQuorumResponse(w: Writer, v: DescribeQuorumResponse, version: number): void {
  const flex = true;
  w.int16(v.errorCode);
  if (version >= 2) w.string(v.errorMessage, flex);
  writeArray(w, v.topics, flex, (w, e) => writeDescribeQuorumResponseTopicData(w, e, version));
  if (version >= 2) writeArray(w, v.nodes, flex, (w, e) => writeNode(w, e, version));
  if (flex) w.uvarint(0);
}

export interface DescribeQuorumResponseTopicData {
  /** The topic name. */
  topicName: string;
  partitions: DescribeQuorumResponsePartitionData[];
}

export function defaultDescribeQuorumResponseTopicData(): DescribeQuorumResponseTopicData {
  return {
    topicName: '',
    partitions: [],
  };
}

export function readDescribeQuorumResponseTopicData(r: Reader, version: number): DescribeQuorumResponseTopicData {
  const flex = true;
  const o: DescribeQuorumResponseTopicData = {
    topicName: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, (r) => readDescribeQuorumResponsePartitionData(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeDescribeQuorumResponseTopicData(w: Writer, v: DescribeQuorumResponseTopicData, version: number): void {
  const flex = true;
  w.string(v.topicName, flex);
  writeArray(w, v.partitions, flex, (w, e) => writeDescribeQuorumResponsePartitionData(w, e, version));
  if (flex) w.uvarint(0);
}

export interface DescribeQuorumResponsePartitionData {
  /** The partition index. */
  partitionIndex: number;
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage: string | null;
  /** The ID of the current leader or -1 if the leader is unknown. */
  leaderId: number;
  /** The latest known leader epoch */
  leaderEpoch: number;
  highWatermark: number;
  currentVoters: ReplicaState[];
  observers: ReplicaState[];
}

export function defaultDescribeQuorumResponsePartitionData(): DescribeQuorumResponsePartitionData {
  return {
    partitionIndex: 0,
    errorCode: 0,
    errorMessage: '',
    leaderId: 0,
    leaderEpoch: 0,
    highWatermark: 0,
    currentVoters: [],
    observers: [],
  };
}

export function readDescribeQuorumResponsePartitionData(r: Reader, version: number): DescribeQuorumResponsePartitionData {
  const flex = true;
  const o: DescribeQuorumResponsePartitionData = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    errorMessage: version >= 2 ? r.string(flex) : '',
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
    highWatermark: r.int64(),
    currentVoters: (readArray(r, flex, 1, (r) => readReplicaState(r, version)) ?? []),
    observers: (readArray(r, flex, 1, (r) => readReplicaState(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeDescribeQuorumResponsePartitionData(w: Writer, v: DescribeQuorumResponsePartitionData, version: number): void {
  const flex = true;
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  if (version >= 2) w.string(v.errorMessage, flex);
  w.int32(v.leaderId);
  w.int32(v.leaderEpoch);
  w.int64(v.highWatermark);
  writeArray(w, v.currentVoters, flex, (w, e) => writeReplicaState(w, e, version));
  writeArray(w, v.observers, flex, (w, e) => writeReplicaState(w, e, version));
  if (flex) w.uvarint(0);
}

export interface Node {
  /** The ID of the associated node */
  nodeId: number;
  /** The listeners of this controller */
  listeners: Listener[];
}

export function defaultNode(): Node {
  return {
    nodeId: 0,
    listeners: [],
  };
}

export function readNode(r: Reader, version: number): Node {
  const flex = true;
  const o: Node = {
    nodeId: version >= 2 ? r.int32() : 0,
    listeners: version >= 2 ? (readArray(r, flex, 1, (r) => readListener(r, version)) ?? []) : [],
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeNode(w: Writer, v: Node, version: number): void {
  const flex = true;
  if (version >= 2) w.int32(v.nodeId);
  if (version >= 2) writeArray(w, v.listeners, flex, (w, e) => writeListener(w, e, version));
  if (flex) w.uvarint(0);
}

export interface Listener {
  /** The name of the endpoint */
  name: string;
  /** The hostname */
  host: string;
  /** The port */
  port: number;
}

export function defaultListener(): Listener {
  return {
    name: '',
    host: '',
    port: 0,
  };
}

export function readListener(r: Reader, version: number): Listener {
  const flex = true;
  const o: Listener = {
    name: version >= 2 ? (r.string(flex) ?? '') : '',
    host: version >= 2 ? (r.string(flex) ?? '') : '',
    port: version >= 2 ? r.uint16() : 0,
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeListener(w: Writer, v: Listener, version: number): void {
  const flex = true;
  if (version >= 2) w.string(v.name, flex);
  if (version >= 2) w.string(v.host, flex);
  if (version >= 2) w.uint16(v.port);
  if (flex) w.uvarint(0);
}

export interface ReplicaState {
  replicaId: number;
  replicaDirectoryId: string;
  /** The last known log end offset of the follower or -1 if it is unknown */
  logEndOffset: number;
  /** The last known leader wall clock time time when a follower fetched from the leader. This is reported as -1 both for the current leader or if it is unknown for a voter */
  lastFetchTimestamp: number;
  /** The leader wall clock append time of the offset for which the follower made the most recent fetch request. This is reported as the current time for the leader and -1 if unknown for a voter */
  lastCaughtUpTimestamp: number;
}

export function defaultReplicaState(): ReplicaState {
  return {
    replicaId: 0,
    replicaDirectoryId: ZERO_UUID,
    logEndOffset: 0,
    lastFetchTimestamp: -1,
    lastCaughtUpTimestamp: -1,
  };
}

export function readReplicaState(r: Reader, version: number): ReplicaState {
  const flex = true;
  const o: ReplicaState = {
    replicaId: r.int32(),
    replicaDirectoryId: version >= 2 ? r.uuid() : ZERO_UUID,
    logEndOffset: r.int64(),
    lastFetchTimestamp: version >= 1 ? r.int64() : -1,
    lastCaughtUpTimestamp: version >= 1 ? r.int64() : -1,
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeReplicaState(w: Writer, v: ReplicaState, version: number): void {
  const flex = true;
  w.int32(v.replicaId);
  if (version >= 2) w.uuid(v.replicaDirectoryId);
  w.int64(v.logEndOffset);
  if (version >= 1) w.int64(v.lastFetchTimestamp);
  if (version >= 1) w.int64(v.lastCaughtUpTimestamp);
  if (flex) w.uvarint(0);
}

export const DescribeQuorumApi: ApiDefinition<DescribeQuorumRequest, DescribeQuorumResponse> = {
  key: 55,
  name: 'DescribeQuorum',
  minVersion: 0,
  maxVersion: 2,
  maxStableVersion: 2,
  flexibleVersion: 0,
  listeners: ['broker', 'controller'],
  readRequest: readDescribeQuorumRequest,
  writeRequest: writeDescribeQuorumRequest,
  defaultRequest: defaultDescribeQuorumRequest,
  readResponse: readDescribeQuorumResponse,
  writeResponse: writeDescribeQuorumResponse,
  defaultResponse: defaultDescribeQuorumResponse,
};
