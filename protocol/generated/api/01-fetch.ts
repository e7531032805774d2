// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/01-fetch.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray, writeTagged } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface FetchRequest {
  /** The clusterId if known. This is used to validate metadata fetches prior to broker registration. */
  clusterId: string | null;
  /** The broker ID of the follower, of -1 if this request is from a consumer. */
  replicaId: number;
  replicaState: ReplicaState;
  /** The maximum time in milliseconds to wait for the response. */
  maxWaitMs: number;
  /** The minimum bytes to accumulate in the response. */
  minBytes: number;
  /** The maximum bytes to fetch. See KIP-74 for cases where this limit may not be honored. */
  maxBytes: number;
  /** This setting controls the visibility of transactional records. Using READ_UNCOMMITTED (isolation_level = 0) makes all records visible. With READ_COMMITTED (isolation_level = 1), non-transactional and COMMITTED transactional records are visible. To be more concrete, READ_COMMITTED returns all data from offsets smaller than the current LSO (last stable offset), and enables the inclusion of the list of aborted transactions in the result, which allows consumers to discard ABORTED transactional records */
  isolationLevel: number;
  /** The fetch session ID. */
  sessionId: number;
  /** The fetch session epoch, which is used for ordering requests in a session. */
  sessionEpoch: number;
  /** The topics to fetch. */
  topics: FetchTopic[];
  /** In an incremental fetch request, the partitions to remove. */
  forgottenTopicsData: ForgottenTopic[];
  /** Rack ID of the consumer making this request */
  rackId: string;
}

export function defaultFetchRequest(): FetchRequest {
  return {
    clusterId: null,
    replicaId: -1,
    replicaState: defaultReplicaState(),
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 2147483647,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [],
    forgottenTopicsData: [],
    rackId: '',
  };
}

export function readFetchRequest(r: Reader, version: number): FetchRequest {
  const flex = version >= 12;
  const o: FetchRequest = {
    clusterId: null,
    replicaId: version <= 14 ? r.int32() : -1,
    replicaState: defaultReplicaState(),
    maxWaitMs: r.int32(),
    minBytes: r.int32(),
    maxBytes: version >= 3 ? r.int32() : 2147483647,
    isolationLevel: version >= 4 ? r.int8() : 0,
    sessionId: version >= 7 ? r.int32() : 0,
    sessionEpoch: version >= 7 ? r.int32() : -1,
    topics: (readArray(r, flex, 1, readFetchTopic, version) ?? []),
    forgottenTopicsData: version >= 7 ? (readArray(r, flex, 1, readForgottenTopic, version) ?? []) : [],
    rackId: version >= 11 ? (r.string(flex) ?? '') : '',
  };
  if (flex) {
    const n = r.uvarint();
    for (let i = 0; i < n; i++) {
      const tag = r.uvarint();
      const t = r.sub(r.uvarint());
      if (tag === 0 && version >= 12) o.clusterId = t.string(true);
      if (tag === 1 && version >= 15) o.replicaState = readReplicaState(t, version);
    }
  }
  return o;
}

export function writeFetchRequest(w: Writer, v: FetchRequest, version: number): void {
  const flex = version >= 12;
  if (version <= 14) w.int32(v.replicaId);
  w.int32(v.maxWaitMs);
  w.int32(v.minBytes);
  if (version >= 3) w.int32(v.maxBytes);
  if (version >= 4) w.int8(v.isolationLevel);
  if (version >= 7) w.int32(v.sessionId);
  if (version >= 7) w.int32(v.sessionEpoch);
  writeArray(w, v.topics, flex, writeFetchTopic, version);
  if (version >= 7) writeArray(w, v.forgottenTopicsData, flex, writeForgottenTopic, version);
  if (version >= 11) w.string(v.rackId, flex);
  if (flex) {
    const t0 = version >= 12 && v.clusterId !== null;
    const t1 = version >= 15 && !isDefaultReplicaState(v.replicaState);
    w.uvarint((t0 ? 1 : 0) + (t1 ? 1 : 0));
    if (t0) { writeTagged(w, 0, (w) => { w.string(v.clusterId, true); }); }
    if (t1) { writeTagged(w, 1, (w) => { writeReplicaState(w, v.replicaState, version); }); }
  }
}

export interface ReplicaState {
  /** The replica ID of the follower, or -1 if this request is from a consumer. */
  replicaId: number;
  /** The epoch of this follower, or -1 if not available. */
  replicaEpoch: number;
}

