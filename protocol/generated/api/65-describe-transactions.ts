// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/65-describe-transactions.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array, readStringArray, writeStringArray } from '../scalar-arrays.js';

export interface DescribeTransactionsRequest {
  /** Array of transactionalIds to include in describe results. If empty, then no results will be returned. */
  transactionalIds: string[];
}

export function defaultDescribeTransactionsRequest(): DescribeTransactionsRequest {
  return {
    transactionalIds: [],
  };
}

export function readDescribeTransactionsRequest(r: Reader, version: number): DescribeTransactionsRequest {
  const o: DescribeTransactionsRequest = {
    transactionalIds: (readStringArray(r, true) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeTransactionsRequest(w: Writer, v: DescribeTransactionsRequest, version: number): void {
  writeStringArray(w, v.transactionalIds, true);
  w.uvarint(0);
}

export interface DescribeTransactionsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  transactionStates: TransactionState[];
}

export function defaultDescribeTransactionsResponse(): DescribeTransactionsResponse {
  return {
    throttleTimeMs: 0,
    transactionStates: [],
  };
}

export function readDescribeTransactionsResponse(r: Reader, version: number): DescribeTransactionsResponse {
  const o: DescribeTransactionsResponse = {
    throttleTimeMs: r.int32(),
    transactionStates: (readArray(r, true, 1, readTransactionState, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeDescribeTransactionsResponse(w: Writer, v: DescribeTransactionsResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  writeArray(w, v.transactionStates, true, writeTransactionState, version);
  w.uvarint(0);
}

export interface TransactionState {
  errorCode: number;
  transactionalId: string;
  transactionState: string;
  transactionTimeoutMs: number;
  transactionStartTimeMs: number;
  producerId: number;
  producerEpoch: number;
  /** The set of partitions included in the current transaction (if active). When a transaction is preparing to commit or abort, this will include only partitions which do not have markers. */
  topics: TopicData[];
}

export function defaultTransactionState(): TransactionState {
  return {
    errorCode: 0,
    transactionalId: '',
    transactionState: '',
    transactionTimeoutMs: 0,
    transactionStartTimeMs: 0,
    producerId: 0,
    producerEpoch: 0,
    topics: [],
  };
}

export function readTransactionState(r: Reader, version: number): TransactionState {
  const o: TransactionState = {
    errorCode: r.int16(),
    transactionalId: (r.string(true) ?? ''),
    transactionState: (r.string(true) ?? ''),
    transactionTimeoutMs: r.int32(),
    transactionStartTimeMs: r.int64(),
    producerId: r.int64(),
    producerEpoch: r.int16(),
    topics: (readArray(r, true, 1, readTopicData, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeTransactionState(w: Writer, v: TransactionState, version: number): void {
  w.int16(v.errorCode);
  w.string(v.transactionalId, true);
  w.string(v.transactionState, true);
  w.int32(v.transactionTimeoutMs);
  w.int64(v.transactionStartTimeMs);
  w.int64(v.producerId);
  w.int16(v.producerEpoch);
  writeArray(w, v.topics, true, writeTopicData, version);
  w.uvarint(0);
}

export interface TopicData {
  topic: string;
  partitions: number[];
}

export function defaultTopicData(): TopicData {
  return {
    topic: '',
    partitions: [],
  };
}

export function readTopicData(r: Reader, version: number): TopicData {
  const o: TopicData = {
    topic: (r.string(true) ?? ''),
    partitions: (readInt32Array(r, true) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeTopicData(w: Writer, v: TopicData, version: number): void {
  w.string(v.topic, true);
  writeInt32Array(w, v.partitions, true);
  w.uvarint(0);
}

export const DescribeTransactionsApi: ApiDefinition<DescribeTransactionsRequest, DescribeTransactionsResponse> = {
  key: 65,
  name: 'DescribeTransactions',
  minVersion: 0,
  maxVersion: 0,
  maxStableVersion: 0,
  flexibleVersion: 0,
  listeners: ['zkBroker', 'broker'],
  readRequest: readDescribeTransactionsRequest,
  writeRequest: writeDescribeTransactionsRequest,
  defaultRequest: defaultDescribeTransactionsRequest,
  readResponse: readDescribeTransactionsResponse,
  writeResponse: writeDescribeTransactionsResponse,
  defaultResponse: defaultDescribeTransactionsResponse,
};
