// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/54-end-quorum-epoch.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray, writeTagged } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface EndQuorumEpochRequest {
  clusterId: string | null;
  topics: EndQuorumEpochRequestTopicData[];
  /** Endpoints for the leader */
  leaderEndpoints: LeaderEndpoint[];
}

export function defaultEndQuorumEpochRequest(): EndQuorumEpochRequest {
  return {
    clusterId: null,
    topics: [],
    leaderEndpoints: [],
  };
}

export function readEndQuorumEpochRequest(r: Reader, version: number): EndQuorumEpochRequest {
  const flex = version >= 1;
  const o: EndQuorumEpochRequest = {
    clusterId: r.string(flex),
    topics: (readArray(r, flex, 1, readEndQuorumEpochRequestTopicData, version) ?? []),
    leaderEndpoints: version >= 1 ? (readArray(r, flex, 1, readLeaderEndpoint, version) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeEndQuorumEpochRequest(w: Writer, v: EndQuorumEpochRequest, version: number): void {
  const flex = version >= 1;
  w.string(v.clusterId, flex);
  writeArray(w, v.topics, flex, writeEndQuorumEpochRequestTopicData, version);
  if (version >= 1) writeArray(w, v.leaderEndpoints, flex, writeLeaderEndpoint, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface EndQuorumEpochRequestTopicData {
  /** The topic name. */
  topicName: string;
  partitions: EndQuorumEpochRequestPartitionData[];
}

export function defaultEndQuorumEpochRequestTopicData(): EndQuorumEpochRequestTopicData {
  return {
    topicName: '',
    partitions: [],
  };
}

export function readEndQuorumEpochRequestTopicData(r: Reader, version: number): EndQuorumEpochRequestTopicData {
  const flex = version >= 1;
  const o: EndQuorumEpochRequestTopicData = {
    topicName: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readEndQuorumEpochRequestPartitionData, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeEndQuorumEpochRequestTopicData(w: Writer, v: EndQuorumEpochRequestTopicData, version: number): void {
  const flex = version >= 1;
  w.string(v.topicName, flex);
  writeArray(w, v.partitions, flex, writeEndQuorumEpochRequestPartitionData, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface EndQuorumEpochRequestPartitionData {
  /** The partition index. */
  partitionIndex: number;
  /** The current leader ID that is resigning */
  leaderId: number;
  /** The current epoch */
  leaderEpoch: number;
  /** A sorted list of preferred successors to start the election */
  preferredSuccessors: number[];
  /** A sorted list of preferred candidates to start the election */
  preferredCandidates: ReplicaInfo[];
}

export function defaultEndQuorumEpochRequestPartitionData(): EndQuorumEpochRequestPartitionData {
  return {
    partitionIndex: 0,
    leaderId: 0,
    leaderEpoch: 0,
    preferredSuccessors: [],
    preferredCandidates: [],
  };
}

export function readEndQuorumEpochRequestPartitionData(r: Reader, version: number): EndQuorumEpochRequestPartitionData {
  const flex = version >= 1;
  const o: EndQuorumEpochRequestPartitionData = {
    partitionIndex: r.int32(),
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
    preferredSuccessors: version === 0 ? (readInt32Array(r, flex) ?? []) : [],
    preferredCandidates: version >= 1 ? (readArray(r, flex, 1, readReplicaInfo, version) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeEndQuorumEpochRequestPartitionData(w: Writer, v: EndQuorumEpochRequestPartitionData, version: number): void {
  const flex = version >= 1;
  w.int32(v.partitionIndex);
  w.int32(v.leaderId);
  w.int32(v.leaderEpoch);
  if (version === 0) writeInt32Array(w, v.preferredSuccessors, flex);
  if (version >= 1) writeArray(w, v.preferredCandidates, flex, writeReplicaInfo, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface ReplicaInfo {
  candidateId: number;
  candidateDirectoryId: string;
}

export function defaultReplicaInfo(): ReplicaInfo {
  return {
    candidateId: 0,
    candidateDirectoryId: ZERO_UUID,
  };
}

export function readReplicaInfo(r: Reader, version: number): ReplicaInfo {
  const flex = version >= 1;
  const o: ReplicaInfo = {
    candidateId: version >= 1 ? r.int32() : 0,
    candidateDirectoryId: version >= 1 ? r.uuid() : ZERO_UUID,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeReplicaInfo(w: Writer, v: ReplicaInfo, version: number): void {
  const flex = version >= 1;
  if (version >= 1) w.int32(v.candidateId);
  if (version >= 1) w.uuid(v.candidateDirectoryId);
  if (flex) {
    w.uvarint(0);
  }
}

export interface LeaderEndpoint {
  /** The name of the endpoint */
  name: string;
  /** The node's hostname */
  host: string;
  /** The node's port */
  port: number;
}

export function defaultLeaderEndpoint(): LeaderEndpoint {
  return {
    name: '',
    host: '',
    port: 0,
  };
}

export function readLeaderEndpoint(r: Reader, version: number): LeaderEndpoint {
  const flex = version >= 1;
  const o: LeaderEndpoint = {
    name: version >= 1 ? (r.string(flex) ?? '') : '',
    host: version >= 1 ? (r.string(flex) ?? '') : '',
    port: version >= 1 ? r.uint16() : 0,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeLeaderEndpoint(w: Writer, v: LeaderEndpoint, version: number): void {
  const flex = version >= 1;
  if (version >= 1) w.string(v.name, flex);
  if (version >= 1) w.string(v.host, flex);
  if (version >= 1) w.uint16(v.port);
  if (flex) {
    w.uvarint(0);
  }
}

export interface EndQuorumEpochResponse {
  /** The top level error code. */
  errorCode: number;
  topics: EndQuorumEpochResponseTopicData[];
  /** Endpoints for all leaders enumerated in PartitionData */
  nodeEndpoints: NodeEndpoint[];
}

export function defaultEndQuorumEpochResponse(): EndQuorumEpochResponse {
  return {
    errorCode: 0,
    topics: [],
    nodeEndpoints: [],
  };
}

export function readEndQuorumEpochResponse(r: Reader, version: number): EndQuorumEpochResponse {
  const flex = version >= 1;
  const o: EndQuorumEpochResponse = {
    errorCode: r.int16(),
    topics: (readArray(r, flex, 1, readEndQuorumEpochResponseTopicData, version) ?? []),
    nodeEndpoints: [],
  };
  if (flex) {
    const n = r.uvarint();
    for (let i = 0; i < n; i++) {
      const tag = r.uvarint();
      const t = r.sub(r.uvarint());
      if (tag === 0 && version >= 1) o.nodeEndpoints = (readArray(t, true, 1, readNodeEndpoint, version) ?? []);
    }
  }
  return o;
}

export function writeEndQuorumEpochResponse(w: Writer, v: EndQuorumEpochResponse, version: number): void {
  const flex = version >= 1;
  w.int16(v.errorCode);
  writeArray(w, v.topics, flex, writeEndQuorumEpochResponseTopicData, version);
  if (flex) {
    const t0 = version >= 1 && (v.nodeEndpoints === null || v.nodeEndpoints.length > 0);
    w.uvarint(t0 ? 1 : 0);
    if (t0) { writeTagged(w, 0, (w) => { writeArray(w, v.nodeEndpoints, true, writeNodeEndpoint, version); }); }
  }
}

export interface EndQuorumEpochResponseTopicData {
  /** The topic name. */
  topicName: string;
  partitions: EndQuorumEpochResponsePartitionData[];
}

export function defaultEndQuorumEpochResponseTopicData(): EndQuorumEpochResponseTopicData {
  return {
    topicName: '',
    partitions: [],
  };
}

export function readEndQuorumEpochResponseTopicData(r: Reader, version: number): EndQuorumEpochResponseTopicData {
  const flex = version >= 1;
  const o: EndQuorumEpochResponseTopicData = {
    topicName: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readEndQuorumEpochResponsePartitionData, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeEndQuorumEpochResponseTopicData(w: Writer, v: EndQuorumEpochResponseTopicData, version: number): void {
  const flex = version >= 1;
  w.string(v.topicName, flex);
  writeArray(w, v.partitions, flex, writeEndQuorumEpochResponsePartitionData, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface EndQuorumEpochResponsePartitionData {
  /** The partition index. */
  partitionIndex: number;
  errorCode: number;
  /** The ID of the current leader or -1 if the leader is unknown. */
  leaderId: number;
  /** The latest known leader epoch */
  leaderEpoch: number;
}

export function defaultEndQuorumEpochResponsePartitionData(): EndQuorumEpochResponsePartitionData {
  return {
    partitionIndex: 0,
    errorCode: 0,
    leaderId: 0,
    leaderEpoch: 0,
  };
}

export function readEndQuorumEpochResponsePartitionData(r: Reader, version: number): EndQuorumEpochResponsePartitionData {
  const flex = version >= 1;
  const o: EndQuorumEpochResponsePartitionData = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeEndQuorumEpochResponsePartitionData(w: Writer, v: EndQuorumEpochResponsePartitionData, version: number): void {
  const flex = version >= 1;
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  w.int32(v.leaderId);
  w.int32(v.leaderEpoch);
  if (flex) {
    w.uvarint(0);
  }
}

export interface NodeEndpoint {
  /** The ID of the associated node */
  nodeId: number;
  /** The node's hostname */
  host: string;
  /** The node's port */
  port: number;
}

export function defaultNodeEndpoint(): NodeEndpoint {
  return {
    nodeId: 0,
    host: '',
    port: 0,
  };
}

export function readNodeEndpoint(r: Reader, version: number): NodeEndpoint {
  const flex = version >= 1;
  const o: NodeEndpoint = {
    nodeId: version >= 1 ? r.int32() : 0,
    host: version >= 1 ? (r.string(flex) ?? '') : '',
    port: version >= 1 ? r.uint16() : 0,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeNodeEndpoint(w: Writer, v: NodeEndpoint, version: number): void {
  const flex = version >= 1;
  if (version >= 1) w.int32(v.nodeId);
  if (version >= 1) w.string(v.host, flex);
  if (version >= 1) w.uint16(v.port);
  if (flex) {
    w.uvarint(0);
  }
}

export const EndQuorumEpochApi: ApiDefinition<EndQuorumEpochRequest, EndQuorumEpochResponse> = {
  key: 54,
  name: 'EndQuorumEpoch',
  minVersion: 0,
  maxVersion: 1,
  maxStableVersion: 1,
  flexibleVersion: 1,
  listeners: ['controller'],
  readRequest: readEndQuorumEpochRequest,
  writeRequest: writeEndQuorumEpochRequest,
  defaultRequest: defaultEndQuorumEpochRequest,
  readResponse: readEndQuorumEpochResponse,
  writeResponse: writeEndQuorumEpochResponse,
  defaultResponse: defaultEndQuorumEpochResponse,
};
