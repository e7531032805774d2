// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/52-vote.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray, writeTagged } from '../../primitives/codec-helpers.js';

export interface VoteRequest {
  clusterId: string | null;
  /** The replica id of the voter receiving the request */
  voterId: number;
  topics: VoteRequestTopicData[];
}

export function defaultVoteRequest(): VoteRequest {
  return {
    clusterId: null,
    voterId: -1,
    topics: [],
  };
}

export function readVoteRequest(r: Reader, version: number): VoteRequest {
  const o: VoteRequest = {
    clusterId: r.string(true),
    voterId: version >= 1 ? r.int32() : -1,
    topics: (readArray(r, true, 1, readVoteRequestTopicData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeVoteRequest(w: Writer, v: VoteRequest, version: number): void {
  w.string(v.clusterId, true);
  if (version >= 1) w.int32(v.voterId);
  writeArray(w, v.topics, true, writeVoteRequestTopicData, version);
  w.uvarint(0);
}

export interface VoteRequestTopicData {
  /** The topic name. */
  topicName: string;
  partitions: VoteRequestPartitionData[];
}

export function defaultVoteRequestTopicData(): VoteRequestTopicData {
  return {
    topicName: '',
    partitions: [],
  };
}

export function readVoteRequestTopicData(r: Reader, version: number): VoteRequestTopicData {
  const o: VoteRequestTopicData = {
    topicName: (r.string(true) ?? ''),
    partitions: (readArray(r, true, 1, readVoteRequestPartitionData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeVoteRequestTopicData(w: Writer, v: VoteRequestTopicData, version: number): void {
  w.string(v.topicName, true);
  writeArray(w, v.partitions, true, writeVoteRequestPartitionData, version);
  w.uvarint(0);
}

export interface VoteRequestPartitionData {
  /** The partition index. */
  partitionIndex: number;
  /** The bumped epoch of the candidate sending the request */
  candidateEpoch: number;
  /** The replica id of the voter sending the request */
  candidateId: number;
  /** The directory id of the voter sending the request */
  candidateDirectoryId: string;
  /** The ID of the voter sending the request */
  voterDirectoryId: string;
  /** The epoch of the last record written to the metadata log */
  lastOffsetEpoch: number;
  /** The offset of the last record written to the metadata log */
  lastOffset: number;
  /** Whether the request is a pre-vote: it asks whether the voter would grant a vote, and changes no state on either side */
  preVote: boolean;
}

export function defaultVoteRequestPartitionData(): VoteRequestPartitionData {
  return {
    partitionIndex: 0,
    candidateEpoch: 0,
    candidateId: 0,
    candidateDirectoryId: ZERO_UUID,
    voterDirectoryId: ZERO_UUID,
    lastOffsetEpoch: 0,
    lastOffset: 0,
    preVote: false,
  };
}

export function readVoteRequestPartitionData(r: Reader, version: number): VoteRequestPartitionData {
  const o: VoteRequestPartitionData = {
    partitionIndex: r.int32(),
    candidateEpoch: r.int32(),
    candidateId: r.int32(),
    candidateDirectoryId: version >= 1 ? r.uuid() : ZERO_UUID,
    voterDirectoryId: version >= 1 ? r.uuid() : ZERO_UUID,
    lastOffsetEpoch: r.int32(),
    lastOffset: r.int64(),
    preVote: version >= 2 ? r.bool() : false,
  };
  r.skipTaggedFields();
  return o;
}

export function writeVoteRequestPartitionData(w: Writer, v: VoteRequestPartitionData, version: number): void {
  w.int32(v.partitionIndex);
  w.int32(v.candidateEpoch);
  w.int32(v.candidateId);
  if (version >= 1) w.uuid(v.candidateDirectoryId);
  if (version >= 1) w.uuid(v.voterDirectoryId);
  w.int32(v.lastOffsetEpoch);
  w.int64(v.lastOffset);
  if (version >= 2) w.bool(v.preVote);
  w.uvarint(0);
}

export interface VoteResponse {
  /** The top level error code. */
  errorCode: number;
  topics: VoteResponseTopicData[];
  /** Endpoints for all current-leaders enumerated in PartitionData */
  nodeEndpoints: NodeEndpoint[];
}

export function defaultVoteResponse(): VoteResponse {
  return {
    errorCode: 0,
    topics: [],
    nodeEndpoints: [],
  };
}

export function readVoteResponse(r: Reader, version: number): VoteResponse {
  const o: VoteResponse = {
    errorCode: r.int16(),
    topics: (readArray(r, true, 1, readVoteResponseTopicData, version) ?? []),
    nodeEndpoints: [],
  };
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === 0 && version >= 1) o.nodeEndpoints = (readArray(t, true, 1, readNodeEndpoint, version) ?? []);
  }
  return o;
}

export function writeVoteResponse(w: Writer, v: VoteResponse, version: number): void {
  w.int16(v.errorCode);
  writeArray(w, v.topics, true, writeVoteResponseTopicData, version);
  const t0 = version >= 1 && (v.nodeEndpoints === null || v.nodeEndpoints.length > 0);
  w.uvarint(t0 ? 1 : 0);
  if (t0) { writeTagged(w, 0, (w) => { writeArray(w, v.nodeEndpoints, true, writeNodeEndpoint, version); }); }
}

export interface VoteResponseTopicData {
  /** The topic name. */
  topicName: string;
  partitions: VoteResponsePartitionData[];
}

export function defaultVoteResponseTopicData(): VoteResponseTopicData {
  return {
    topicName: '',
    partitions: [],
  };
}

export function readVoteResponseTopicData(r: Reader, version: number): VoteResponseTopicData {
  const o: VoteResponseTopicData = {
    topicName: (r.string(true) ?? ''),
    partitions: (readArray(r, true, 1, readVoteResponsePartitionData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeVoteResponseTopicData(w: Writer, v: VoteResponseTopicData, version: number): void {
  w.string(v.topicName, true);
  writeArray(w, v.partitions, true, writeVoteResponsePartitionData, version);
  w.uvarint(0);
}

export interface VoteResponsePartitionData {
  /** The partition index. */
  partitionIndex: number;
  errorCode: number;
  /** The ID of the current leader or -1 if the leader is unknown. */
  leaderId: number;
  /** The latest known leader epoch */
  leaderEpoch: number;
  /** True if the vote was granted and false otherwise */
  voteGranted: boolean;
}

export function defaultVoteResponsePartitionData(): VoteResponsePartitionData {
  return {
    partitionIndex: 0,
    errorCode: 0,
    leaderId: 0,
    leaderEpoch: 0,
    voteGranted: false,
  };
}

export function readVoteResponsePartitionData(r: Reader, version: number): VoteResponsePartitionData {
  const o: VoteResponsePartitionData = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
    voteGranted: r.bool(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeVoteResponsePartitionData(w: Writer, v: VoteResponsePartitionData, version: number): void {
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  w.int32(v.leaderId);
  w.int32(v.leaderEpoch);
  w.bool(v.voteGranted);
  w.uvarint(0);
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
  const o: NodeEndpoint = {
    nodeId: version >= 1 ? r.int32() : 0,
    host: version >= 1 ? (r.string(true) ?? '') : '',
    port: version >= 1 ? r.uint16() : 0,
  };
  r.skipTaggedFields();
  return o;
}

export function writeNodeEndpoint(w: Writer, v: NodeEndpoint, version: number): void {
  if (version >= 1) w.int32(v.nodeId);
  if (version >= 1) w.string(v.host, true);
  if (version >= 1) w.uint16(v.port);
  w.uvarint(0);
}

export const VoteApi: ApiDefinition<VoteRequest, VoteResponse> = {
  key: 52,
  name: 'Vote',
  minVersion: 0,
  maxVersion: 2,
  maxStableVersion: 2,
  flexibleVersion: 0,
  listeners: ['controller'],
  readRequest: readVoteRequest,
  writeRequest: writeVoteRequest,
  defaultRequest: defaultVoteRequest,
  readResponse: readVoteResponse,
  writeResponse: writeVoteResponse,
  defaultResponse: defaultVoteResponse,
};
