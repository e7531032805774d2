// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/59-fetch-snapshot.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray, writeTagged } from '../../primitives/codec-helpers.js';

export interface FetchSnapshotRequest {
  /** The clusterId if known, this is used to validate metadata fetches prior to broker registration */
  clusterId: string | null;
  /** The broker ID of the follower */
  replicaId: number;
  /** The maximum bytes to fetch from all of the snapshots */
  maxBytes: number;
  /** The topics to fetch */
  topics: FetchSnapshotRequestTopicSnapshot[];
}

export function defaultFetchSnapshotRequest(): FetchSnapshotRequest {
  return {
    clusterId: null,
    replicaId: -1,
    maxBytes: 2147483647,
    topics: [],
  };
}

export function readFetchSnapshotRequest(r: Reader, version: number): FetchSnapshotRequest {
  const o: FetchSnapshotRequest = {
    clusterId: null,
    replicaId: r.int32(),
    maxBytes: r.int32(),
    topics: (readArray(r, true, 1, readFetchSnapshotRequestTopicSnapshot, version) ?? []),
  };
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === 0) o.clusterId = t.string(true);
  }
  return o;
}

export function writeFetchSnapshotRequest(w: Writer, v: FetchSnapshotRequest, version: number): void {
  w.int32(v.replicaId);
  w.int32(v.maxBytes);
  writeArray(w, v.topics, true, writeFetchSnapshotRequestTopicSnapshot, version);
  const t0 = v.clusterId !== null;
  w.uvarint(t0 ? 1 : 0);
  if (t0) { writeTagged(w, 0, (w) => { w.string(v.clusterId, true); }); }
}

export interface FetchSnapshotRequestTopicSnapshot {
  /** The name of the topic to fetch */
  name: string;
  /** The partitions to fetch */
  partitions: FetchSnapshotRequestPartitionSnapshot[];
}

export function defaultFetchSnapshotRequestTopicSnapshot(): FetchSnapshotRequestTopicSnapshot {
  return {
    name: '',
    partitions: [],
  };
}

