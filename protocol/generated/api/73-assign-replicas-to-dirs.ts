// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/73-assign-replicas-to-dirs.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface AssignReplicasToDirsRequest {
  /** The ID of the requesting broker */
  brokerId: number;
  /** The epoch of the requesting broker */
  brokerEpoch: number;
  directories: AssignReplicasToDirsRequestDirectoryData[];
}

export function defaultAssignReplicasToDirsRequest(): AssignReplicasToDirsRequest {
  return {
    brokerId: 0,
    brokerEpoch: -1,
    directories: [],
  };
}

export function readAssignReplicasToDirsRequest(r: Reader, version: number): AssignReplicasToDirsRequest {
  const o: AssignReplicasToDirsRequest = {
    brokerId: r.int32(),
    brokerEpoch: r.int64(),
    directories: (readArray(r, true, 1, readAssignReplicasToDirsRequestDirectoryData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAssignReplicasToDirsRequest(w: Writer, v: AssignReplicasToDirsRequest, version: number): void {
  w.int32(v.brokerId);
  w.int64(v.brokerEpoch);
  writeArray(w, v.directories, true, writeAssignReplicasToDirsRequestDirectoryData, version);
  w.uvarint(0);
}

export interface AssignReplicasToDirsRequestDirectoryData {
  /** The ID of the directory */
  id: string;
  topics: AssignReplicasToDirsRequestTopicData[];
}

export function defaultAssignReplicasToDirsRequestDirectoryData(): AssignReplicasToDirsRequestDirectoryData {
  return {
    id: ZERO_UUID,
    topics: [],
  };
}

export function readAssignReplicasToDirsRequestDirectoryData(r: Reader, version: number): AssignReplicasToDirsRequestDirectoryData {
  const o: AssignReplicasToDirsRequestDirectoryData = {
    id: r.uuid(),
    topics: (readArray(r, true, 1, readAssignReplicasToDirsRequestTopicData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAssignReplicasToDirsRequestDirectoryData(w: Writer, v: AssignReplicasToDirsRequestDirectoryData, version: number): void {
  w.uuid(v.id);
  writeArray(w, v.topics, true, writeAssignReplicasToDirsRequestTopicData, version);
  w.uvarint(0);
}

export interface AssignReplicasToDirsRequestTopicData {
  /** The ID of the assigned topic */
  topicId: string;
  partitions: AssignReplicasToDirsRequestPartitionData[];
}

export function defaultAssignReplicasToDirsRequestTopicData(): AssignReplicasToDirsRequestTopicData {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  };
}

export function readAssignReplicasToDirsRequestTopicData(r: Reader, version: number): AssignReplicasToDirsRequestTopicData {
  const o: AssignReplicasToDirsRequestTopicData = {
    topicId: r.uuid(),
    partitions: (readArray(r, true, 1, readAssignReplicasToDirsRequestPartitionData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAssignReplicasToDirsRequestTopicData(w: Writer, v: AssignReplicasToDirsRequestTopicData, version: number): void {
  w.uuid(v.topicId);
  writeArray(w, v.partitions, true, writeAssignReplicasToDirsRequestPartitionData, version);
  w.uvarint(0);
}

export interface AssignReplicasToDirsRequestPartitionData {
  /** The partition index */
  partitionIndex: number;
}

export function defaultAssignReplicasToDirsRequestPartitionData(): AssignReplicasToDirsRequestPartitionData {
  return {
    partitionIndex: 0,
  };
}

export function readAssignReplicasToDirsRequestPartitionData(r: Reader, version: number): AssignReplicasToDirsRequestPartitionData {
  const o: AssignReplicasToDirsRequestPartitionData = {
    partitionIndex: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAssignReplicasToDirsRequestPartitionData(w: Writer, v: AssignReplicasToDirsRequestPartitionData, version: number): void {
  w.int32(v.partitionIndex);
  w.uvarint(0);
}

export interface AssignReplicasToDirsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top level response error code */
  errorCode: number;
  directories: AssignReplicasToDirsResponseDirectoryData[];
}

export function defaultAssignReplicasToDirsResponse(): AssignReplicasToDirsResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    directories: [],
  };
}

export function readAssignReplicasToDirsResponse(r: Reader, version: number): AssignReplicasToDirsResponse {
  const o: AssignReplicasToDirsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    directories: (readArray(r, true, 1, readAssignReplicasToDirsResponseDirectoryData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAssignReplicasToDirsResponse(w: Writer, v: AssignReplicasToDirsResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  writeArray(w, v.directories, true, writeAssignReplicasToDirsResponseDirectoryData, version);
  w.uvarint(0);
}

export interface AssignReplicasToDirsResponseDirectoryData {
  /** The ID of the directory */
  id: string;
  topics: AssignReplicasToDirsResponseTopicData[];
}

export function defaultAssignReplicasToDirsResponseDirectoryData(): AssignReplicasToDirsResponseDirectoryData {
  return {
    id: ZERO_UUID,
    topics: [],
  };
}

export function readAssignReplicasToDirsResponseDirectoryData(r: Reader, version: number): AssignReplicasToDirsResponseDirectoryData {
  const o: AssignReplicasToDirsResponseDirectoryData = {
    id: r.uuid(),
    topics: (readArray(r, true, 1, readAssignReplicasToDirsResponseTopicData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAssignReplicasToDirsResponseDirectoryData(w: Writer, v: AssignReplicasToDirsResponseDirectoryData, version: number): void {
  w.uuid(v.id);
  writeArray(w, v.topics, true, writeAssignReplicasToDirsResponseTopicData, version);
  w.uvarint(0);
}

export interface AssignReplicasToDirsResponseTopicData {
  /** The ID of the assigned topic */
  topicId: string;
  partitions: AssignReplicasToDirsResponsePartitionData[];
}

export function defaultAssignReplicasToDirsResponseTopicData(): AssignReplicasToDirsResponseTopicData {
  return {
    topicId: ZERO_UUID,
    partitions: [],
  };
}

export function readAssignReplicasToDirsResponseTopicData(r: Reader, version: number): AssignReplicasToDirsResponseTopicData {
  const o: AssignReplicasToDirsResponseTopicData = {
    topicId: r.uuid(),
    partitions: (readArray(r, true, 1, readAssignReplicasToDirsResponsePartitionData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAssignReplicasToDirsResponseTopicData(w: Writer, v: AssignReplicasToDirsResponseTopicData, version: number): void {
  w.uuid(v.topicId);
  writeArray(w, v.partitions, true, writeAssignReplicasToDirsResponsePartitionData, version);
  w.uvarint(0);
}

export interface AssignReplicasToDirsResponsePartitionData {
  /** The partition index */
  partitionIndex: number;
  /** The partition level error code */
  errorCode: number;
}

export function defaultAssignReplicasToDirsResponsePartitionData(): AssignReplicasToDirsResponsePartitionData {
  return {
    partitionIndex: 0,
    errorCode: 0,
  };
}

export function readAssignReplicasToDirsResponsePartitionData(r: Reader, version: number): AssignReplicasToDirsResponsePartitionData {
  const o: AssignReplicasToDirsResponsePartitionData = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAssignReplicasToDirsResponsePartitionData(w: Writer, v: AssignReplicasToDirsResponsePartitionData, version: number): void {
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  w.uvarint(0);
}

export const AssignReplicasToDirsApi: ApiDefinition<AssignReplicasToDirsRequest, AssignReplicasToDirsResponse> = {
  key: 73,
  name: 'AssignReplicasToDirs',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['controller'],
  readRequest: readAssignReplicasToDirsRequest,
  writeRequest: writeAssignReplicasToDirsRequest,
  defaultRequest: defaultAssignReplicasToDirsRequest,
  readResponse: readAssignReplicasToDirsResponse,
  writeResponse: writeAssignReplicasToDirsResponse,
  defaultResponse: defaultAssignReplicasToDirsResponse,
};
