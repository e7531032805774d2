// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/20-delete-topics.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readStringArray, writeStringArray } from '../scalar-arrays.js';

export interface DeleteTopicsRequest {
  /** The name or topic ID of the topic */
  topics: DeleteTopicState[];
  /** The names of the topics to delete */
  topicNames: string[];
  /** The length of time in milliseconds to wait for the deletions to complete. */
  timeoutMs: number;
}

export function defaultDeleteTopicsRequest(): DeleteTopicsRequest {
  return {
    topics: [],
    topicNames: [],
    timeoutMs: 0,
  };
}

export function readDeleteTopicsRequest(r: Reader, version: number): DeleteTopicsRequest {
  const flex = version >= 4;
  const o: DeleteTopicsRequest = {
    topics: version >= 6 ? (readArray(r, flex, 1, readDeleteTopicState, version) ?? []) : [],
    topicNames: version <= 5 ? (readStringArray(r, flex) ?? []) : [],
    timeoutMs: r.int32(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeleteTopicsRequest(w: Writer, v: DeleteTopicsRequest, version: number): void {
  const flex = version >= 4;
  if (version >= 6) writeArray(w, v.topics, flex, writeDeleteTopicState, version);
  if (version <= 5) writeStringArray(w, v.topicNames, flex);
  w.int32(v.timeoutMs);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DeleteTopicState {
  /** The topic name */
  name: string | null;
  /** The unique topic ID */
  topicId: string;
}

export function defaultDeleteTopicState(): DeleteTopicState {
  return {
    name: null,
    topicId: ZERO_UUID,
  };
}

export function readDeleteTopicState(r: Reader, version: number): DeleteTopicState {
  const flex = version >= 4;
  const o: DeleteTopicState = {
    name: version >= 6 ? r.string(flex) : null,
    topicId: version >= 6 ? r.uuid() : ZERO_UUID,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeleteTopicState(w: Writer, v: DeleteTopicState, version: number): void {
  const flex = version >= 4;
  if (version >= 6) w.string(v.name, flex);
  if (version >= 6) w.uuid(v.topicId);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DeleteTopicsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The results for each topic we tried to delete. */
  responses: DeletableTopicResult[];
}

export function defaultDeleteTopicsResponse(): DeleteTopicsResponse {
  return {
    throttleTimeMs: 0,
    responses: [],
  };
}

export function readDeleteTopicsResponse(r: Reader, version: number): DeleteTopicsResponse {
  const flex = version >= 4;
  const o: DeleteTopicsResponse = {
    throttleTimeMs: version >= 1 ? r.int32() : 0,
    responses: (readArray(r, flex, 1, readDeletableTopicResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeleteTopicsResponse(w: Writer, v: DeleteTopicsResponse, version: number): void {
  const flex = version >= 4;
  if (version >= 1) w.int32(v.throttleTimeMs);
  writeArray(w, v.responses, flex, writeDeletableTopicResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface DeletableTopicResult {
  /** The topic name */
  name: string | null;
  /** the unique topic ID */
  topicId: string;
  /** The deletion error, or 0 if the deletion succeeded. */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage: string | null;
}

export function defaultDeletableTopicResult(): DeletableTopicResult {
  return {
    name: '',
    topicId: ZERO_UUID,
    errorCode: 0,
    errorMessage: null,
  };
}

export function readDeletableTopicResult(r: Reader, version: number): DeletableTopicResult {
  const flex = version >= 4;
  const o: DeletableTopicResult = {
    name: r.string(flex),
    topicId: version >= 6 ? r.uuid() : ZERO_UUID,
    errorCode: r.int16(),
    errorMessage: version >= 5 ? r.string(flex) : null,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeDeletableTopicResult(w: Writer, v: DeletableTopicResult, version: number): void {
  const flex = version >= 4;
  w.string((version >= 6 ? v.name : v.name ?? ''), flex);
  if (version >= 6) w.uuid(v.topicId);
  w.int16(v.errorCode);
  if (version >= 5) w.string(v.errorMessage, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export const DeleteTopicsApi: ApiDefinition<DeleteTopicsRequest, DeleteTopicsResponse> = {
  key: 20,
  name: 'DeleteTopics',
  minVersion: 0,
  maxVersion: 6,
  maxStableVersion: 6,
  flexibleVersion: 4,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readDeleteTopicsRequest,
  writeRequest: writeDeleteTopicsRequest,
  defaultRequest: defaultDeleteTopicsRequest,
  readResponse: readDeleteTopicsResponse,
  writeResponse: writeDeleteTopicsResponse,
  defaultResponse: defaultDeleteTopicsResponse,
};
