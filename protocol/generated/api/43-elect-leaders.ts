// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/43-elect-leaders.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface ElectLeadersRequest {
  /** Type of elections to conduct for the partition. A value of '0' elects the preferred replica. A value of '1' elects the first live replica if there are no in-sync replica. */
  electionType: number;
  /** The topic partitions to elect leaders. */
  topicPartitions: TopicPartitions[] | null;
  /** The time in ms to wait for the election to complete. */
  timeoutMs: number;
}

export function defaultElectLeadersRequest(): ElectLeadersRequest {
  return {
    electionType: 0,
    topicPartitions: [],
    timeoutMs: 60000,
  };
}

export function readElectLeadersRequest(r: Reader, version: number): ElectLeadersRequest {
  const flex = version >= 2;
  const o: ElectLeadersRequest = {
    electionType: version >= 1 ? r.int8() : 0,
    topicPartitions: readArray(r, flex, 1, readTopicPartitions, version),
    timeoutMs: r.int32(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeElectLeadersRequest(w: Writer, v: ElectLeadersRequest, version: number): void {
  const flex = version >= 2;
  if (version >= 1) w.int8(v.electionType);
  writeArray(w, v.topicPartitions, flex, writeTopicPartitions, version);
  w.int32(v.timeoutMs);
  if (flex) {
    w.uvarint(0);
  }
}

export interface TopicPartitions {
  /** The name of a topic. */
  topic: string;
  /** The partitions of this topic whose leader should be elected. */
  partitions: number[];
}

export function defaultTopicPartitions(): TopicPartitions {
  return {
    topic: '',
    partitions: [],
  };
}

export function readTopicPartitions(r: Reader, version: number): TopicPartitions {
  const flex = version >= 2;
  const o: TopicPartitions = {
    topic: (r.string(flex) ?? ''),
    partitions: (readInt32Array(r, flex) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeTopicPartitions(w: Writer, v: TopicPartitions, version: number): void {
  const flex = version >= 2;
  w.string(v.topic, flex);
  writeInt32Array(w, v.partitions, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface ElectLeadersResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top level response error code. */
  errorCode: number;
  /** The election results, or an empty array if the requester did not have permission and the request asks for all partitions. */
  replicaElectionResults: ReplicaElectionResult[];
}

export function defaultElectLeadersResponse(): ElectLeadersResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    replicaElectionResults: [],
  };
}

export function readElectLeadersResponse(r: Reader, version: number): ElectLeadersResponse {
  const flex = version >= 2;
  const o: ElectLeadersResponse = {
    throttleTimeMs: r.int32(),
    errorCode: version >= 1 ? r.int16() : 0,
    replicaElectionResults: (readArray(r, flex, 1, readReplicaElectionResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeElectLeadersResponse(w: Writer, v: ElectLeadersResponse, version: number): void {
  const flex = version >= 2;
  w.int32(v.throttleTimeMs);
  if (version >= 1) w.int16(v.errorCode);
  writeArray(w, v.replicaElectionResults, flex, writeReplicaElectionResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface ReplicaElectionResult {
  /** The topic name */
  topic: string;
  /** The results for each partition */
  partitionResult: PartitionResult[];
}

export function defaultReplicaElectionResult(): ReplicaElectionResult {
  return {
    topic: '',
    partitionResult: [],
  };
}

export function readReplicaElectionResult(r: Reader, version: number): ReplicaElectionResult {
  const flex = version >= 2;
  const o: ReplicaElectionResult = {
    topic: (r.string(flex) ?? ''),
    partitionResult: (readArray(r, flex, 1, readPartitionResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeReplicaElectionResult(w: Writer, v: ReplicaElectionResult, version: number): void {
  const flex = version >= 2;
  w.string(v.topic, flex);
  writeArray(w, v.partitionResult, flex, writePartitionResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface PartitionResult {
  /** The partition id */
  partitionId: number;
  /** The result error, or zero if there was no error. */
  errorCode: number;
  /** The result message, or null if there was no error. */
  errorMessage: string | null;
}

export function defaultPartitionResult(): PartitionResult {
  return {
    partitionId: 0,
    errorCode: 0,
    errorMessage: '',
  };
}

export function readPartitionResult(r: Reader, version: number): PartitionResult {
  const flex = version >= 2;
  const o: PartitionResult = {
    partitionId: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(flex),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writePartitionResult(w: Writer, v: PartitionResult, version: number): void {
  const flex = version >= 2;
  w.int32(v.partitionId);
  w.int16(v.errorCode);
  w.string(v.errorMessage, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export const ElectLeadersApi: ApiDefinition<ElectLeadersRequest, ElectLeadersResponse> = {
  key: 43,
  name: 'ElectLeaders',
  minVersion: 0,
  maxVersion: 2,
  maxStableVersion: 2,
  flexibleVersion: 2,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readElectLeadersRequest,
  writeRequest: writeElectLeadersRequest,
  defaultRequest: defaultElectLeadersRequest,
  readResponse: readElectLeadersResponse,
  writeResponse: writeElectLeadersResponse,
  defaultResponse: defaultElectLeadersResponse,
};
