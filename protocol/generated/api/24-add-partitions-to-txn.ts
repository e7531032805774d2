// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/24-add-partitions-to-txn.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface AddPartitionsToTxnRequest {
  /** List of transactions to add partitions to. */
  transactions: AddPartitionsToTxnTransaction[];
  /** The transactional id corresponding to the transaction. */
  v3AndBelowTransactionalId: string;
  /** Current producer id in use by the transactional id. */
  v3AndBelowProducerId: number;
  /** Current epoch associated with the producer id. */
  v3AndBelowProducerEpoch: number;
  /** The partitions to add to the transaction. */
  v3AndBelowTopics: AddPartitionsToTxnTopic[];
}

export function defaultAddPartitionsToTxnRequest(): AddPartitionsToTxnRequest {
  return {
    transactions: [],
    v3AndBelowTransactionalId: '',
    v3AndBelowProducerId: 0,
    v3AndBelowProducerEpoch: 0,
    v3AndBelowTopics: [],
  };
}

export function readAddPartitionsToTxnRequest(r: Reader, version: number): AddPartitionsToTxnRequest {
  const flex = version >= 3;
  const o: AddPartitionsToTxnRequest = {
    transactions: version >= 4 ? (readArray(r, flex, 1, readAddPartitionsToTxnTransaction, version) ?? []) : [],
    v3AndBelowTransactionalId: version <= 3 ? (r.string(flex) ?? '') : '',
    v3AndBelowProducerId: version <= 3 ? r.int64() : 0,
    v3AndBelowProducerEpoch: version <= 3 ? r.int16() : 0,
    v3AndBelowTopics: version <= 3 ? (readArray(r, flex, 1, readAddPartitionsToTxnTopic, version) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAddPartitionsToTxnRequest(w: Writer, v: AddPartitionsToTxnRequest, version: number): void {
  const flex = version >= 3;
  if (version >= 4) writeArray(w, v.transactions, flex, writeAddPartitionsToTxnTransaction, version);
  if (version <= 3) w.string(v.v3AndBelowTransactionalId, flex);
  if (version <= 3) w.int64(v.v3AndBelowProducerId);
  if (version <= 3) w.int16(v.v3AndBelowProducerEpoch);
  if (version <= 3) writeArray(w, v.v3AndBelowTopics, flex, writeAddPartitionsToTxnTopic, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AddPartitionsToTxnTransaction {
  /** The transactional id corresponding to the transaction. */
  transactionalId: string;
  /** Current producer id in use by the transactional id. */
  producerId: number;
  /** Current epoch associated with the producer id. */
  producerEpoch: number;
  /** Boolean to signify if we want to check if the partition is in the transaction rather than add it. */
  verifyOnly: boolean;
  /** The partitions to add to the transaction. */
  topics: AddPartitionsToTxnTopic[];
}

export function defaultAddPartitionsToTxnTransaction(): AddPartitionsToTxnTransaction {
  return {
    transactionalId: '',
    producerId: 0,
    producerEpoch: 0,
    verifyOnly: false,
    topics: [],
  };
}

export function readAddPartitionsToTxnTransaction(r: Reader, version: number): AddPartitionsToTxnTransaction {
  const flex = version >= 3;
  const o: AddPartitionsToTxnTransaction = {
    transactionalId: version >= 4 ? (r.string(flex) ?? '') : '',
    producerId: version >= 4 ? r.int64() : 0,
    producerEpoch: version >= 4 ? r.int16() : 0,
    verifyOnly: version >= 4 ? r.bool() : false,
    topics: version >= 4 ? (readArray(r, flex, 1, readAddPartitionsToTxnTopic, version) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAddPartitionsToTxnTransaction(w: Writer, v: AddPartitionsToTxnTransaction, version: number): void {
  const flex = version >= 3;
  if (version >= 4) w.string(v.transactionalId, flex);
  if (version >= 4) w.int64(v.producerId);
  if (version >= 4) w.int16(v.producerEpoch);
  if (version >= 4) w.bool(v.verifyOnly);
  if (version >= 4) writeArray(w, v.topics, flex, writeAddPartitionsToTxnTopic, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AddPartitionsToTxnTopic {
  /** The name of the topic. */
  name: string;
  /** The partition indexes to add to the transaction */
  partitions: number[];
}

export function defaultAddPartitionsToTxnTopic(): AddPartitionsToTxnTopic {
  return {
    name: '',
    partitions: [],
  };
}

export function readAddPartitionsToTxnTopic(r: Reader, version: number): AddPartitionsToTxnTopic {
  const flex = version >= 3;
  const o: AddPartitionsToTxnTopic = {
    name: (r.string(flex) ?? ''),
    partitions: (readInt32Array(r, flex) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAddPartitionsToTxnTopic(w: Writer, v: AddPartitionsToTxnTopic, version: number): void {
  const flex = version >= 3;
  w.string(v.name, flex);
  writeInt32Array(w, v.partitions, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AddPartitionsToTxnResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The response top level error code. */
  errorCode: number;
  /** Results categorized by transactional ID. */
  resultsByTransaction: AddPartitionsToTxnResult[];
  /** The results for each topic. */
  resultsByTopicV3AndBelow: AddPartitionsToTxnTopicResult[];
}

export function defaultAddPartitionsToTxnResponse(): AddPartitionsToTxnResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    resultsByTransaction: [],
    resultsByTopicV3AndBelow: [],
  };
}

export function readAddPartitionsToTxnResponse(r: Reader, version: number): AddPartitionsToTxnResponse {
  const flex = version >= 3;
  const o: AddPartitionsToTxnResponse = {
    throttleTimeMs: r.int32(),
    errorCode: version >= 4 ? r.int16() : 0,
    resultsByTransaction: version >= 4 ? (readArray(r, flex, 1, readAddPartitionsToTxnResult, version) ?? []) : [],
    resultsByTopicV3AndBelow: version <= 3 ? (readArray(r, flex, 1, readAddPartitionsToTxnTopicResult, version) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAddPartitionsToTxnResponse(w: Writer, v: AddPartitionsToTxnResponse, version: number): void {
  const flex = version >= 3;
  w.int32(v.throttleTimeMs);
  if (version >= 4) w.int16(v.errorCode);
  if (version >= 4) writeArray(w, v.resultsByTransaction, flex, writeAddPartitionsToTxnResult, version);
  if (version <= 3) writeArray(w, v.resultsByTopicV3AndBelow, flex, writeAddPartitionsToTxnTopicResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AddPartitionsToTxnResult {
  /** The transactional id corresponding to the transaction. */
  transactionalId: string;
  /** The results for each topic. */
  topicResults: AddPartitionsToTxnTopicResult[];
}

export function defaultAddPartitionsToTxnResult(): AddPartitionsToTxnResult {
  return {
    transactionalId: '',
    topicResults: [],
  };
}

export function readAddPartitionsToTxnResult(r: Reader, version: number): AddPartitionsToTxnResult {
  const flex = version >= 3;
  const o: AddPartitionsToTxnResult = {
    transactionalId: version >= 4 ? (r.string(flex) ?? '') : '',
    topicResults: version >= 4 ? (readArray(r, flex, 1, readAddPartitionsToTxnTopicResult, version) ?? []) : [],
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAddPartitionsToTxnResult(w: Writer, v: AddPartitionsToTxnResult, version: number): void {
  const flex = version >= 3;
  if (version >= 4) w.string(v.transactionalId, flex);
  if (version >= 4) writeArray(w, v.topicResults, flex, writeAddPartitionsToTxnTopicResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AddPartitionsToTxnTopicResult {
  /** The topic name. */
  name: string;
  /** The results for each partition */
  resultsByPartition: AddPartitionsToTxnPartitionResult[];
}

export function defaultAddPartitionsToTxnTopicResult(): AddPartitionsToTxnTopicResult {
  return {
    name: '',
    resultsByPartition: [],
  };
}

export function readAddPartitionsToTxnTopicResult(r: Reader, version: number): AddPartitionsToTxnTopicResult {
  const flex = version >= 3;
  const o: AddPartitionsToTxnTopicResult = {
    name: (r.string(flex) ?? ''),
    resultsByPartition: (readArray(r, flex, 1, readAddPartitionsToTxnPartitionResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAddPartitionsToTxnTopicResult(w: Writer, v: AddPartitionsToTxnTopicResult, version: number): void {
  const flex = version >= 3;
  w.string(v.name, flex);
  writeArray(w, v.resultsByPartition, flex, writeAddPartitionsToTxnPartitionResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface AddPartitionsToTxnPartitionResult {
  /** The partition indexes. */
  partitionIndex: number;
  /** The response error code. */
  partitionErrorCode: number;
}

export function defaultAddPartitionsToTxnPartitionResult(): AddPartitionsToTxnPartitionResult {
  return {
    partitionIndex: 0,
    partitionErrorCode: 0,
  };
}

export function readAddPartitionsToTxnPartitionResult(r: Reader, version: number): AddPartitionsToTxnPartitionResult {
  const flex = version >= 3;
  const o: AddPartitionsToTxnPartitionResult = {
    partitionIndex: r.int32(),
    partitionErrorCode: r.int16(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeAddPartitionsToTxnPartitionResult(w: Writer, v: AddPartitionsToTxnPartitionResult, version: number): void {
  const flex = version >= 3;
  w.int32(v.partitionIndex);
  w.int16(v.partitionErrorCode);
  if (flex) {
    w.uvarint(0);
  }
}

export const AddPartitionsToTxnApi: ApiDefinition<AddPartitionsToTxnRequest, AddPartitionsToTxnResponse> = {
  key: 24,
  name: 'AddPartitionsToTxn',
  minVersion: 0,
  maxVersion: 5,
  maxStableVersion: 5,
  flexibleVersion: 3,
  listeners: ['zkBroker', 'broker'],
  readRequest: readAddPartitionsToTxnRequest,
  writeRequest: writeAddPartitionsToTxnRequest,
  defaultRequest: defaultAddPartitionsToTxnRequest,
  readResponse: readAddPartitionsToTxnResponse,
  writeResponse: writeAddPartitionsToTxnResponse,
  defaultResponse: defaultAddPartitionsToTxnResponse,
};
