// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/03-metadata.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface MetadataRequest {
  /** The topics to fetch metadata for. */
  topics: MetadataRequestTopic[] | null;
  /** If this is true, the broker may auto-create topics that we requested which do not already exist, if it is configured to do so. */
  allowAutoTopicCreation: boolean;
  /** Whether to include cluster authorized operations. */
  includeClusterAuthorizedOperations: boolean;
  /** Whether to include topic authorized operations. */
  includeTopicAuthorizedOperations: boolean;
}

export function defaultMetadataRequest(): MetadataRequest {
  return {
    topics: [],
    allowAutoTopicCreation: true,
    includeClusterAuthorizedOperations: false,
    includeTopicAuthorizedOperations: false,
  };
}

export function readMetadataRequest(r: Reader, version: number): MetadataRequest {
  const flex = version >= 9;
  const o: MetadataRequest = {
    topics: readArray(r, flex, 1, readMetadataRequestTopic, version),
    allowAutoTopicCreation: version >= 4 ? r.bool() : true,
    includeClusterAuthorizedOperations: version >= 8 && version <= 10 ? r.bool() : false,
    includeTopicAuthorizedOperations: version >= 8 ? r.bool() : false,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeMetadataRequest(w: Writer, v: MetadataRequest, version: number): void {
  const flex = version >= 9;
  writeArray(w, (version >= 1 ? v.topics : v.topics ?? []), flex, writeMetadataRequestTopic, version);
  if (version >= 4) w.bool(v.allowAutoTopicCreation);
  if (version >= 8 && version <= 10) w.bool(v.includeClusterAuthorizedOperations);
  if (version >= 8) w.bool(v.includeTopicAuthorizedOperations);
  if (flex) {
    w.uvarint(0);
  }
}

export interface MetadataRequestTopic {
  /** The topic id. */
  topicId: string;
  /** The topic name. */
  name: string | null;
}

export function defaultMetadataRequestTopic(): MetadataRequestTopic {
  return {
    topicId: ZERO_UUID,
    name: '',
  };
}

export function readMetadataRequestTopic(r: Reader, version: number): MetadataRequestTopic {
  const flex = version >= 9;
  const o: MetadataRequestTopic = {
    topicId: version >= 10 ? r.uuid() : ZERO_UUID,
    name: r.string(flex),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeMetadataRequestTopic(w: Writer, v: MetadataRequestTopic, version: number): void {
  const flex = version >= 9;
  if (version >= 10) w.uuid(v.topicId);
  w.string((version >= 10 ? v.name : v.name ?? ''), flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface MetadataResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** A list of brokers present in the cluster. */
  brokers: MetadataResponseBroker[];
  /** The cluster ID that responding broker belongs to. */
  clusterId: string | null;
  /** The ID of the controller broker. */
  controllerId: number;
  /** Each topic in the response. */
  topics: MetadataResponseTopic[];
  /** 32-bit bitfield to represent authorized operations for this cluster. */
  clusterAuthorizedOperations: number;
}

export function defaultMetadataResponse(): MetadataResponse {
  return {
    throttleTimeMs: 0,
    brokers: [],
    clusterId: null,
    controllerId: -1,
    topics: [],
    clusterAuthorizedOperations: -2147483648,
  };
}

export function readMetadataResponse(r: Reader, version: number): MetadataResponse {
  const flex = version >= 9;
  const o: MetadataResponse = {
    throttleTimeMs: version >= 3 ? r.int32() : 0,
    brokers: (readArray(r, flex, 1, readMetadataResponseBroker, version) ?? []),
    clusterId: version >= 2 ? r.string(flex) : null,
    controllerId: version >= 1 ? r.int32() : -1,
    topics: (readArray(r, flex, 1, readMetadataResponseTopic, version) ?? []),
    clusterAuthorizedOperations: version >= 8 && version <= 10 ? r.int32() : -2147483648,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeMetadataResponse(w: Writer, v: MetadataResponse, version: number): void {
  const flex = version >= 9;
  if (version >= 3) w.int32(v.throttleTimeMs);
  writeArray(w, v.brokers, flex, writeMetadataResponseBroker, version);
  if (version >= 2) w.string(v.clusterId, flex);
  if (version >= 1) w.int32(v.controllerId);
  writeArray(w, v.topics, flex, writeMetadataResponseTopic, version);
  if (version >= 8 && version <= 10) w.int32(v.clusterAuthorizedOperations);
  if (flex) {
    w.uvarint(0);
  }
}

export interface MetadataResponseBroker {
  /** The broker ID. */
  nodeId: number;
  /** The broker hostname. */
  host: string;
  /** The broker port. */
  port: number;
  /** The rack of the broker, or null if it has not been assigned to a rack. */
  rack: string | null;
}

export function defaultMetadataResponseBroker(): MetadataResponseBroker {
  return {
    nodeId: 0,
    host: '',
    port: 0,
    rack: null,
  };
}

export function readMetadataResponseBroker(r: Reader, version: number): MetadataResponseBroker {
  const flex = version >= 9;
  const o: MetadataResponseBroker = {
    nodeId: r.int32(),
    host: (r.string(flex) ?? ''),
    port: r.int32(),
    rack: version >= 1 ? r.string(flex) : null,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeMetadataResponseBroker(w: Writer, v: MetadataResponseBroker, version: number): void {
  const flex = version >= 9;
  w.int32(v.nodeId);
  w.string(v.host, flex);
  w.int32(v.port);
  if (version >= 1) w.string(v.rack, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface MetadataResponseTopic {
  /** The topic error, or 0 if there was no error. */
  errorCode: number;
  /** The topic name. Null for non-existing topics queried by ID. This is never null when ErrorCode is zero. One of Name and TopicId is always populated. */
  name: string | null;
  /** The topic id. Zero for non-existing topics queried by name. This is never zero when ErrorCode is zero. One of Name and TopicId is always populated. */
  topicId: string;
  /** True if the topic is internal. */
  isInternal: boolean;
  /** Each partition in the topic. */
  partitions: MetadataResponsePartition[];
  /** 32-bit bitfield to represent authorized operations for this topic. */
  topicAuthorizedOperations: number;
}

export function defaultMetadataResponseTopic(): MetadataResponseTopic {
  return {
    errorCode: 0,
    name: '',
    topicId: ZERO_UUID,
    isInternal: false,
    partitions: [],
    topicAuthorizedOperations: -2147483648,
  };
}

export function readMetadataResponseTopic(r: Reader, version: number): MetadataResponseTopic {
  const flex = version >= 9;
  const o: MetadataResponseTopic = {
    errorCode: r.int16(),
    name: r.string(flex),
    topicId: version >= 10 ? r.uuid() : ZERO_UUID,
    isInternal: version >= 1 ? r.bool() : false,
    partitions: (readArray(r, flex, 1, readMetadataResponsePartition, version) ?? []),
    topicAuthorizedOperations: version >= 8 ? r.int32() : -2147483648,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeMetadataResponseTopic(w: Writer, v: MetadataResponseTopic, version: number): void {
  const flex = version >= 9;
  w.int16(v.errorCode);
  w.string((version >= 12 ? v.name : v.name ?? ''), flex);
  if (version >= 10) w.uuid(v.topicId);
  if (version >= 1) w.bool(v.isInternal);
  writeArray(w, v.partitions, flex, writeMetadataResponsePartition, version);
  if (version >= 8) w.int32(v.topicAuthorizedOperations);
  if (flex) {
    w.uvarint(0);
  }
}

export interface MetadataResponsePartition {
  /** The partition error, or 0 if there was no error. */
  errorCode: number;
  /** The partition index. */
  partitionIndex: number;
  /** The ID of the leader broker. */
  leaderId: number;
  /** The leader epoch of this partition. */
  leaderEpoch: number;
  /** The set of all nodes that host this partition. */
  replicaNodes: number[];
  /** The set of nodes that are in sync with the leader for this partition. */
  isrNodes: number[];
  /** The set of offline replicas of this partition. */
  offlineReplicas: number[];
}

export function defaultMetadataResponsePartition(): MetadataResponsePartition {
  return {
    errorCode: 0,
    partitionIndex: 0,
    leaderId: 0,
    leaderEpoch: -1,
    replicaNodes: [],
    isrNodes: [],
    offlineReplicas: [],
  };
}

export function readMetadataResponsePartition(r: Reader, version: number): MetadataResponsePartition {
  const flex = version >= 9;
  const o: MetadataResponsePartition = {
    errorCode: r.int16(),
    partitionIndex: r.int32(),
    leaderId: r.int32(),
    leaderEpoch: version >= 7 ? r.int32() : -1,
    replicaNodes: (readInt32Array(r, flex) ?? []),
    isrNodes: (readInt32Array(r, flex) ?? []),
    offlineReplicas: version >= 5 ? (readInt32Array(r, flex) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeMetadataResponsePartition(w: Writer, v: MetadataResponsePartition, version: number): void {
  const flex = version >= 9;
  w.int16(v.errorCode);
  w.int32(v.partitionIndex);
  w.int32(v.leaderId);
  if (version >= 7) w.int32(v.leaderEpoch);
  writeInt32Array(w, v.replicaNodes, flex);
  writeInt32Array(w, v.isrNodes, flex);
  if (version >= 5) writeInt32Array(w, v.offlineReplicas, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export const MetadataApi: ApiDefinition<MetadataRequest, MetadataResponse> = {
  key: 3,
  name: 'Metadata',
  minVersion: 0,
  maxVersion: 12,
  maxStableVersion: 12,
  flexibleVersion: 9,
  listeners: ['zkBroker', 'broker'],
  readRequest: readMetadataRequest,
  writeRequest: writeMetadataRequest,
  defaultRequest: defaultMetadataRequest,
  readResponse: readMetadataResponse,
  writeResponse: writeMetadataResponse,
  defaultResponse: defaultMetadataResponse,
};
