// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/00-produce.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray, writeTagged } from '../../primitives/codec-helpers.js';

export interface ProduceRequest {
  /** The transactional ID, or null if the producer is not transactional. */
  transactionalId: string | null;
  /** The number of acknowledgments the producer requires the leader to have received before considering a request complete. Allowed values: 0 for no acknowledgments, 1 for only the leader and -1 for the full ISR. */
  acks: number;
  /** The timeout to await a response in milliseconds. */
  timeoutMs: number;
  /** Each topic to produce to. */
  topicData: TopicProduceData[];
}

export function defaultProduceRequest(): ProduceRequest {
  return {
    transactionalId: null,
    acks: 0,
    timeoutMs: 0,
    topicData: [],
  };
}

export function readProduceRequest(r: Reader, version: number): ProduceRequest {
  const flex = version >= 9;
  const o: ProduceRequest = {
    transactionalId: version >= 3 ? r.string(flex) : null,
    acks: r.int16(),
    timeoutMs: r.int32(),
    topicData: (readArray(r, flex, 1, readTopicProduceData, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeProduceRequest(w: Writer, v: ProduceRequest, version: number): void {
  const flex = version >= 9;
  if (version >= 3) w.string(v.transactionalId, flex);
  w.int16(v.acks);
  w.int32(v.timeoutMs);
  writeArray(w, v.topicData, flex, writeTopicProduceData, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface TopicProduceData {
  /** The topic name. */
  name: string;
  /** Each partition to produce to. */
  partitionData: PartitionProduceData[];
}

export function defaultTopicProduceData(): TopicProduceData {
  return {
    name: '',
    partitionData: [],
  };
}

export function readTopicProduceData(r: Reader, version: number): TopicProduceData {
  const flex = version >= 9;
  const o: TopicProduceData = {
    name: (r.string(flex) ?? ''),
    partitionData: (readArray(r, flex, 1, readPartitionProduceData, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeTopicProduceData(w: Writer, v: TopicProduceData, version: number): void {
  const flex = version >= 9;
  w.string(v.name, flex);
  writeArray(w, v.partitionData, flex, writePartitionProduceData, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface PartitionProduceData {
  /** The partition index. */
  index: number;
  /** The record data to be produced. */
  records: Buffer | null;
}

export function defaultPartitionProduceData(): PartitionProduceData {
  return {
    index: 0,
    records: null,
  };
}

export function readPartitionProduceData(r: Reader, version: number): PartitionProduceData {
  const flex = version >= 9;
  const o: PartitionProduceData = {
    index: r.int32(),
    records: r.bytes(flex),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writePartitionProduceData(w: Writer, v: PartitionProduceData, version: number): void {
  const flex = version >= 9;
  w.int32(v.index);
  w.bytes(v.records, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface ProduceResponse {
  /** Each produce response */
  responses: TopicProduceResponse[];
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** Endpoints for all current-leaders enumerated in PartitionProduceResponses, with errors NOT_LEADER_OR_FOLLOWER. */
  nodeEndpoints: NodeEndpoint[];
}

export function defaultProduceResponse(): ProduceResponse {
  return {
    responses: [],
    throttleTimeMs: 0,
    nodeEndpoints: [],
  };
}

export function readProduceResponse(r: Reader, version: number): ProduceResponse {
  const flex = version >= 9;
  const o: ProduceResponse = {
    responses: (readArray(r, flex, 1, readTopicProduceResponse, version) ?? []),
    throttleTimeMs: version >= 1 ? r.int32() : 0,
    nodeEndpoints: [],
  };
  if (flex) {
    const n = r.uvarint();
    for (let i = 0; i < n; i++) {
      const tag = r.uvarint();
      const t = r.sub(r.uvarint());
      if (tag === 0 && version >= 10) o.nodeEndpoints = (readArray(t, true, 1, readNodeEndpoint, version) ?? []);
    }
  }
  return o;
}

export function writeProduceResponse(w: Writer, v: ProduceResponse, version: number): void {
  const flex = version >= 9;
  writeArray(w, v.responses, flex, writeTopicProduceResponse, version);
  if (version >= 1) w.int32(v.throttleTimeMs);
  if (flex) {
    const t0 = version >= 10 && (v.nodeEndpoints === null || v.nodeEndpoints.length > 0);
    w.uvarint(t0 ? 1 : 0);
    if (t0) { writeTagged(w, 0, (w) => { writeArray(w, v.nodeEndpoints, true, writeNodeEndpoint, version); }); }
  }
}

export interface TopicProduceResponse {
  /** The topic name */
  name: string;
  /** Each partition that we produced to within the topic. */
  partitionResponses: PartitionProduceResponse[];
}

export function defaultTopicProduceResponse(): TopicProduceResponse {
  return {
    name: '',
    partitionResponses: [],
  };
}

export function readTopicProduceResponse(r: Reader, version: number): TopicProduceResponse {
  const flex = version >= 9;
  const o: TopicProduceResponse = {
    name: (r.string(flex) ?? ''),
    partitionResponses: (readArray(r, flex, 1, readPartitionProduceResponse, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeTopicProduceResponse(w: Writer, v: TopicProduceResponse, version: number): void {
  const flex = version >= 9;
  w.string(v.name, flex);
  writeArray(w, v.partitionResponses, flex, writePartitionProduceResponse, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface PartitionProduceResponse {
  /** The partition index. */
  index: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The base offset. */
  baseOffset: number;
  /** The timestamp returned by broker after appending the messages. If CreateTime is used for the topic, the timestamp will be -1. If LogAppendTime is used for the topic, the timestamp will be the broker local time when the messages are appended. */
  logAppendTimeMs: number;
  /** The log start offset. */
  logStartOffset: number;
  /** The batch indices of records that caused the batch to be dropped */
  recordErrors: BatchIndexAndErrorMessage[];
  /** The global error message summarizing the common root cause of the records that caused the batch to be dropped */
  errorMessage: string | null;
  currentLeader: LeaderIdAndEpoch;
}

export function defaultPartitionProduceResponse(): PartitionProduceResponse {
  return {
    index: 0,
    errorCode: 0,
    baseOffset: 0,
    logAppendTimeMs: -1,
    logStartOffset: -1,
    recordErrors: [],
    errorMessage: null,
    currentLeader: defaultLeaderIdAndEpoch(),
  };
}

export function readPartitionProduceResponse(r: Reader, version: number): PartitionProduceResponse {
  const flex = version >= 9;
  const o: PartitionProduceResponse = {
    index: r.int32(),
    errorCode: r.int16(),
    baseOffset: r.int64(),
    logAppendTimeMs: version >= 2 ? r.int64() : -1,
    logStartOffset: version >= 5 ? r.int64() : -1,
    recordErrors: version >= 8 ? (readArray(r, flex, 1, readBatchIndexAndErrorMessage, version) ?? []) : [],
    errorMessage: version >= 8 ? r.string(flex) : null,
    currentLeader: defaultLeaderIdAndEpoch(),
  };
  if (flex) {
    const n = r.uvarint();
    for (let i = 0; i < n; i++) {
      const tag = r.uvarint();
      const t = r.sub(r.uvarint());
      if (tag === 0 && version >= 10) o.currentLeader = readLeaderIdAndEpoch(t, version);
    }
  }
  return o;
}

export function writePartitionProduceResponse(w: Writer, v: PartitionProduceResponse, version: number): void {
  const flex = version >= 9;
  w.int32(v.index);
  w.int16(v.errorCode);
  w.int64(v.baseOffset);
  if (version >= 2) w.int64(v.logAppendTimeMs);
  if (version >= 5) w.int64(v.logStartOffset);
  if (version >= 8) writeArray(w, v.recordErrors, flex, writeBatchIndexAndErrorMessage, version);
  if (version >= 8) w.string(v.errorMessage, flex);
  if (flex) {
    const t0 = version >= 10 && !isDefaultLeaderIdAndEpoch(v.currentLeader);
    w.uvarint(t0 ? 1 : 0);
    if (t0) { writeTagged(w, 0, (w) => { writeLeaderIdAndEpoch(w, v.currentLeader, version); }); }
  }
}

export interface BatchIndexAndErrorMessage {
  /** The batch index of the record that cause the batch to be dropped */
  batchIndex: number;
  /** The error message of the record that caused the batch to be dropped */
  batchIndexErrorMessage: string | null;
}

export function defaultBatchIndexAndErrorMessage(): BatchIndexAndErrorMessage {
  return {
    batchIndex: 0,
    batchIndexErrorMessage: null,
  };
}

export function readBatchIndexAndErrorMessage(r: Reader, version: number): BatchIndexAndErrorMessage {
  const flex = version >= 9;
  const o: BatchIndexAndErrorMessage = {
    batchIndex: version >= 8 ? r.int32() : 0,
    batchIndexErrorMessage: version >= 8 ? r.string(flex) : null,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeBatchIndexAndErrorMessage(w: Writer, v: BatchIndexAndErrorMessage, version: number): void {
  const flex = version >= 9;
  if (version >= 8) w.int32(v.batchIndex);
  if (version >= 8) w.string(v.batchIndexErrorMessage, flex);
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
  const flex = version >= 9;
  const o: LeaderIdAndEpoch = {
    leaderId: version >= 10 ? r.int32() : -1,
    leaderEpoch: version >= 10 ? r.int32() : -1,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeLeaderIdAndEpoch(w: Writer, v: LeaderIdAndEpoch, version: number): void {
  const flex = version >= 9;
  if (version >= 10) w.int32(v.leaderId);
  if (version >= 10) w.int32(v.leaderEpoch);
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
  const flex = version >= 9;
  const o: NodeEndpoint = {
    nodeId: version >= 10 ? r.int32() : 0,
    host: version >= 10 ? (r.string(flex) ?? '') : '',
    port: version >= 10 ? r.int32() : 0,
    rack: version >= 10 ? r.string(flex) : null,
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeNodeEndpoint(w: Writer, v: NodeEndpoint, version: number): void {
  const flex = version >= 9;
  if (version >= 10) w.int32(v.nodeId);
  if (version >= 10) w.string(v.host, flex);
  if (version >= 10) w.int32(v.port);
  if (version >= 10) w.string(v.rack, flex);
  if (flex) {
    w.uvarint(0);
  }
}

function isDefaultLeaderIdAndEpoch(v: LeaderIdAndEpoch): boolean {
  return !(v.leaderId !== -1 ||
    v.leaderEpoch !== -1);
}

export const ProduceApi: ApiDefinition<ProduceRequest, ProduceResponse> = {
  key: 0,
  name: 'Produce',
  minVersion: 0,
  maxVersion: 11,
  maxStableVersion: 11,
  flexibleVersion: 9,
  listeners: ['zkBroker', 'broker'],
  readRequest: readProduceRequest,
  writeRequest: writeProduceRequest,
  defaultRequest: defaultProduceRequest,
  readResponse: readProduceResponse,
  writeResponse: writeProduceResponse,
  defaultResponse: defaultProduceResponse,
};