export function readFetchSnapshotRequestTopicSnapshot(r: Reader, version: number): FetchSnapshotRequestTopicSnapshot {
  const o: FetchSnapshotRequestTopicSnapshot = {
    name: (r.string(true) ?? ''),
    partitions: (readArray(r, true, 1, readFetchSnapshotRequestPartitionSnapshot, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeFetchSnapshotRequestTopicSnapshot(w: Writer, v: FetchSnapshotRequestTopicSnapshot, version: number): void {
  w.string(v.name, true);
  writeArray(w, v.partitions, true, writeFetchSnapshotRequestPartitionSnapshot, version);
  w.uvarint(0);
}

export interface FetchSnapshotRequestPartitionSnapshot {
  /** The partition index */
  partition: number;
  /** The current leader epoch of the partition, -1 for unknown leader epoch */
  currentLeaderEpoch: number;
  /** The snapshot endOffset and epoch to fetch */
  snapshotId: FetchSnapshotRequestSnapshotId;
  /** The byte position within the snapshot to start fetching from */
  position: number;
  /** The directory id of the follower fetching */
  replicaDirectoryId: string;
}

export function defaultFetchSnapshotRequestPartitionSnapshot(): FetchSnapshotRequestPartitionSnapshot {
  return {
    partition: 0,
    currentLeaderEpoch: 0,
    snapshotId: defaultFetchSnapshotRequestSnapshotId(),
    position: 0,
    replicaDirectoryId: ZERO_UUID,
  };
}

export function readFetchSnapshotRequestPartitionSnapshot(r: Reader, version: number): FetchSnapshotRequestPartitionSnapshot {
  const o: FetchSnapshotRequestPartitionSnapshot = {
    partition: r.int32(),
    currentLeaderEpoch: r.int32(),
    snapshotId: readFetchSnapshotRequestSnapshotId(r, version),
    position: r.int64(),
    replicaDirectoryId: ZERO_UUID,
  };
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === 0 && version >= 1) o.replicaDirectoryId = t.uuid();
  }
  return o;
}

export function writeFetchSnapshotRequestPartitionSnapshot(w: Writer, v: FetchSnapshotRequestPartitionSnapshot, version: number): void {
  w.int32(v.partition);
  w.int32(v.currentLeaderEpoch);
  writeFetchSnapshotRequestSnapshotId(w, v.snapshotId, version);
  w.int64(v.position);
  const t0 = version >= 1 && v.replicaDirectoryId !== ZERO_UUID;
  w.uvarint(t0 ? 1 : 0);
  if (t0) { w.uvarint(0); w.uvarint(16); w.uuid(v.replicaDirectoryId); }
}

export interface FetchSnapshotRequestSnapshotId {
  endOffset: number;
  epoch: number;
}

export function defaultFetchSnapshotRequestSnapshotId(): FetchSnapshotRequestSnapshotId {
  return {
    endOffset: 0,
    epoch: 0,
  };
}

export function readFetchSnapshotRequestSnapshotId(r: Reader, version: number): FetchSnapshotRequestSnapshotId {
  const o: FetchSnapshotRequestSnapshotId = {
    endOffset: r.int64(),
    epoch: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeFetchSnapshotRequestSnapshotId(w: Writer, v: FetchSnapshotRequestSnapshotId, version: number): void {
  w.int64(v.endOffset);
  w.int32(v.epoch);
  w.uvarint(0);
}

export interface FetchSnapshotResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top level response error code. */
  errorCode: number;
  /** The topics to fetch. */
  topics: FetchSnapshotResponseTopicSnapshot[];
  /** Endpoints for all current-leaders enumerated in PartitionSnapshot */
  nodeEndpoints: NodeEndpoint[];
}

export function defaultFetchSnapshotResponse(): FetchSnapshotResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    topics: [],
    nodeEndpoints: [],
  };
}

export function readFetchSnapshotResponse(r: Reader, version: number): FetchSnapshotResponse {
  const o: FetchSnapshotResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    topics: (readArray(r, true, 1, readFetchSnapshotResponseTopicSnapshot, version) ?? []),
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

export function writeFetchSnapshotResponse(w: Writer, v: FetchSnapshotResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  writeArray(w, v.topics, true, writeFetchSnapshotResponseTopicSnapshot, version);
  const t0 = version >= 1 && (v.nodeEndpoints === null || v.nodeEndpoints.length > 0);
  w.uvarint(t0 ? 1 : 0);
  if (t0) { writeTagged(w, 0, (w) => { writeArray(w, v.nodeEndpoints, true, writeNodeEndpoint, version); }); }
}

export interface FetchSnapshotResponseTopicSnapshot {
  /** The name of the topic to fetch. */
  name: string;
  /** The partitions to fetch. */
  partitions: FetchSnapshotResponsePartitionSnapshot[];
}

export function defaultFetchSnapshotResponseTopicSnapshot(): FetchSnapshotResponseTopicSnapshot {
  return {
    name: '',
    partitions: [],
  };
}

export function readFetchSnapshotResponseTopicSnapshot(r: Reader, version: number): FetchSnapshotResponseTopicSnapshot {
  const o: FetchSnapshotResponseTopicSnapshot = {
    name: (r.string(true) ?? ''),
    partitions: (readArray(r, true, 1, readFetchSnapshotResponsePartitionSnapshot, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeFetchSnapshotResponseTopicSnapshot(w: Writer, v: FetchSnapshotResponseTopicSnapshot, version: number): void {
  w.string(v.name, true);
  writeArray(w, v.partitions, true, writeFetchSnapshotResponsePartitionSnapshot, version);
  w.uvarint(0);
}

export interface FetchSnapshotResponsePartitionSnapshot {
  /** The partition index. */
  index: number;
  /** The error code, or 0 if there was no fetch error. */
  errorCode: number;
  /** The snapshot endOffset and epoch fetched */
  snapshotId: FetchSnapshotResponseSnapshotId;
  currentLeader: LeaderIdAndEpoch;
  /** The total size of the snapshot. */
  size: number;
  /** The starting byte position within the snapshot included in the Bytes field. */
  position: number;
  /** Snapshot data in records format which may not be aligned on an offset boundary */
  unalignedRecords: Buffer | null;
}

export function defaultFetchSnapshotResponsePartitionSnapshot(): FetchSnapshotResponsePartitionSnapshot {
  return {
    index: 0,
    errorCode: 0,
    snapshotId: defaultFetchSnapshotResponseSnapshotId(),
    currentLeader: defaultLeaderIdAndEpoch(),
    size: 0,
    position: 0,
    unalignedRecords: null,
  };
}

export function readFetchSnapshotResponsePartitionSnapshot(r: Reader, version: number): FetchSnapshotResponsePartitionSnapshot {
  const o: FetchSnapshotResponsePartitionSnapshot = {
    index: r.int32(),
    errorCode: r.int16(),
    snapshotId: readFetchSnapshotResponseSnapshotId(r, version),
    currentLeader: defaultLeaderIdAndEpoch(),
    size: r.int64(),
    position: r.int64(),
    unalignedRecords: r.bytes(true),
  };
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === 0) o.currentLeader = readLeaderIdAndEpoch(t, version);
  }
  return o;
}

export function writeFetchSnapshotResponsePartitionSnapshot(w: Writer, v: FetchSnapshotResponsePartitionSnapshot, version: number): void {
  w.int32(v.index);
  w.int16(v.errorCode);
  writeFetchSnapshotResponseSnapshotId(w, v.snapshotId, version);
  w.int64(v.size);
  w.int64(v.position);
  w.bytes(v.unalignedRecords, true);
  const t0 = !isDefaultLeaderIdAndEpoch(v.currentLeader);
  w.uvarint(t0 ? 1 : 0);
  if (t0) { writeTagged(w, 0, (w) => { writeLeaderIdAndEpoch(w, v.currentLeader, version); }); }
}

export interface FetchSnapshotResponseSnapshotId {
  endOffset: number;
  epoch: number;
}

export function defaultFetchSnapshotResponseSnapshotId(): FetchSnapshotResponseSnapshotId {
  return {
    endOffset: 0,
    epoch: 0,
  };
}

export function readFetchSnapshotResponseSnapshotId(r: Reader, version: number): FetchSnapshotResponseSnapshotId {
  const o: FetchSnapshotResponseSnapshotId = {
    endOffset: r.int64(),
    epoch: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeFetchSnapshotResponseSnapshotId(w: Writer, v: FetchSnapshotResponseSnapshotId, version: number): void {
  w.int64(v.endOffset);
  w.int32(v.epoch);
  w.uvarint(0);
}

export interface LeaderIdAndEpoch {
  /** The ID of the current leader or -1 if the leader is unknown. */
  leaderId: number;
  /** The latest known leader epoch */
  leaderEpoch: number;
}

export function defaultLeaderIdAndEpoch(): LeaderIdAndEpoch {
  return {
    leaderId: 0,
    leaderEpoch: 0,
  };
}

export function readLeaderIdAndEpoch(r: Reader, version: number): LeaderIdAndEpoch {
  const o: LeaderIdAndEpoch = {
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeLeaderIdAndEpoch(w: Writer, v: LeaderIdAndEpoch, version: number): void {
  w.int32(v.leaderId);
  w.int32(v.leaderEpoch);
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

function isDefaultLeaderIdAndEpoch(v: LeaderIdAndEpoch): boolean {
  return !(v.leaderId !== 0 ||
    v.leaderEpoch !== 0);
}

export const FetchSnapshotApi: ApiDefinition<FetchSnapshotRequest, FetchSnapshotResponse> = {
  key: 59,
  name: 'FetchSnapshot',
  minVersion: 0,
  maxVersion: 1,
  maxStableVersion: 1,
  flexibleVersion: 0,
  listeners: ['controller'],
  readRequest: readFetchSnapshotRequest,
  writeRequest: writeFetchSnapshotRequest,
  defaultRequest: defaultFetchSnapshotRequest,
  readResponse: readFetchSnapshotResponse,
  writeResponse: writeFetchSnapshotResponse,
  defaultResponse: defaultFetchSnapshotResponse,
};
