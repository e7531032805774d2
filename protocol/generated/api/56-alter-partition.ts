// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/56-alter-partition.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { ZERO_UUID, readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface AlterPartitionRequest {
  /** The ID of the requesting broker */
  brokerId: number;
  /** The epoch of the requesting broker */
  brokerEpoch: number;
  topics: AlterPartitionRequestTopicData[];
}

export function defaultAlterPartitionRequest(): AlterPartitionRequest {
  return {
    brokerId: 0,
    brokerEpoch: -1,
    topics: [],
  };
}

export function readAlterPartitionRequest(r: Reader, version: number): AlterPartitionRequest {
  const o: AlterPartitionRequest = {
    brokerId: r.int32(),
    brokerEpoch: r.int64(),
    topics: (readArray(r, true, 1, readAlterPartitionRequestTopicData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAlterPartitionRequest(w: Writer, v: AlterPartitionRequest, version: number): void {
  w.int32(v.brokerId);
  w.int64(v.brokerEpoch);
  writeArray(w, v.topics, true, writeAlterPartitionRequestTopicData, version);
  w.uvarint(0);
}

export interface AlterPartitionRequestTopicData {
  /** The name of the topic to alter ISRs for */
  topicName: string;
  /** The ID of the topic to alter ISRs for */
  topicId: string;
  partitions: AlterPartitionRequestPartitionData[];
}

export function defaultAlterPartitionRequestTopicData(): AlterPartitionRequestTopicData {
  return {
    topicName: '',
    topicId: ZERO_UUID,
    partitions: [],
  };
}

export function readAlterPartitionRequestTopicData(r: Reader, version: number): AlterPartitionRequestTopicData {
  const o: AlterPartitionRequestTopicData = {
    topicName: version <= 1 ? (r.string(true) ?? '') : '',
    topicId: version >= 2 ? r.uuid() : ZERO_UUID,
    partitions: (readArray(r, true, 1, readAlterPartitionRequestPartitionData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAlterPartitionRequestTopicData(w: Writer, v: AlterPartitionRequestTopicData, version: number): void {
  if (version <= 1) w.string(v.topicName, true);
  if (version >= 2) w.uuid(v.topicId);
  writeArray(w, v.partitions, true, writeAlterPartitionRequestPartitionData, version);
  w.uvarint(0);
}

export interface AlterPartitionRequestPartitionData {
  /** The partition index */
  partitionIndex: number;
  /** The leader epoch of this partition */
  leaderEpoch: number;
  /** The ISR for this partition. Deprecated since version 3. */
  newIsr: number[];
  newIsrWithEpochs: BrokerState[];
  /** 1 if the partition is recovering from an unclean leader election; 0 otherwise. */
  leaderRecoveryState: number;
  /** The expected epoch of the partition which is being updated. For legacy cluster this is the ZkVersion in the LeaderAndIsr request. */
  partitionEpoch: number;
}

export function defaultAlterPartitionRequestPartitionData(): AlterPartitionRequestPartitionData {
  return {
    partitionIndex: 0,
    leaderEpoch: 0,
    newIsr: [],
    newIsrWithEpochs: [],
    leaderRecoveryState: 0,
    partitionEpoch: 0,
  };
}

export function readAlterPartitionRequestPartitionData(r: Reader, version: number): AlterPartitionRequestPartitionData {
  const o: AlterPartitionRequestPartitionData = {
    partitionIndex: r.int32(),
    leaderEpoch: r.int32(),
    newIsr: version <= 2 ? (readInt32Array(r, true) ?? []) : [],
    newIsrWithEpochs: version >= 3 ? (readArray(r, true, 1, readBrokerState, version) ?? []) : [],
    leaderRecoveryState: version >= 1 ? r.int8() : 0,
    partitionEpoch: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAlterPartitionRequestPartitionData(w: Writer, v: AlterPartitionRequestPartitionData, version: number): void {
  w.int32(v.partitionIndex);
  w.int32(v.leaderEpoch);
  if (version <= 2) writeInt32Array(w, v.newIsr, true);
  if (version >= 3) writeArray(w, v.newIsrWithEpochs, true, writeBrokerState, version);
  if (version >= 1) w.int8(v.leaderRecoveryState);
  w.int32(v.partitionEpoch);
  w.uvarint(0);
}

export interface BrokerState {
  /** The ID of the broker. */
  brokerId: number;
  /** The epoch of the broker. It will be -1 if the epoch check is not supported. */
  brokerEpoch: number;
}

export function defaultBrokerState(): BrokerState {
  return {
    brokerId: 0,
    brokerEpoch: -1,
  };
}

export function readBrokerState(r: Reader, version: number): BrokerState {
  const o: BrokerState = {
    brokerId: version >= 3 ? r.int32() : 0,
    brokerEpoch: version >= 3 ? r.int64() : -1,
  };
  r.skipTaggedFields();
  return o;
}

export function writeBrokerState(w: Writer, v: BrokerState, version: number): void {
  if (version >= 3) w.int32(v.brokerId);
  if (version >= 3) w.int64(v.brokerEpoch);
  w.uvarint(0);
}

export interface AlterPartitionResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top level response error code */
  errorCode: number;
  topics: AlterPartitionResponseTopicData[];
}

export function defaultAlterPartitionResponse(): AlterPartitionResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    topics: [],
  };
}

export function readAlterPartitionResponse(r: Reader, version: number): AlterPartitionResponse {
  const o: AlterPartitionResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    topics: (readArray(r, true, 1, readAlterPartitionResponseTopicData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAlterPartitionResponse(w: Writer, v: AlterPartitionResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  writeArray(w, v.topics, true, writeAlterPartitionResponseTopicData, version);
  w.uvarint(0);
}

export interface AlterPartitionResponseTopicData {
  /** The name of the topic */
  topicName: string;
  /** The ID of the topic */
  topicId: string;
  partitions: AlterPartitionResponsePartitionData[];
}

export function defaultAlterPartitionResponseTopicData(): AlterPartitionResponseTopicData {
  return {
    topicName: '',
    topicId: ZERO_UUID,
    partitions: [],
  };
}

export function readAlterPartitionResponseTopicData(r: Reader, version: number): AlterPartitionResponseTopicData {
  const o: AlterPartitionResponseTopicData = {
    topicName: version <= 1 ? (r.string(true) ?? '') : '',
    topicId: version >= 2 ? r.uuid() : ZERO_UUID,
    partitions: (readArray(r, true, 1, readAlterPartitionResponsePartitionData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAlterPartitionResponseTopicData(w: Writer, v: AlterPartitionResponseTopicData, version: number): void {
  if (version <= 1) w.string(v.topicName, true);
  if (version >= 2) w.uuid(v.topicId);
  writeArray(w, v.partitions, true, writeAlterPartitionResponsePartitionData, version);
  w.uvarint(0);
}

export interface AlterPartitionResponsePartitionData {
  /** The partition index */
  partitionIndex: number;
  /** The partition level error code */
  errorCode: number;
  /** The broker ID of the leader. */
  leaderId: number;
  /** The leader epoch. */
  leaderEpoch: number;
  /** The in-sync replica IDs. */
  isr: number[];
  /** 1 if the partition is recovering from an unclean leader election; 0 otherwise. */
  leaderRecoveryState: number;
  /** The current epoch for the partition for KRaft controllers. The current ZK version for the legacy controllers. */
  partitionEpoch: number;
}

export function defaultAlterPartitionResponsePartitionData(): AlterPartitionResponsePartitionData {
  return {
    partitionIndex: 0,
    errorCode: 0,
    leaderId: 0,
    leaderEpoch: 0,
    isr: [],
    leaderRecoveryState: 0,
    partitionEpoch: 0,
  };
}

export function readAlterPartitionResponsePartitionData(r: Reader, version: number): AlterPartitionResponsePartitionData {
  const o: AlterPartitionResponsePartitionData = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
    leaderId: r.int32(),
    leaderEpoch: r.int32(),
    isr: (readInt32Array(r, true) ?? []),
    leaderRecoveryState: version >= 1 ? r.int8() : 0,
    partitionEpoch: r.int32(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeAlterPartitionResponsePartitionData(w: Writer, v: AlterPartitionResponsePartitionData, version: number): void {
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  w.int32(v.leaderId);
  w.int32(v.leaderEpoch);
  writeInt32Array(w, v.isr, true);
  if (version >= 1) w.int8(v.leaderRecoveryState);
  w.int32(v.partitionEpoch);
  w.uvarint(0);
}

export const AlterPartitionApi: ApiDefinition<AlterPartitionRequest, AlterPartitionResponse> = {
  key: 56,
  name: 'AlterPartition',
  minVersion: 0,
  maxVersion: 3,
  maxStableVersion: 3,
  flexibleVersion: 0,
  listeners: ['zkBroker', 'controller'],
  readRequest: readAlterPartitionRequest,
  writeRequest: writeAlterPartitionRequest,
  defaultRequest: defaultAlterPartitionRequest,
  readResponse: readAlterPartitionResponse,
  writeResponse: writeAlterPartitionResponse,
  defaultResponse: defaultAlterPartitionResponse,
};
