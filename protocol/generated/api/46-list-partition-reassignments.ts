// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/46-list-partition-reassignments.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface ListPartitionReassignmentsRequest {
  /** The time in ms to wait for the request to complete. */
  timeoutMs: number;
  /** The topics to list partition reassignments for, or null to list everything. */
  topics: ListPartitionReassignmentsTopics[] | null;
}

export function defaultListPartitionReassignmentsRequest(): ListPartitionReassignmentsRequest {
  return {
    timeoutMs: 60000,
    topics: null,
  };
}

export function readListPartitionReassignmentsRequest(r: Reader, version: number): ListPartitionReassignmentsRequest {
  const o: ListPartitionReassignmentsRequest = {
    timeoutMs: r.int32(),
    topics: readArray(r, true, 1, readListPartitionReassignmentsTopics, version),
  };
  r.skipTaggedFields();
  return o;
}

export function writeListPartitionReassignmentsRequest(w: Writer, v: ListPartitionReassignmentsRequest, version: number): void {
  w.int32(v.timeoutMs);
  writeArray(w, v.topics, true, writeListPartitionReassignmentsTopics, version);
  w.uvarint(0);
}

export interface ListPartitionReassignmentsTopics {
  /** The topic name */
  name: string;
  /** The partitions to list partition reassignments for. */
  partitionIndexes: number[];
}

export function defaultListPartitionReassignmentsTopics(): ListPartitionReassignmentsTopics {
  return {
    name: '',
    partitionIndexes: [],
  };
}

export function readListPartitionReassignmentsTopics(r: Reader, version: number): ListPartitionReassignmentsTopics {
  const o: ListPartitionReassignmentsTopics = {
    name: (r.string(true) ?? ''),
    partitionIndexes: (readInt32Array(r, true) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeListPartitionReassignmentsTopics(w: Writer, v: ListPartitionReassignmentsTopics, version: number): void {
  w.string(v.name, true);
  writeInt32Array(w, v.partitionIndexes, true);
  w.uvarint(0);
}

export interface ListPartitionReassignmentsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top-level error code, or 0 if there was no error */
  errorCode: number;
  /** The top-level error message, or null if there was no error. */
  errorMessage: string | null;
  /** The ongoing reassignments for each topic. */
  topics: OngoingTopicReassignment[];
}

export function defaultListPartitionReassignmentsResponse(): ListPartitionReassignmentsResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    errorMessage: '',
    topics: [],
  };
}

export function readListPartitionReassignmentsResponse(r: Reader, version: number): ListPartitionReassignmentsResponse {
  const o: ListPartitionReassignmentsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    errorMessage: r.string(true),
    topics: (readArray(r, true, 1, readOngoingTopicReassignment, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeListPartitionReassignmentsResponse(w: Writer, v: ListPartitionReassignmentsResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  w.string(v.errorMessage, true);
  writeArray(w, v.topics, true, writeOngoingTopicReassignment, version);
  w.uvarint(0);
}

export interface OngoingTopicReassignment {
  /** The topic name. */
  name: string;
  /** The ongoing reassignments for each partition. */
  partitions: OngoingPartitionReassignment[];
}

export function defaultOngoingTopicReassignment(): OngoingTopicReassignment {
  return {
    name: '',
    partitions: [],
  };
}

export function readOngoingTopicReassignment(r: Reader, version: number): OngoingTopicReassignment {
  const o: OngoingTopicReassignment = {
    name: (r.string(true) ?? ''),
    partitions: (readArray(r, true, 1, readOngoingPartitionReassignment, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeOngoingTopicReassignment(w: Writer, v: OngoingTopicReassignment, version: number): void {
  w.string(v.name, true);
  writeArray(w, v.partitions, true, writeOngoingPartitionReassignment, version);
  w.uvarint(0);
}

export interface OngoingPartitionReassignment {
  /** The index of the partition. */
  partitionIndex: number;
  /** The current replica set. */
  replicas: number[];
  /** The set of replicas we are currently adding. */
  addingReplicas: number[];
  /** The set of replicas we are currently removing. */
  removingReplicas: number[];
}

export function defaultOngoingPartitionReassignment(): OngoingPartitionReassignment {
  return {
    partitionIndex: 0,
    replicas: [],
    addingReplicas: [],
    removingReplicas: [],
  };
}

export function readOngoingPartitionReassignment(r: Reader, version: number): OngoingPartitionReassignment {
  const o: OngoingPartitionReassignment = {
    partitionIndex: r.int32(),
    replicas: (readInt32Array(r, true) ?? []),
    addingReplicas: (readInt32Array(r, true) ?? []),
    removingReplicas: (readInt32Array(r, true) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeOngoingPartitionReassignment(w: Writer, v: OngoingPartitionReassignment, version: number): void {
  w.int32(v.partitionIndex);
  writeInt32Array(w, v.replicas, true);
  writeInt32Array(w, v.addingReplicas, true);
  writeInt32Array(w, v.removingReplicas, true);
  w.uvarint(0);
}

export const ListPartitionReassignmentsApi: ApiDefinition<ListPartitionReassignmentsRequest, ListPartitionReassignmentsResponse> = {
  key: 46,
  name: 'ListPartitionReassignments',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['broker', 'controller', 'zkBroker'],
  readRequest: readListPartitionReassignmentsRequest,
  writeRequest: writeListPartitionReassignmentsRequest,
  defaultRequest: defaultListPartitionReassignmentsRequest,
  readResponse: readListPartitionReassignmentsResponse,
  writeResponse: writeListPartitionReassignmentsResponse,
  defaultResponse: defaultListPartitionReassignmentsResponse,
};
