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
  const o: DescribeQuorumRequest = {
    topics: (readArray(r, true, 1, readDescribeQuorumRequestTopicData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeQuorumRequest(w: Writer, v: DescribeQuorumRequest, version: number): void {
  writeArray(w, v.topics, true, writeDescribeQuorumRequestTopicData, version);
  w.uvarint(0);
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
  const o: DescribeQuorumRequestTopicData = {
    topicName: (r.string(true) ?? ''),
    partitions: (readArray(r, true, 1, readDescribeQuorumRequestPartitionData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeQuorumRequestTopicData(w: Writer, v: DescribeQuorumRequestTopicData, version: number): void {
  w.string(v.topicName, true);
  writeArray(w, v.partitions, true, writeDescribeQuorumRequestPartitionData, version);
  w.uvarint(0);
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
  const o: DescribeQuorumRequestPartitionData = {
    partitionIndex: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeQuorumRequestPartitionData(w: Writer, v: DescribeQuorumRequestPartitionData, version: number): void {
  w.int32(v.partitionIndex);
  w.uvarint(0);
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
  const o: DescribeQuorumResponse = {
    errorCode: r.int16(),
    errorMessage: version >= 2 ? r.string(true) : '',
    topics: (readArray(r, true, 1, readDescribeQuorumResponseTopicData, version) ?? []),
    nodes: version >= 2 ? (readArray(r, true, 1, readNode, version) ?? []) : [],
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeQuorumResponse(w: Writer, v: DescribeQuorumResponse, version: number): void {
  w.int16(v.errorCode);
  if (version >= 2) w.string(v.errorMessage, true);
  writeArray(w, v.topics, true, writeDescribeQuorumResponseTopicData, version);
  if (version >= 2) writeArray(w, v.nodes, true, writeNode, version);
  w.uvarint(0);
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
  const o: DescribeQuorumResponseTopicData = {
    topicName: (r.string(true) ?? ''),
    partitions: (readArray(r, true, 1, readDescribeQuorumResponsePartitionData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeQuorumResponseTopicData(w: Writer, v: DescribeQuorumResponseTopicData, version: number): void {
  w.string(v.topicName, true);
  writeArray(w, v.partitions, true, writeDescribeQuorumResponsePartitionData, version);
  w.uvarint(0);
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
  const o: DescribeQuorumResponsePartitionData = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    errorMessage: version >= 2 ? r.string(true) : '',
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
    highWatermark: r.int64(),
    currentVoters: (readArray(r, true, 1, readReplicaState, version) ?? []),
    observers: (readArray(r, true, 1, readReplicaState, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeQuorumResponsePartitionData(w: Writer, v: DescribeQuorumResponsePartitionData, version: number): void {
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  if (version >= 2) w.string(v.errorMessage, true);
  w.int32(v.leaderId);
  w.int32(v.leaderEpoch);
  w.int64(v.highWatermark);
  writeArray(w, v.currentVoters, true, writeReplicaState, version);
  writeArray(w, v.observers, true, writeReplicaState, version);
  w.uvarint(0);
}

export interface Node {
  /** The ID of the associated node */
  nodeId: number;
  /** The listeners of this controller */
  listeners: Listener[];
  /** kraftling's weighted voters: the voter's weight (default 1). Not in Kafka: a tagged field its clients skip. */
  weight: number;
}

export function defaultNode(): Node {
  return {
    nodeId: 0,
    listeners: [],
    weight: 1,
  };
}

export function readNode(r: Reader, version: number): Node {
  const o: Node = {
    nodeId: version >= 2 ? r.int32() : 0,
    listeners: version >= 2 ? (readArray(r, true, 1, readListener, version) ?? []) : [],
    weight: 1,
  };
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === 7000 && version >= 2) o.weight = t.int32();
  }
  return o;
}

export function writeNode(w: Writer, v: Node, version: number): void {
  if (version >= 2) w.int32(v.nodeId);
  if (version >= 2) writeArray(w, v.listeners, true, writeListener, version);
  const t0 = version >= 2 && v.weight !== 1;
  w.uvarint(t0 ? 1 : 0);
  if (t0) { w.uvarint(7000); w.uvarint(4); w.int32(v.weight); }
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
  const o: Listener = {
    name: version >= 2 ? (r.string(true) ?? '') : '',
    host: version >= 2 ? (r.string(true) ?? '') : '',
    port: version >= 2 ? r.uint16() : 0,
  };
  r.skipTaggedFields();
  return o;
}

export function writeListener(w: Writer, v: Listener, version: number): void {
  if (version >= 2) w.string(v.name, true);
  if (version >= 2) w.string(v.host, true);
  if (version >= 2) w.uint16(v.port);
  w.uvarint(0);
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
  const o: ReplicaState = {
    replicaId: r.int32(),
    replicaDirectoryId: version >= 2 ? r.uuid() : ZERO_UUID,
    logEndOffset: r.int64(),
    lastFetchTimestamp: version >= 1 ? r.int64() : -1,
    lastCaughtUpTimestamp: version >= 1 ? r.int64() : -1,
  };
  r.skipTaggedFields();
  return o;
}

export function writeReplicaState(w: Writer, v: ReplicaState, version: number): void {
  w.int32(v.replicaId);
  if (version >= 2) w.uuid(v.replicaDirectoryId);
  w.int64(v.logEndOffset);
  if (version >= 1) w.int64(v.lastFetchTimestamp);
  if (version >= 1) w.int64(v.lastCaughtUpTimestamp);
  w.uvarint(0);
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
