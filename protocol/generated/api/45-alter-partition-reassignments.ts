// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/45-alter-partition-reassignments.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

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
  const flex = true;
  const o: AlterPartitionReassignmentsRequest = {
    timeoutMs: r.int32(),
    topics: (readArray(r, flex, 1, (r) => readReassignableTopic(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeAlterPartitionReassignmentsRequest(w: Writer, v: AlterPartitionReassignmentsRequest, version: number): void {
  const flex = true;
  w.int32(v.timeoutMs);
  writeArray(w, v.topics, flex, (w, e) => writeReassignableTopic(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: ReassignableTopic = {
    name: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, (r) => readReassignablePartition(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeReassignableTopic(w: Writer, v: ReassignableTopic, version: number): void {
  const flex = true;
  w.string(v.name, flex);
  writeArray(w, v.partitions, flex, (w, e) => writeReassignablePartition(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: ReassignablePartition = {
    partitionIndex: r.int32(),
    replicas: readArray(r, flex, 4, (r) => r.int32()),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeReassignablePartition(w: Writer, v: ReassignablePartition, version: number): void {
  const flex = true;
  w.int32(v.partitionIndex);
  writeArray(w, v.replicas, flex, (w, e) => w.int32(e));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: AlterPartitionReassignmentsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(flex),
    responses: (readArray(r, flex, 1, (r) => readReassignableTopicResponse(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeAlterPartitionReassignmentsResponse(w: Writer, v: AlterPartitionReassignmentsResponse, version: number): void {
  const flex = true;
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.string(v.errorMessage, flex);
  writeArray(w, v.responses, flex, (w, e) => writeReassignableTopicResponse(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: ReassignableTopicResponse = {
    name: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, (r) => readReassignablePartitionResponse(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeReassignableTopicResponse(w: Writer, v: ReassignableTopicResponse, version: number): void {
  const flex = true;
  w.string(v.name, flex);
  writeArray(w, v.partitions, flex, (w, e) => writeReassignablePartitionResponse(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: ReassignablePartitionResponse = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(flex),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeReassignablePartitionResponse(w: Writer, v: ReassignablePartitionResponse, version: number): void {
  const flex = true;
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  w.string(v.errorMessage, flex);
  if (flex) w.uvarint(0);
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
