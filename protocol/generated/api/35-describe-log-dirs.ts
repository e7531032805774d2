// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/35-describe-log-dirs.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface DescribeLogDirsRequest {
  /** Each topic that we want to describe log directories for, or null for all topics. */
  topics: DescribableLogDirTopic[] | null;
}

export function defaultDescribeLogDirsRequest(): DescribeLogDirsRequest {
  return {
    topics: [],
  };
}

export function readDescribeLogDirsRequest(r: Reader, version: number): DescribeLogDirsRequest {
  const flex = version >= 2;
  const o: DescribeLogDirsRequest = {
    topics: readArray(r, flex, 1, readDescribableLogDirTopic, version),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeLogDirsRequest(w: Writer, v: DescribeLogDirsRequest, version: number): void {
  const flex = version >= 2;
  writeArray(w, v.topics, flex, writeDescribableLogDirTopic, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribableLogDirTopic {
  /** The topic name */
  topic: string;
  /** The partition indexes. */
  partitions: number[];
}

export function defaultDescribableLogDirTopic(): DescribableLogDirTopic {
  return {
    topic: '',
    partitions: [],
  };
}

export function readDescribableLogDirTopic(r: Reader, version: number): DescribableLogDirTopic {
  const flex = version >= 2;
  const o: DescribableLogDirTopic = {
    topic: (r.string(flex) ?? ''),
    partitions: (readInt32Array(r, flex) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribableLogDirTopic(w: Writer, v: DescribableLogDirTopic, version: number): void {
  const flex = version >= 2;
  w.string(v.topic, flex);
  writeInt32Array(w, v.partitions, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribeLogDirsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The log directories. */
  results: DescribeLogDirsResult[];
}

export function defaultDescribeLogDirsResponse(): DescribeLogDirsResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    results: [],
  };
}

export function readDescribeLogDirsResponse(r: Reader, version: number): DescribeLogDirsResponse {
  const flex = version >= 2;
  const o: DescribeLogDirsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: version >= 3 ? r.int16() : 0,
    results: (readArray(r, flex, 1, readDescribeLogDirsResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeLogDirsResponse(w: Writer, v: DescribeLogDirsResponse, version: number): void {
  const flex = version >= 2;
  w.int32(v.throttleTimeMs);
  if (version >= 3) w.int16(v.errorCode);
  writeArray(w, v.results, flex, writeDescribeLogDirsResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribeLogDirsResult {
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The absolute log directory path. */
  logDir: string;
  /** Each topic. */
  topics: DescribeLogDirsTopic[];
  /** The total size in bytes of the volume the log directory is in. */
  totalBytes: number;
  /** The usable size in bytes of the volume the log directory is in. */
  usableBytes: number;
}

export function defaultDescribeLogDirsResult(): DescribeLogDirsResult {
  return {
    errorCode: 0,
    logDir: '',
    topics: [],
    totalBytes: -1,
    usableBytes: -1,
  };
}

export function readDescribeLogDirsResult(r: Reader, version: number): DescribeLogDirsResult {
  const flex = version >= 2;
  const o: DescribeLogDirsResult = {
    errorCode: r.int16(),
    logDir: (r.string(flex) ?? ''),
    topics: (readArray(r, flex, 1, readDescribeLogDirsTopic, version) ?? []),
    totalBytes: version >= 4 ? r.int64() : -1,
    usableBytes: version >= 4 ? r.int64() : -1,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeLogDirsResult(w: Writer, v: DescribeLogDirsResult, version: number): void {
  const flex = version >= 2;
  w.int16(v.errorCode);
  w.string(v.logDir, flex);
  writeArray(w, v.topics, flex, writeDescribeLogDirsTopic, version);
  if (version >= 4) w.int64(v.totalBytes);
  if (version >= 4) w.int64(v.usableBytes);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribeLogDirsTopic {
  /** The topic name. */
  name: string;
  partitions: DescribeLogDirsPartition[];
}

export function defaultDescribeLogDirsTopic(): DescribeLogDirsTopic {
  return {
    name: '',
    partitions: [],
  };
}

export function readDescribeLogDirsTopic(r: Reader, version: number): DescribeLogDirsTopic {
  const flex = version >= 2;
  const o: DescribeLogDirsTopic = {
    name: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readDescribeLogDirsPartition, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeLogDirsTopic(w: Writer, v: DescribeLogDirsTopic, version: number): void {
  const flex = version >= 2;
  w.string(v.name, flex);
  writeArray(w, v.partitions, flex, writeDescribeLogDirsPartition, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DescribeLogDirsPartition {
  /** The partition index. */
  partitionIndex: number;
  /** The size of the log segments in this partition in bytes. */
  partitionSize: number;
  /** The lag of the log's LEO w.r.t. partition's HW (if it is the current log for the partition) or current replica's LEO (if it is the future log for the partition) */
  offsetLag: number;
  /** True if this log is created by AlterReplicaLogDirsRequest and will replace the current log of the replica in the future. */
  isFutureKey: boolean;
}

export function defaultDescribeLogDirsPartition(): DescribeLogDirsPartition {
  return {
    partitionIndex: 0,
    partitionSize: 0,
    offsetLag: 0,
    isFutureKey: false,
  };
}

export function readDescribeLogDirsPartition(r: Reader, version: number): DescribeLogDirsPartition {
  const flex = version >= 2;
  const o: DescribeLogDirsPartition = {
    partitionIndex: r.int32(),
    partitionSize: r.int64(),
    offsetLag: r.int64(),
    isFutureKey: r.bool(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDescribeLogDirsPartition(w: Writer, v: DescribeLogDirsPartition, version: number): void {
  const flex = version >= 2;
  w.int32(v.partitionIndex);
  w.int64(v.partitionSize);
  w.int64(v.offsetLag);
  w.bool(v.isFutureKey);
  if (flex) {
    w.uvarint(0);
  }
}

export const DescribeLogDirsApi: ApiDefinition<DescribeLogDirsRequest, DescribeLogDirsResponse> = {
  key: 35,
  name: 'DescribeLogDirs',
  minVersion: 0,
  maxVersion: 4,
  maxStableVersion: 4,
  flexibleVersion: 2,
  listeners: ['zkBroker', 'broker'],
  readRequest: readDescribeLogDirsRequest,
  writeRequest: writeDescribeLogDirsRequest,
  defaultRequest: defaultDescribeLogDirsRequest,
  readResponse: readDescribeLogDirsResponse,
  writeResponse: writeDescribeLogDirsResponse,
  defaultResponse: defaultDescribeLogDirsResponse,
};
