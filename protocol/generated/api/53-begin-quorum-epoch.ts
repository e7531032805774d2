// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/53-begin-quorum-epoch.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray, writeTagged } from '../../primitives/codec-helpers.js';

export interface BeginQuorumEpochRequest {
  clusterId: string | null;
  /** The replica id of the voter receiving the request */
  voterId: number;
  topics: BeginQuorumEpochRequestTopicData[];
  /** Endpoints for the leader */
  leaderEndpoints: LeaderEndpoint[];
}

export function defaultBeginQuorumEpochRequest(): BeginQuorumEpochRequest {
  return {
    clusterId: null,
    voterId: -1,
    topics: [],
    leaderEndpoints: [],
  };
}

export function readBeginQuorumEpochRequest(r: Reader, version: number): BeginQuorumEpochRequest {
  const flex = version >= 1;
  const o: BeginQuorumEpochRequest = {
    clusterId: r.string(flex),
    voterId: version >= 1 ? r.int32() : -1,
    topics: (readArray(r, flex, 1, readBeginQuorumEpochRequestTopicData, version) ?? []),
    leaderEndpoints: version >= 1 ? (readArray(r, flex, 1, readLeaderEndpoint, version) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeBeginQuorumEpochRequest(w: Writer, v: BeginQuorumEpochRequest, version: number): void {
  const flex = version >= 1;
  w.string(v.clusterId, flex);
  if (version >= 1) w.int32(v.voterId);
  writeArray(w, v.topics, flex, writeBeginQuorumEpochRequestTopicData, version);
  if (version >= 1) writeArray(w, v.leaderEndpoints, flex, writeLeaderEndpoint, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface BeginQuorumEpochRequestTopicData {
  /** The topic name */
  topicName: string;
  partitions: BeginQuorumEpochRequestPartitionData[];
}

export function defaultBeginQuorumEpochRequestTopicData(): BeginQuorumEpochRequestTopicData {
  return {
    topicName: '',
    partitions: [],
  };
}

export function readBeginQuorumEpochRequestTopicData(r: Reader, version: number): BeginQuorumEpochRequestTopicData {
  const flex = version >= 1;
  const o: BeginQuorumEpochRequestTopicData = {
    topicName: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readBeginQuorumEpochRequestPartitionData, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeBeginQuorumEpochRequestTopicData(w: Writer, v: BeginQuorumEpochRequestTopicData, version: number): void {
  const flex = version >= 1;
  w.string(v.topicName, flex);
  writeArray(w, v.partitions, flex, writeBeginQuorumEpochRequestPartitionData, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface BeginQuorumEpochRequestPartitionData {
  /** The partition index */
  partitionIndex: number;
  /** The directory id of the receiving replica */
  voterDirectoryId: string;
  /** The ID of the newly elected leader */
  leaderId: number;
  /** The epoch of the newly elected leader */
  leaderEpoch: number;
}

export function defaultBeginQuorumEpochRequestPartitionData(): BeginQuorumEpochRequestPartitionData {
  return {
    partitionIndex: 0,
    voterDirectoryId: ZERO_UUID,
    leaderId: 0,
    leaderEpoch: 0,
  };
}

export function readBeginQuorumEpochRequestPartitionData(r: Reader, version: number): BeginQuorumEpochRequestPartitionData {
  const flex = version >= 1;
  const o: BeginQuorumEpochRequestPartitionData = {
    partitionIndex: r.int32(),
    voterDirectoryId: version >= 1 ? r.uuid() : ZERO_UUID,
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeBeginQuorumEpochRequestPartitionData(w: Writer, v: BeginQuorumEpochRequestPartitionData, version: number): void {
  const flex = version >= 1;
  w.int32(v.partitionIndex);
  if (version >= 1) w.uuid(v.voterDirectoryId);
  w.int32(v.leaderId);
  w.int32(v.leaderEpoch);
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

export interface BeginQuorumEpochResponse {
  /** The top level error code. */
  errorCode: number;
  topics: BeginQuorumEpochResponseTopicData[];
  /** Endpoints for all leaders enumerated in PartitionData */
  nodeEndpoints: NodeEndpoint[];
}

export function defaultBeginQuorumEpochResponse(): BeginQuorumEpochResponse {
  return {
    errorCode: 0,
    topics: [],
    nodeEndpoints: [],
  };
}

export function readBeginQuorumEpochResponse(r: Reader, version: number): BeginQuorumEpochResponse {
  const flex = version >= 1;
  const o: BeginQuorumEpochResponse = {
    errorCode: r.int16(),
    topics: (readArray(r, flex, 1, readBeginQuorumEpochResponseTopicData, version) ?? []),
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

export function writeBeginQuorumEpochResponse(w: Writer, v: BeginQuorumEpochResponse, version: number): void {
  const flex = version >= 1;
  w.int16(v.errorCode);
  writeArray(w, v.topics, flex, writeBeginQuorumEpochResponseTopicData, version);
  if (flex) {
    const t0 = version >= 1 && (v.nodeEndpoints === null || v.nodeEndpoints.length > 0);
    w.uvarint(t0 ? 1 : 0);
    if (t0) { writeTagged(w, 0, (w) => { writeArray(w, v.nodeEndpoints, true, writeNodeEndpoint, version); }); }
  }
}

export interface BeginQuorumEpochResponseTopicData {
  /** The topic name. */
  topicName: string;
  partitions: BeginQuorumEpochResponsePartitionData[];
}

export function defaultBeginQuorumEpochResponseTopicData(): BeginQuorumEpochResponseTopicData {
  return {
    topicName: '',
    partitions: [],
  };
}

export function readBeginQuorumEpochResponseTopicData(r: Reader, version: number): BeginQuorumEpochResponseTopicData {
  const flex = version >= 1;
  const o: BeginQuorumEpochResponseTopicData = {
    topicName: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readBeginQuorumEpochResponsePartitionData, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeBeginQuorumEpochResponseTopicData(w: Writer, v: BeginQuorumEpochResponseTopicData, version: number): void {
  const flex = version >= 1;
  w.string(v.topicName, flex);
  writeArray(w, v.partitions, flex, writeBeginQuorumEpochResponsePartitionData, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface BeginQuorumEpochResponsePartitionData {
  /** The partition index. */
  partitionIndex: number;
  errorCode: number;
  /** The ID of the current leader or -1 if the leader is unknown. */
  leaderId: number;
  /** The latest known leader epoch */
  leaderEpoch: number;
}

export function defaultBeginQuorumEpochResponsePartitionData(): BeginQuorumEpochResponsePartitionData {
  return {
    partitionIndex: 0,
    errorCode: 0,
    leaderId: 0,
    leaderEpoch: 0,
  };
}

export function readBeginQuorumEpochResponsePartitionData(r: Reader, version: number): BeginQuorumEpochResponsePartitionData {
  const flex = version >= 1;
  const o: BeginQuorumEpochResponsePartitionData = {
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

export function writeBeginQuorumEpochResponsePartitionData(w: Writer, v: BeginQuorumEpochResponsePartitionData, version: number): void {
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

export const BeginQuorumEpochApi: ApiDefinition<BeginQuorumEpochRequest, BeginQuorumEpochResponse> = {
  key: 53,
  name: 'BeginQuorumEpoch',
  minVersion: 0,
  maxVersion: 1,
  maxStableVersion: 1,
  flexibleVersion: 1,
  listeners: ['controller'],
  readRequest: readBeginQuorumEpochRequest,
  writeRequest: writeBeginQuorumEpochRequest,
  defaultRequest: defaultBeginQuorumEpochRequest,
  readResponse: readBeginQuorumEpochResponse,
  writeResponse: writeBeginQuorumEpochResponse,
  defaultResponse: defaultBeginQuorumEpochResponse,
};
