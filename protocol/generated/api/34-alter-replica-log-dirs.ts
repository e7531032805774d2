// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/34-alter-replica-log-dirs.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface AlterReplicaLogDirsRequest {
  /** The alterations to make for each directory. */
  dirs: AlterReplicaLogDir[];
}

export function defaultAlterReplicaLogDirsRequest(): AlterReplicaLogDirsRequest {
  return {
    dirs: [],
  };
}

export function readAlterReplicaLogDirsRequest(r: Reader, version: number): AlterReplicaLogDirsRequest {
  const flex = version >= 2;
  const o: AlterReplicaLogDirsRequest = {
    dirs: (readArray(r, flex, 1, readAlterReplicaLogDir, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterReplicaLogDirsRequest(w: Writer, v: AlterReplicaLogDirsRequest, version: number): void {
  const flex = version >= 2;
  writeArray(w, v.dirs, flex, writeAlterReplicaLogDir, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AlterReplicaLogDir {
  /** The absolute directory path. */
  path: string;
  /** The topics to add to the directory. */
  topics: AlterReplicaLogDirTopic[];
}

export function defaultAlterReplicaLogDir(): AlterReplicaLogDir {
  return {
    path: '',
    topics: [],
  };
}

export function readAlterReplicaLogDir(r: Reader, version: number): AlterReplicaLogDir {
  const flex = version >= 2;
  const o: AlterReplicaLogDir = {
    path: (r.string(flex) ?? ''),
    topics: (readArray(r, flex, 1, readAlterReplicaLogDirTopic, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterReplicaLogDir(w: Writer, v: AlterReplicaLogDir, version: number): void {
  const flex = version >= 2;
  w.string(v.path, flex);
  writeArray(w, v.topics, flex, writeAlterReplicaLogDirTopic, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AlterReplicaLogDirTopic {
  /** The topic name. */
  name: string;
  /** The partition indexes. */
  partitions: number[];
}

export function defaultAlterReplicaLogDirTopic(): AlterReplicaLogDirTopic {
  return {
    name: '',
    partitions: [],
  };
}

export function readAlterReplicaLogDirTopic(r: Reader, version: number): AlterReplicaLogDirTopic {
  const flex = version >= 2;
  const o: AlterReplicaLogDirTopic = {
    name: (r.string(flex) ?? ''),
    partitions: (readInt32Array(r, flex) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterReplicaLogDirTopic(w: Writer, v: AlterReplicaLogDirTopic, version: number): void {
  const flex = version >= 2;
  w.string(v.name, flex);
  writeInt32Array(w, v.partitions, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AlterReplicaLogDirsResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The results for each topic. */
  results: AlterReplicaLogDirTopicResult[];
}

export function defaultAlterReplicaLogDirsResponse(): AlterReplicaLogDirsResponse {
  return {
    throttleTimeMs: 0,
    results: [],
  };
}

export function readAlterReplicaLogDirsResponse(r: Reader, version: number): AlterReplicaLogDirsResponse {
  const flex = version >= 2;
  const o: AlterReplicaLogDirsResponse = {
    throttleTimeMs: r.int32(),
    results: (readArray(r, flex, 1, readAlterReplicaLogDirTopicResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterReplicaLogDirsResponse(w: Writer, v: AlterReplicaLogDirsResponse, version: number): void {
  const flex = version >= 2;
  w.int32(v.throttleTimeMs);
  writeArray(w, v.results, flex, writeAlterReplicaLogDirTopicResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AlterReplicaLogDirTopicResult {
  /** The name of the topic. */
  topicName: string;
  /** The results for each partition. */
  partitions: AlterReplicaLogDirPartitionResult[];
}

export function defaultAlterReplicaLogDirTopicResult(): AlterReplicaLogDirTopicResult {
  return {
    topicName: '',
    partitions: [],
  };
}

export function readAlterReplicaLogDirTopicResult(r: Reader, version: number): AlterReplicaLogDirTopicResult {
  const flex = version >= 2;
  const o: AlterReplicaLogDirTopicResult = {
    topicName: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readAlterReplicaLogDirPartitionResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterReplicaLogDirTopicResult(w: Writer, v: AlterReplicaLogDirTopicResult, version: number): void {
  const flex = version >= 2;
  w.string(v.topicName, flex);
  writeArray(w, v.partitions, flex, writeAlterReplicaLogDirPartitionResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AlterReplicaLogDirPartitionResult {
  /** The partition index. */
  partitionIndex: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
}

export function defaultAlterReplicaLogDirPartitionResult(): AlterReplicaLogDirPartitionResult {
  return {
    partitionIndex: 0,
    errorCode: 0,
  };
}

export function readAlterReplicaLogDirPartitionResult(r: Reader, version: number): AlterReplicaLogDirPartitionResult {
  const flex = version >= 2;
  const o: AlterReplicaLogDirPartitionResult = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAlterReplicaLogDirPartitionResult(w: Writer, v: AlterReplicaLogDirPartitionResult, version: number): void {
  const flex = version >= 2;
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  if (flex) {
    w.uvarint(0);
  }
}

export const AlterReplicaLogDirsApi: ApiDefinition<AlterReplicaLogDirsRequest, AlterReplicaLogDirsResponse> = {
  key: 34,
  name: 'AlterReplicaLogDirs',
  minVersion: 0,
  maxVersion: 2,
  maxStableVersion: 2,
  flexibleVersion: 2,
  listeners: ['zkBroker', 'broker'],
  readRequest: readAlterReplicaLogDirsRequest,
  writeRequest: writeAlterReplicaLogDirsRequest,
  defaultRequest: defaultAlterReplicaLogDirsRequest,
  readResponse: readAlterReplicaLogDirsResponse,
  writeResponse: writeAlterReplicaLogDirsResponse,
  defaultResponse: defaultAlterReplicaLogDirsResponse,
};