export function defaultReplicaState(): ReplicaState {
  return {
    replicaId: -1,
    replicaEpoch: -1,
  };
}

export function readReplicaState(r: Reader, version: number): ReplicaState {
  const flex = version >= 12;
  const o: ReplicaState = {
    replicaId: version >= 15 ? r.int32() : -1,
    replicaEpoch: version >= 15 ? r.int64() : -1,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeReplicaState(w: Writer, v: ReplicaState, version: number): void {
  const flex = version >= 12;
  if (version >= 15) w.int32(v.replicaId);
  if (version >= 15) w.int64(v.replicaEpoch);
  if (flex) {
    w.uvarint(0);
  }
}

export interface FetchTopic {
  /** The name of the topic to fetch. */
  topic: string;
  /** The unique topic ID */
  topicId: string;
  /** The partitions to fetch. */
  partitions: FetchPartition[];
}

export function defaultFetchTopic(): FetchTopic {
  return {
    topic: '',
    topicId: ZERO_UUID,
    partitions: [],
  };
}

export function readFetchTopic(r: Reader, version: number): FetchTopic {
  const flex = version >= 12;
  const o: FetchTopic = {
    topic: version <= 12 ? (r.string(flex) ?? '') : '',
    topicId: version >= 13 ? r.uuid() : ZERO_UUID,
    partitions: (readArray(r, flex, 1, readFetchPartition, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeFetchTopic(w: Writer, v: FetchTopic, version: number): void {
  const flex = version >= 12;
  if (version <= 12) w.string(v.topic, flex);
  if (version >= 13) w.uuid(v.topicId);
  writeArray(w, v.partitions, flex, writeFetchPartition, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface FetchPartition {
  /** The partition index. */
  partition: number;
  /** The current leader epoch of the partition. */
  currentLeaderEpoch: number;
  /** The message offset. */
  fetchOffset: number;
  /** The epoch of the last fetched record or -1 if there is none */
  lastFetchedEpoch: number;
  /** The earliest available offset of the follower replica. The field is only used when the request is sent by the follower. */
  logStartOffset: number;
  /** The maximum bytes to fetch from this partition. See KIP-74 for cases where this limit may not be honored. */
  partitionMaxBytes: number;
  /** The directory id of the follower fetching */
  replicaDirectoryId: string;
}

export function defaultFetchPartition(): FetchPartition {
  return {
    partition: 0,
    currentLeaderEpoch: -1,
    fetchOffset: 0,
    lastFetchedEpoch: -1,
    logStartOffset: -1,
    partitionMaxBytes: 0,
    replicaDirectoryId: ZERO_UUID,
  };
}

export function readFetchPartition(r: Reader, version: number): FetchPartition {
  const flex = version >= 12;
  const o: FetchPartition = {
    partition: r.int32(),
    currentLeaderEpoch: version >= 9 ? r.int32() : -1,
    fetchOffset: r.int64(),
    lastFetchedEpoch: version >= 12 ? r.int32() : -1,
    logStartOffset: version >= 5 ? r.int64() : -1,
    partitionMaxBytes: r.int32(),
    replicaDirectoryId: ZERO_UUID,
  };
  if (flex) {
    const n = r.uvarint();
    for (let i = 0; i < n; i++) {
      const tag = r.uvarint();
      const t = r.sub(r.uvarint());
      if (tag === 0 && version >= 17) o.replicaDirectoryId = t.uuid();
    }
  }
  return o;
}

export function writeFetchPartition(w: Writer, v: FetchPartition, version: number): void {
  const flex = version >= 12;
  w.int32(v.partition);
  if (version >= 9) w.int32(v.currentLeaderEpoch);
  w.int64(v.fetchOffset);
  if (version >= 12) w.int32(v.lastFetchedEpoch);
  if (version >= 5) w.int64(v.logStartOffset);
  w.int32(v.partitionMaxBytes);
  if (flex) {
    const t0 = version >= 17 && v.replicaDirectoryId !== ZERO_UUID;
    w.uvarint(t0 ? 1 : 0);
    if (t0) { w.uvarint(0); w.uvarint(16); w.uuid(v.replicaDirectoryId); }
  }
}

export interface ForgottenTopic {
  /** The topic name. */
  topic: string;
  /** The unique topic ID */
  topicId: string;
  /** The partitions indexes to forget. */
  partitions: number[];
}

export function defaultForgottenTopic(): ForgottenTopic {
  return {
    topic: '',
    topicId: ZERO_UUID,
    partitions: [],
  };
}

export function readForgottenTopic(r: Reader, version: number): ForgottenTopic {
  const flex = version >= 12;
  const o: ForgottenTopic = {
    topic: version >= 7 && version <= 12 ? (r.string(flex) ?? '') : '',
    topicId: version >= 13 ? r.uuid() : ZERO_UUID,
    partitions: version >= 7 ? (readInt32Array(r, flex) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeForgottenTopic(w: Writer, v: ForgottenTopic, version: number): void {
  const flex = version >= 12;
  if (version >= 7 && version <= 12) w.string(v.topic, flex);
  if (version >= 13) w.uuid(v.topicId);
  if (version >= 7) writeInt32Array(w, v.partitions, flex);
  if (flex) {
    w.uvarint(0);
  }
}

function isDefaultReplicaState(v: ReplicaState): boolean {
  return !(v.replicaId !== -1 ||
    v.replicaEpoch !== -1);
}

export interface FetchResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top level response error code. */
  errorCode: number;
  /** The fetch session ID, or 0 if this is not part of a fetch session. */
  sessionId: number;
  /** The response topics. */
  responses: FetchableTopicResponse[];
  /** Endpoints for all current-leaders enumerated in PartitionData, with errors NOT_LEADER_OR_FOLLOWER & FENCED_LEADER_EPOCH. */
  nodeEndpoints: NodeEndpoint[];
}

export function defaultFetchResponse(): FetchResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    sessionId: 0,
    responses: [],
    nodeEndpoints: [],
  };
}

export function readFetchResponse(r: Reader, version: number): FetchResponse {
  const flex = version >= 12;
  const o: FetchResponse = {
    throttleTimeMs: version >= 1 ? r.int32() : 0,
    errorCode: version >= 7 ? r.int16() : 0,
    sessionId: version >= 7 ? r.int32() : 0,
    responses: (readArray(r, flex, 1, readFetchableTopicResponse, version) ?? []),
    nodeEndpoints: [],
  };
  if (flex) {
    const n = r.uvarint();
    for (let i = 0; i < n; i++) {
      const tag = r.uvarint();
      const t = r.sub(r.uvarint());
      if (tag === 0 && version >= 16) o.nodeEndpoints = (readArray(t, true, 1, readNodeEndpoint, version) ?? []);
    }
  }
  return o;
}

export function writeFetchResponse(w: Writer, v: FetchResponse, version: number): void {
  const flex = version >= 12;
  if (version >= 1) w.int32(v.throttleTimeMs);
  if (version >= 7) w.int16(v.errorCode);
  if (version >= 7) w.int32(v.sessionId);
  writeArray(w, v.responses, flex, writeFetchableTopicResponse, version);
  if (flex) {
    const t0 = version >= 16 && (v.nodeEndpoints === null || v.nodeEndpoints.length > 0);
    w.uvarint(t0 ? 1 : 0);
    if (t0) { writeTagged(w, 0, (w) => { writeArray(w, v.nodeEndpoints, true, writeNodeEndpoint, version); }); }
  }
}

export interface FetchableTopicResponse {
  /** The topic name. */
  topic: string;
  /** The unique topic ID */
  topicId: string;
  /** The topic partitions. */
  partitions: PartitionData[];
}

export function defaultFetchableTopicResponse(): FetchableTopicResponse {
  return {
    topic: '',
    topicId: ZERO_UUID,
    partitions: [],
  };
}

export function readFetchableTopicResponse(r: Reader, version: number): FetchableTopicResponse {
  const flex = version >= 12;
  const o: FetchableTopicResponse = {
    topic: version <= 12 ? (r.string(flex) ?? '') : '',
    topicId: version >= 13 ? r.uuid() : ZERO_UUID,
    partitions: (readArray(r, flex, 1, readPartitionData, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeFetchableTopicResponse(w: Writer, v: FetchableTopicResponse, version: number): void {
  const flex = version >= 12;
  if (version <= 12) w.string(v.topic, flex);
  if (version >= 13) w.uuid(v.topicId);
  writeArray(w, v.partitions, flex, writePartitionData, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface PartitionData {
  /** The partition index. */
  partitionIndex: number;
  /** The error code, or 0 if there was no fetch error. */
  errorCode: number;
  /** The current high water mark. */
  highWatermark: number;
  /** The last stable offset (or LSO) of the partition. This is the last offset such that the state of all transactional records prior to this offset have been decided (ABORTED or COMMITTED) */
  lastStableOffset: number;
  /** The current log start offset. */
  logStartOffset: number;
  /** In case divergence is detected based on the `LastFetchedEpoch` and `FetchOffset` in the request, this field indicates the largest epoch and its end offset such that subsequent records are known to diverge */
  divergingEpoch: EpochEndOffset;
  currentLeader: LeaderIdAndEpoch;
  /** In the case of fetching an offset less than the LogStartOffset, this is the end offset and epoch that should be used in the FetchSnapshot request. */
  snapshotId: SnapshotId;
  /** The aborted transactions. */
  abortedTransactions: AbortedTransaction[] | null;
  /** The preferred read replica for the consumer to use on its next fetch request */
  preferredReadReplica: number;
  /** The record data. */
  records: Buffer | null;
}

export function defaultPartitionData(): PartitionData {
  return {
    partitionIndex: 0,
    errorCode: 0,
    highWatermark: 0,
    lastStableOffset: -1,
    logStartOffset: -1,
    divergingEpoch: defaultEpochEndOffset(),
    currentLeader: defaultLeaderIdAndEpoch(),
    snapshotId: defaultSnapshotId(),
    abortedTransactions: [],
    preferredReadReplica: -1,
    records: null,
  };
}

export function readPartitionData(r: Reader, version: number): PartitionData {
  const flex = version >= 12;
  const o: PartitionData = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    highWatermark: r.int64(),
    lastStableOffset: version >= 4 ? r.int64() : -1,
    logStartOffset: version >= 5 ? r.int64() : -1,
    divergingEpoch: defaultEpochEndOffset(),
    currentLeader: defaultLeaderIdAndEpoch(),
    snapshotId: defaultSnapshotId(),
    abortedTransactions: version >= 4 ? readArray(r, flex, 1, readAbortedTransaction, version) : [],
    preferredReadReplica: version >= 11 ? r.int32() : -1,
    records: r.bytes(flex),
  };
  if (flex) {
    const n = r.uvarint();
    for (let i = 0; i < n; i++) {
      const tag = r.uvarint();
      const t = r.sub(r.uvarint());
      if (tag === 0 && version >= 12) o.divergingEpoch = readEpochEndOffset(t, version);
      if (tag === 1 && version >= 12) o.currentLeader = readLeaderIdAndEpoch(t, version);
      if (tag === 2 && version >= 12) o.snapshotId = readSnapshotId(t, version);
    }
  }
  return o;
}

export function writePartitionData(w: Writer, v: PartitionData, version: number): void {
  const flex = version >= 12;
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  w.int64(v.highWatermark);
  if (version >= 4) w.int64(v.lastStableOffset);
  if (version >= 5) w.int64(v.logStartOffset);
  if (version >= 4) writeArray(w, v.abortedTransactions, flex, writeAbortedTransaction, version);
  if (version >= 11) w.int32(v.preferredReadReplica);
  w.bytes(v.records, flex);
  if (flex) {
    const t0 = version >= 12 && !isDefaultEpochEndOffset(v.divergingEpoch);
    const t1 = version >= 12 && !isDefaultLeaderIdAndEpoch(v.currentLeader);
    const t2 = version >= 12 && !isDefaultSnapshotId(v.snapshotId);
    w.uvarint((t0 ? 1 : 0) + (t1 ? 1 : 0) + (t2 ? 1 : 0));
    if (t0) { writeTagged(w, 0, (w) => { writeEpochEndOffset(w, v.divergingEpoch, version); }); }
    if (t1) { writeTagged(w, 1, (w) => { writeLeaderIdAndEpoch(w, v.currentLeader, version); }); }
    if (t2) { writeTagged(w, 2, (w) => { writeSnapshotId(w, v.snapshotId, version); }); }
  }
}

export interface EpochEndOffset {
  epoch: number;
  endOffset: number;
}

export function defaultEpochEndOffset(): EpochEndOffset {
  return {
    epoch: -1,
    endOffset: -1,
  };
}

export function readEpochEndOffset(r: Reader, version: number): EpochEndOffset {
  const flex = version >= 12;
  const o: EpochEndOffset = {
    epoch: version >= 12 ? r.int32() : -1,
    endOffset: version >= 12 ? r.int64() : -1,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeEpochEndOffset(w: Writer, v: EpochEndOffset, version: number): void {
  const flex = version >= 12;
  if (version >= 12) w.int32(v.epoch);
  if (version >= 12) w.int64(v.endOffset);
  if (flex) {
    w.uvarint(0);
  }
}

export interface LeaderIdAndEpoch {
  /** The ID of the current leader or -1 if the leader is unknown. */
  leaderId: number;
  /** The latest known leader epoch */
  leaderEpoch: number;
}

export function defaultLeaderIdAndEpoch(): LeaderIdAndEpoch {
  return {
    leaderId: -1,
    leaderEpoch: -1,
  };
}

export function readLeaderIdAndEpoch(r: Reader, version: number): LeaderIdAndEpoch {
  const flex = version >= 12;
  const o: LeaderIdAndEpoch = {
    leaderId: version >= 12 ? r.int32() : -1,
    leaderEpoch: version >= 12 ? r.int32() : -1,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeLeaderIdAndEpoch(w: Writer, v: LeaderIdAndEpoch, version: number): void {
  const flex = version >= 12;
  if (version >= 12) w.int32(v.leaderId);
  if (version >= 12) w.int32(v.leaderEpoch);
  if (flex) {
    w.uvarint(0);
  }
}

export interface SnapshotId {
  endOffset: number;
  epoch: number;
}

export function defaultSnapshotId(): SnapshotId {
  return {
    endOffset: -1,
    epoch: -1,
  };
}

export function readSnapshotId(r: Reader, version: number): SnapshotId {
  const flex = version >= 12;
  const o: SnapshotId = {
    endOffset: r.int64(),
    epoch: r.int32(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeSnapshotId(w: Writer, v: SnapshotId, version: number): void {
  const flex = version >= 12;
  w.int64(v.endOffset);
  w.int32(v.epoch);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AbortedTransaction {
  /** The producer id associated with the aborted transaction. */
  producerId: number;
  /** The first offset in the aborted transaction. */
  firstOffset: number;
}

export function defaultAbortedTransaction(): AbortedTransaction {
  return {
    producerId: 0,
    firstOffset: 0,
  };
}

export function readAbortedTransaction(r: Reader, version: number): AbortedTransaction {
  const flex = version >= 12;
  const o: AbortedTransaction = {
    producerId: version >= 4 ? r.int64() : 0,
    firstOffset: version >= 4 ? r.int64() : 0,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAbortedTransaction(w: Writer, v: AbortedTransaction, version: number): void {
  const flex = version >= 12;
  if (version >= 4) w.int64(v.producerId);
  if (version >= 4) w.int64(v.firstOffset);
  if (flex) {
    w.uvarint(0);
  }
}

export interface NodeEndpoint {
  /** The ID of the associated node. */
  nodeId: number;
  /** The node's hostname. */
  host: string;
  /** The node's port. */
  port: number;
  /** The rack of the node, or null if it has not been assigned to a rack. */
  rack: string | null;
}

export function defaultNodeEndpoint(): NodeEndpoint {
  return {
    nodeId: 0,
    host: '',
    port: 0,
    rack: null,
  };
}

export function readNodeEndpoint(r: Reader, version: number): NodeEndpoint {
  const flex = version >= 12;
  const o: NodeEndpoint = {
    nodeId: version >= 16 ? r.int32() : 0,
    host: version >= 16 ? (r.string(flex) ?? '') : '',
    port: version >= 16 ? r.int32() : 0,
    rack: version >= 16 ? r.string(flex) : null,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeNodeEndpoint(w: Writer, v: NodeEndpoint, version: number): void {
  const flex = version >= 12;
  if (version >= 16) w.int32(v.nodeId);
  if (version >= 16) w.string(v.host, flex);
  if (version >= 16) w.int32(v.port);
  if (version >= 16) w.string(v.rack, flex);
  if (flex) {
    w.uvarint(0);
  }
}

function isDefaultEpochEndOffset(v: EpochEndOffset): boolean {
  return !(v.epoch !== -1 ||
    v.endOffset !== -1);
}

function isDefaultLeaderIdAndEpoch(v: LeaderIdAndEpoch): boolean {
  return !(v.leaderId !== -1 ||
    v.leaderEpoch !== -1);
}

function isDefaultSnapshotId(v: SnapshotId): boolean {
  return !(v.endOffset !== -1 ||
    v.epoch !== -1);
}

export const FetchApi: ApiDefinition<FetchRequest, FetchResponse> = {
  key: 1,
  name: 'Fetch',
  minVersion: 0,
  maxVersion: 17,
  maxStableVersion: 17,
  flexibleVersion: 12,
  listeners: ['zkBroker', 'broker', 'controller'],
  readRequest: readFetchRequest,
  writeRequest: writeFetchRequest,
  defaultRequest: defaultFetchRequest,
  readResponse: readFetchResponse,
  writeResponse: writeFetchResponse,
  defaultResponse: defaultFetchResponse,
};
