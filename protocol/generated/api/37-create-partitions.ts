// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/37-create-partitions.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface CreatePartitionsRequest {
  /** Each topic that we want to create new partitions inside. */
  topics: CreatePartitionsTopic[];
  /** The time in ms to wait for the partitions to be created. */
  timeoutMs: number;
  /** If true, then validate the request, but don't actually increase the number of partitions. */
  validateOnly: boolean;
}

export function defaultCreatePartitionsRequest(): CreatePartitionsRequest {
  return {
    topics: [],
    timeoutMs: 0,
    validateOnly: false,
  };
}

export function readCreatePartitionsRequest(r: Reader, version: number): CreatePartitionsRequest {
  const flex = version >= 2;
  const o: CreatePartitionsRequest = {
    topics: (readArray(r, flex, 1, readCreatePartitionsTopic, version) ?? []),
    timeoutMs: r.int32(),
    validateOnly: r.bool(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCreatePartitionsRequest(w: Writer, v: CreatePartitionsRequest, version: number): void {
  const flex = version >= 2;
  writeArray(w, v.topics, flex, writeCreatePartitionsTopic, version);
  w.int32(v.timeoutMs);
  w.bool(v.validateOnly);
  if (flex) {
    w.uvarint(0);
  }
}

export interface CreatePartitionsTopic {
  /** The topic name. */
  name: string;
  /** The new partition count. */
  count: number;
  /** The new partition assignments. */
  assignments: CreatePartitionsAssignment[] | null;
}

export function defaultCreatePartitionsTopic(): CreatePartitionsTopic {
  return {
    name: '',
    count: 0,
    assignments: [],
  };
}

export function readCreatePartitionsTopic(r: Reader, version: number): CreatePartitionsTopic {
  const flex = version >= 2;
  const o: CreatePartitionsTopic = {
    name: (r.string(flex) ?? ''),
    count: r.int32(),
    assignments: readArray(r, flex, 1, readCreatePartitionsAssignment, version),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCreatePartitionsTopic(w: Writer, v: CreatePartitionsTopic, version: number): void {
  const flex = version >= 2;
  w.string(v.name, flex);
  w.int32(v.count);
  writeArray(w, v.assignments, flex, writeCreatePartitionsAssignment, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface CreatePartitionsAssignment {
  /** The assigned broker IDs. */
  brokerIds: number[];
}

export function defaultCreatePartitionsAssignment(): CreatePartitionsAssignment {
  return {
    brokerIds: [],
  };
}

export function readCreatePartitionsAssignment(r: Reader, version: number): CreatePartitionsAssignment {
  const flex = version >= 2;
  const o: CreatePartitionsAssignment = {
    brokerIds: (readInt32Array(r, flex) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCreatePartitionsAssignment(w: Writer, v: CreatePartitionsAssignment, version: number): void {
  const flex = version >= 2;
  writeInt32Array(w, v.brokerIds, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface CreatePartitionsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The partition creation results for each topic. */
  results: CreatePartitionsTopicResult[];
}

export function defaultCreatePartitionsResponse(): CreatePartitionsResponse {
  return {
    throttleTimeMs: 0,
    results: [],
  };
}

export function readCreatePartitionsResponse(r: Reader, version: number): CreatePartitionsResponse {
  const flex = version >= 2;
  const o: CreatePartitionsResponse = {
    throttleTimeMs: r.int32(),
    results: (readArray(r, flex, 1, readCreatePartitionsTopicResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCreatePartitionsResponse(w: Writer, v: CreatePartitionsResponse, version: number): void {
  const flex = version >= 2;
  w.int32(v.throttleTimeMs);
  writeArray(w, v.results, flex, writeCreatePartitionsTopicResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface CreatePartitionsTopicResult {
  /** The topic name. */
  name: string;
  /** The result error, or zero if there was no error. */
  errorCode: number;
  /** The result message, or null if there was no error. */
  errorMessage: string | null;
}

export function defaultCreatePartitionsTopicResult(): CreatePartitionsTopicResult {
  return {
    name: '',
    errorCode: 0,
    errorMessage: null,
  };
}

export function readCreatePartitionsTopicResult(r: Reader, version: number): CreatePartitionsTopicResult {
  const flex = version >= 2;
  const o: CreatePartitionsTopicResult = {
    name: (r.string(flex) ?? ''),
    errorCode: r.int16(),
    errorMessage: r.string(flex),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCreatePartitionsTopicResult(w: Writer, v: CreatePartitionsTopicResult, version: number): void {
  const flex = version >= 2;
  w.string(v.name, flex);
  w.int16(v.errorCode);
  w.string(v.errorMessage, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export const CreatePartitionsApi: ApiDefinition<CreatePartitionsRequest, CreatePartitionsResponse> = {
  key: 37,
  name: 'CreatePartitions',
  minVersion: 0,
  maxVersion: 3,
  maxStableVersion: 3,
  flexibleVersion: 2,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readCreatePartitionsRequest,
  writeRequest: writeCreatePartitionsRequest,
  defaultRequest: defaultCreatePartitionsRequest,
  readResponse: readCreatePartitionsResponse,
  writeResponse: writeCreatePartitionsResponse,
  defaultResponse: defaultCreatePartitionsResponse,
};
