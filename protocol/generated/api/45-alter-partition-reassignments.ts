// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/45-alter-partition-reassignments.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface AlterPartitionReassignmentsRequest {
  /** The time in ms to wait for the request to complete. */
  timeoutMs: number;
  /** The topics to reassign. */
  topics: ReassignableTopic[];
}

export function defaultAlterPartitionReassignmentsRequest(): AlterPartitionReassignmentsRequest {
  return {
    timeoutMs: 60000,
    topics: [],
  };
}

export function readAlterPartitionReassignmentsRequest(r: Reader, version: number): AlterPartitionReassignmentsRequest {
  const o: AlterPartitionReassignmentsRequest = {
    timeoutMs: r.int32(),
    topics: (readArray(r, true, 1, readReassignableTopic, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAlterPartitionReassignmentsRequest(w: Writer, v: AlterPartitionReassignmentsRequest, version: number): void {
  w.int32(v.timeoutMs);
  writeArray(w, v.topics, true, writeReassignableTopic, version);
  w.uvarint(0);
}

export interface ReassignableTopic {
  /** The topic name. */
  name: string;
  /** The partitions to reassign. */
  partitions: ReassignablePartition[];
}

export function defaultReassignableTopic(): ReassignableTopic {
  return {
    name: '',
    partitions: [],
  };
}

export function readReassignableTopic(r: Reader, version: number): ReassignableTopic {
  const o: ReassignableTopic = {
    name: (r.string(true) ?? ''),
    partitions: (readArray(r, true, 1, readReassignablePartition, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeReassignableTopic(w: Writer, v: ReassignableTopic, version: number): void {
  w.string(v.name, true);
  writeArray(w, v.partitions, true, writeReassignablePartition, version);
  w.uvarint(0);
}

export interface ReassignablePartition {
  /** The partition index. */
  partitionIndex: number;
  /** The replicas to place the partitions on, or null to cancel a pending reassignment for this partition. */
  replicas: number[] | null;
}

export function defaultReassignablePartition(): ReassignablePartition {
  return {
    partitionIndex: 0,
    replicas: null,
  };
}

export function readReassignablePartition(r: Reader, version: number): ReassignablePartition {
  const o: ReassignablePartition = {
    partitionIndex: r.int32(),
    replicas: readInt32Array(r, true),
  };
  r.skipTaggedFields();
  return o;
}

export function writeReassignablePartition(w: Writer, v: ReassignablePartition, version: number): void {
  w.int32(v.partitionIndex);
  writeInt32Array(w, v.replicas, true);
  w.uvarint(0);
}

export interface AlterPartitionReassignmentsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top-level error code, or 0 if there was no error. */
  errorCode: number;
  /** The top-level error message, or null if there was no error. */
  errorMessage: string | null;
  /** The responses to topics to reassign. */
  responses: ReassignableTopicResponse[];
}

export function defaultAlterPartitionReassignmentsResponse(): AlterPartitionReassignmentsResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: '',
    responses: [],
  };
}

export function readAlterPartitionReassignmentsResponse(r: Reader, version: number): AlterPartitionReassignmentsResponse {
  const o: AlterPartitionReassignmentsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(true),
    responses: (readArray(r, true, 1, readReassignableTopicResponse, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAlterPartitionReassignmentsResponse(w: Writer, v: AlterPartitionReassignmentsResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.string(v.errorMessage, true);
  writeArray(w, v.responses, true, writeReassignableTopicResponse, version);
  w.uvarint(0);
}

export interface ReassignableTopicResponse {
  /** The topic name */
  name: string;
  /** The responses to partitions to reassign */
  partitions: ReassignablePartitionResponse[];
}

export function defaultReassignableTopicResponse(): ReassignableTopicResponse {
  return {
    name: '',
    partitions: [],
  };
}

export function readReassignableTopicResponse(r: Reader, version: number): ReassignableTopicResponse {
  const o: ReassignableTopicResponse = {
    name: (r.string(true) ?? ''),
    partitions: (readArray(r, true, 1, readReassignablePartitionResponse, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeReassignableTopicResponse(w: Writer, v: ReassignableTopicResponse, version: number): void {
  w.string(v.name, true);
  writeArray(w, v.partitions, true, writeReassignablePartitionResponse, version);
  w.uvarint(0);
}

export interface ReassignablePartitionResponse {
  /** The partition index. */
  partitionIndex: number;
  /** The error code for this partition, or 0 if there was no error. */
  errorCode: number;
  /** The error message for this partition, or null if there was no error. */
  errorMessage: string | null;
}

export function defaultReassignablePartitionResponse(): ReassignablePartitionResponse {
  return {
    partitionIndex: 0,
    errorCode: 0,
    errorMessage: '',
  };
}

export function readReassignablePartitionResponse(r: Reader, version: number): ReassignablePartitionResponse {
  const o: ReassignablePartitionResponse = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(true),
  };
  r.skipTaggedFields();
  return o;
}

export function writeReassignablePartitionResponse(w: Writer, v: ReassignablePartitionResponse, version: number): void {
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  w.string(v.errorMessage, true);
  w.uvarint(0);
}

export const AlterPartitionReassignmentsApi: ApiDefinition<AlterPartitionReassignmentsRequest, AlterPartitionReassignmentsResponse> = {
  key: 45,
  name: 'AlterPartitionReassignments',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['broker', 'controller', 'zkBroker'],
  readRequest: readAlterPartitionReassignmentsRequest,
  writeRequest: writeAlterPartitionReassignmentsRequest,
  defaultRequest: defaultAlterPartitionReassignmentsRequest,
  readResponse: readAlterPartitionReassignmentsResponse,
  writeResponse: writeAlterPartitionReassignmentsResponse,
  defaultResponse: defaultAlterPartitionReassignmentsResponse,
};
