// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/19-create-topics.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface CreateTopicsRequest {
  /** The topics to create. */
  topics: CreatableTopic[];
  /** How long to wait in milliseconds before timing out the request. */
  timeoutMs: number;
  /** If true, check that the topics can be created as specified, but don't create anything. */
  validateOnly: boolean;
}

export function defaultCreateTopicsRequest(): CreateTopicsRequest {
  return {
    topics: [],
    timeoutMs: 60000,
    validateOnly: false,
  };
}

export function readCreateTopicsRequest(r: Reader, version: number): CreateTopicsRequest {
  const flex = version >= 5;
  const o: CreateTopicsRequest = {
    topics: (readArray(r, flex, 1, readCreatableTopic, version) ?? []),
    timeoutMs: r.int32(),
    validateOnly: version >= 1 ? r.bool() : false,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCreateTopicsRequest(w: Writer, v: CreateTopicsRequest, version: number): void {
  const flex = version >= 5;
  writeArray(w, v.topics, flex, writeCreatableTopic, version);
  w.int32(v.timeoutMs);
  if (version >= 1) w.bool(v.validateOnly);
  if (flex) {
    w.uvarint(0);
  }
}

export interface CreatableTopic {
  /** The topic name. */
  name: string;
  /** The number of partitions to create in the topic, or -1 if we are either specifying a manual partition assignment or using the default partitions. */
  numPartitions: number;
  /** The number of replicas to create for each partition in the topic, or -1 if we are either specifying a manual partition assignment or using the default replication factor. */
  replicationFactor: number;
  /** The manual partition assignment, or the empty array if we are using automatic assignment. */
  assignments: CreatableReplicaAssignment[];
  /** The custom topic configurations to set. */
  configs: CreatableTopicConfig[];
}

export function defaultCreatableTopic(): CreatableTopic {
  return {
    name: '',
    numPartitions: 0,
    replicationFactor: 0,
    assignments: [],
    configs: [],
  };
}

export function readCreatableTopic(r: Reader, version: number): CreatableTopic {
  const flex = version >= 5;
  const o: CreatableTopic = {
    name: (r.string(flex) ?? ''),
    numPartitions: r.int32(),
    replicationFactor: r.int16(),
    assignments: (readArray(r, flex, 1, readCreatableReplicaAssignment, version) ?? []),
    configs: (readArray(r, flex, 1, readCreatableTopicConfig, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCreatableTopic(w: Writer, v: CreatableTopic, version: number): void {
  const flex = version >= 5;
  w.string(v.name, flex);
  w.int32(v.numPartitions);
  w.int16(v.replicationFactor);
  writeArray(w, v.assignments, flex, writeCreatableReplicaAssignment, version);
  writeArray(w, v.configs, flex, writeCreatableTopicConfig, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface CreatableReplicaAssignment {
  /** The partition index. */
  partitionIndex: number;
  /** The brokers to place the partition on. */
  brokerIds: number[];
}

export function defaultCreatableReplicaAssignment(): CreatableReplicaAssignment {
  return {
    partitionIndex: 0,
    brokerIds: [],
  };
}

export function readCreatableReplicaAssignment(r: Reader, version: number): CreatableReplicaAssignment {
  const flex = version >= 5;
  const o: CreatableReplicaAssignment = {
    partitionIndex: r.int32(),
    brokerIds: (readInt32Array(r, flex) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCreatableReplicaAssignment(w: Writer, v: CreatableReplicaAssignment, version: number): void {
  const flex = version >= 5;
  w.int32(v.partitionIndex);
  writeInt32Array(w, v.brokerIds, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface CreatableTopicConfig {
  /** The configuration name. */
  name: string;
  /** The configuration value. */
  value: string | null;
}

export function defaultCreatableTopicConfig(): CreatableTopicConfig {
  return {
    name: '',
    value: '',
  };
}

export function readCreatableTopicConfig(r: Reader, version: number): CreatableTopicConfig {
  const flex = version >= 5;
  const o: CreatableTopicConfig = {
    name: (r.string(flex) ?? ''),
    value: r.string(flex),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCreatableTopicConfig(w: Writer, v: CreatableTopicConfig, version: number): void {
  const flex = version >= 5;
  w.string(v.name, flex);
  w.string(v.value, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface CreateTopicsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** Results for each topic we tried to create. */
  topics: CreatableTopicResult[];
}

export function defaultCreateTopicsResponse(): CreateTopicsResponse {
  return {
    throttleTimeMs: 0,
    topics: [],
  };
}

export function readCreateTopicsResponse(r: Reader, version: number): CreateTopicsResponse {
  const flex = version >= 5;
  const o: CreateTopicsResponse = {
    throttleTimeMs: version >= 2 ? r.int32() : 0,
    topics: (readArray(r, flex, 1, readCreatableTopicResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCreateTopicsResponse(w: Writer, v: CreateTopicsResponse, version: number): void {
  const flex = version >= 5;
  if (version >= 2) w.int32(v.throttleTimeMs);
  writeArray(w, v.topics, flex, writeCreatableTopicResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface CreatableTopicResult {
  /** The topic name. */
  name: string;
  /** The unique topic ID */
  topicId: string;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage: string | null;
  /** Optional topic config error returned if configs are not returned in the response. */
  topicConfigErrorCode: number;
  /** Number of partitions of the topic. */
  numPartitions: number;
  /** Replication factor of the topic. */
  replicationFactor: number;
  /** Configuration of the topic. */
  configs: CreatableTopicConfigs[] | null;
}

export function defaultCreatableTopicResult(): CreatableTopicResult {
  return {
    name: '',
    topicId: ZERO_UUID,
    errorCode: 0,
    errorMessage: '',
    topicConfigErrorCode: 0,
    numPartitions: -1,
    replicationFactor: -1,
    configs: [],
  };
}

export function readCreatableTopicResult(r: Reader, version: number): CreatableTopicResult {
  const flex = version >= 5;
  const o: CreatableTopicResult = {
    name: (r.string(flex) ?? ''),
    topicId: version >= 7 ? r.uuid() : ZERO_UUID,
    errorCode: r.int16(),
    errorMessage: version >= 1 ? r.string(flex) : '',
    topicConfigErrorCode: 0,
    numPartitions: version >= 5 ? r.int32() : -1,
    replicationFactor: version >= 5 ? r.int16() : -1,
    configs: version >= 5 ? readArray(r, flex, 1, readCreatableTopicConfigs, version) : [],
  };
  if (flex) {
    const n = r.uvarint();
    for (let i = 0; i < n; i++) {
      const tag = r.uvarint();
      const t = r.sub(r.uvarint());
      if (tag === 0 && version >= 5) o.topicConfigErrorCode = t.int16();
    }
  }
  return o;
}

export function writeCreatableTopicResult(w: Writer, v: CreatableTopicResult, version: number): void {
  const flex = version >= 5;
  w.string(v.name, flex);
  if (version >= 7) w.uuid(v.topicId);
  w.int16(v.errorCode);
  if (version >= 1) w.string(v.errorMessage, flex);
  if (version >= 5) w.int32(v.numPartitions);
  if (version >= 5) w.int16(v.replicationFactor);
  if (version >= 5) writeArray(w, v.configs, flex, writeCreatableTopicConfigs, version);
  if (flex) {
    const t0 = version >= 5 && v.topicConfigErrorCode !== 0;
    w.uvarint(t0 ? 1 : 0);
    if (t0) { w.uvarint(0); w.uvarint(2); w.int16(v.topicConfigErrorCode); }
  }
}

export interface CreatableTopicConfigs {
  /** The configuration name. */
  name: string;
  /** The configuration value. */
  value: string | null;
  /** True if the configuration is read-only. */
  readOnly: boolean;
  /** The configuration source. */
  configSource: number;
  /** True if this configuration is sensitive. */
  isSensitive: boolean;
}

export function defaultCreatableTopicConfigs(): CreatableTopicConfigs {
  return {
    name: '',
    value: '',
    readOnly: false,
    configSource: -1,
    isSensitive: false,
  };
}

export function readCreatableTopicConfigs(r: Reader, version: number): CreatableTopicConfigs {
  const flex = version >= 5;
  const o: CreatableTopicConfigs = {
    name: version >= 5 ? (r.string(flex) ?? '') : '',
    value: version >= 5 ? r.string(flex) : '',
    readOnly: version >= 5 ? r.bool() : false,
    configSource: version >= 5 ? r.int8() : -1,
    isSensitive: version >= 5 ? r.bool() : false,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeCreatableTopicConfigs(w: Writer, v: CreatableTopicConfigs, version: number): void {
  const flex = version >= 5;
  if (version >= 5) w.string(v.name, flex);
  if (version >= 5) w.string(v.value, flex);
  if (version >= 5) w.bool(v.readOnly);
  if (version >= 5) w.int8(v.configSource);
  if (version >= 5) w.bool(v.isSensitive);
  if (flex) {
    w.uvarint(0);
  }
}

export const CreateTopicsApi: ApiDefinition<CreateTopicsRequest, CreateTopicsResponse> = {
  key: 19,
  name: 'CreateTopics',
  minVersion: 0,
  maxVersion: 7,
  maxStableVersion: 7,
  flexibleVersion: 5,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readCreateTopicsRequest,
  writeRequest: writeCreateTopicsRequest,
  defaultRequest: defaultCreateTopicsRequest,
  readResponse: readCreateTopicsResponse,
  writeResponse: writeCreateTopicsResponse,
  defaultResponse: defaultCreateTopicsResponse,
};
