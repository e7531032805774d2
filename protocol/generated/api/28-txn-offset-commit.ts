// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/28-txn-offset-commit.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

export interface TxnOffsetCommitRequest {
  /** The ID of the transaction. */
  transactionalId: string;
  /** The ID of the group. */
  groupId: string;
  /** The current producer ID in use by the transactional ID. */
  producerId: number;
  /** The current epoch associated with the producer ID. */
  producerEpoch: number;
  /** The generation of the consumer. */
  generationId: number;
  /** The member ID assigned by the group coordinator. */
  memberId: string;
  /** The unique identifier of the consumer instance provided by end user. */
  groupInstanceId: string | null;
  /** Each topic that we want to commit offsets for. */
  topics: TxnOffsetCommitRequestTopic[];
}

export function defaultTxnOffsetCommitRequest(): TxnOffsetCommitRequest {
  return {
    transactionalId: '',
    groupId: '',
    producerId: 0,
    producerEpoch: 0,
    generationId: -1,
    memberId: '',
    groupInstanceId: null,
    topics: [],
  };
}

export function readTxnOffsetCommitRequest(r: Reader, version: number): TxnOffsetCommitRequest {
  const flex = version >= 3;
  const o: TxnOffsetCommitRequest = {
    transactionalId: (r.string(flex) ?? ''),
    groupId: (r.string(flex) ?? ''),
    producerId: r.int64(),
    producerEpoch: r.int16(),
    generationId: version >= 3 ? r.int32() : -1,
    memberId: version >= 3 ? (r.string(flex) ?? '') : '',
    groupInstanceId: version >= 3 ? r.string(flex) : null,
    topics: (readArray(r, flex, 1, readTxnOffsetCommitRequestTopic, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeTxnOffsetCommitRequest(w: Writer, v: TxnOffsetCommitRequest, version: number): void {
  const flex = version >= 3;
  w.string(v.transactionalId, flex);
  w.string(v.groupId, flex);
  w.int64(v.producerId);
  w.int16(v.producerEpoch);
  if (version >= 3) w.int32(v.generationId);
  if (version >= 3) w.string(v.memberId, flex);
  if (version >= 3) w.string(v.groupInstanceId, flex);
  writeArray(w, v.topics, flex, writeTxnOffsetCommitRequestTopic, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface TxnOffsetCommitRequestTopic {
  /** The topic name. */
  name: string;
  /** The partitions inside the topic that we want to commit offsets for. */
  partitions: TxnOffsetCommitRequestPartition[];
}

export function defaultTxnOffsetCommitRequestTopic(): TxnOffsetCommitRequestTopic {
  return {
    name: '',
    partitions: [],
  };
}

export function readTxnOffsetCommitRequestTopic(r: Reader, version: number): TxnOffsetCommitRequestTopic {
  const flex = version >= 3;
  const o: TxnOffsetCommitRequestTopic = {
    name: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readTxnOffsetCommitRequestPartition, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeTxnOffsetCommitRequestTopic(w: Writer, v: TxnOffsetCommitRequestTopic, version: number): void {
  const flex = version >= 3;
  w.string(v.name, flex);
  writeArray(w, v.partitions, flex, writeTxnOffsetCommitRequestPartition, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface TxnOffsetCommitRequestPartition {
  /** The index of the partition within the topic. */
  partitionIndex: number;
  /** The message offset to be committed. */
  committedOffset: number;
  /** The leader epoch of the last consumed record. */
  committedLeaderEpoch: number;
  /** Any associated metadata the client wants to keep. */
  committedMetadata: string | null;
}

export function defaultTxnOffsetCommitRequestPartition(): TxnOffsetCommitRequestPartition {
  return {
    partitionIndex: 0,
    committedOffset: 0,
    committedLeaderEpoch: -1,
    committedMetadata: '',
  };
}

export function readTxnOffsetCommitRequestPartition(r: Reader, version: number): TxnOffsetCommitRequestPartition {
  const flex = version >= 3;
  const o: TxnOffsetCommitRequestPartition = {
    partitionIndex: r.int32(),
    committedOffset: r.int64(),
    committedLeaderEpoch: version >= 2 ? r.int32() : -1,
    committedMetadata: r.string(flex),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeTxnOffsetCommitRequestPartition(w: Writer, v: TxnOffsetCommitRequestPartition, version: number): void {
  const flex = version >= 3;
  w.int32(v.partitionIndex);
  w.int64(v.committedOffset);
  if (version >= 2) w.int32(v.committedLeaderEpoch);
  w.string(v.committedMetadata, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface TxnOffsetCommitResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The responses for each topic. */
  topics: TxnOffsetCommitResponseTopic[];
}

export function defaultTxnOffsetCommitResponse(): TxnOffsetCommitResponse {
  return {
    throttleTimeMs: 0,
    topics: [],
  };
}

export function readTxnOffsetCommitResponse(r: Reader, version: number): TxnOffsetCommitResponse {
  const flex = version >= 3;
  const o: TxnOffsetCommitResponse = {
    throttleTimeMs: r.int32(),
    topics: (readArray(r, flex, 1, readTxnOffsetCommitResponseTopic, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeTxnOffsetCommitResponse(w: Writer, v: TxnOffsetCommitResponse, version: number): void {
  const flex = version >= 3;
  w.int32(v.throttleTimeMs);
  writeArray(w, v.topics, flex, writeTxnOffsetCommitResponseTopic, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface TxnOffsetCommitResponseTopic {
  /** The topic name. */
  name: string;
  /** The responses for each partition in the topic. */
  partitions: TxnOffsetCommitResponsePartition[];
}

export function defaultTxnOffsetCommitResponseTopic(): TxnOffsetCommitResponseTopic {
  return {
    name: '',
    partitions: [],
  };
}

export function readTxnOffsetCommitResponseTopic(r: Reader, version: number): TxnOffsetCommitResponseTopic {
  const flex = version >= 3;
  const o: TxnOffsetCommitResponseTopic = {
    name: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readTxnOffsetCommitResponsePartition, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeTxnOffsetCommitResponseTopic(w: Writer, v: TxnOffsetCommitResponseTopic, version: number): void {
  const flex = version >= 3;
  w.string(v.name, flex);
  writeArray(w, v.partitions, flex, writeTxnOffsetCommitResponsePartition, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface TxnOffsetCommitResponsePartition {
  /** The partition index. */
  partitionIndex: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
}

export function defaultTxnOffsetCommitResponsePartition(): TxnOffsetCommitResponsePartition {
  return {
    partitionIndex: 0,
    errorCode: 0,
  };
}

export function readTxnOffsetCommitResponsePartition(r: Reader, version: number): TxnOffsetCommitResponsePartition {
  const flex = version >= 3;
  const o: TxnOffsetCommitResponsePartition = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeTxnOffsetCommitResponsePartition(w: Writer, v: TxnOffsetCommitResponsePartition, version: number): void {
  const flex = version >= 3;
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  if (flex) {
    w.uvarint(0);
  }
}

export const TxnOffsetCommitApi: ApiDefinition<TxnOffsetCommitRequest, TxnOffsetCommitResponse> = {
  key: 28,
  name: 'TxnOffsetCommit',
  minVersion: 0,
  maxVersion: 4,
  maxStableVersion: 4,
  flexibleVersion: 3,
  listeners: ['zkBroker', 'broker'],
  readRequest: readTxnOffsetCommitRequest,
  writeRequest: writeTxnOffsetCommitRequest,
  defaultRequest: defaultTxnOffsetCommitRequest,
  readResponse: readTxnOffsetCommitResponse,
  writeResponse: writeTxnOffsetCommitResponse,
  defaultResponse: defaultTxnOffsetCommitResponse,
};
