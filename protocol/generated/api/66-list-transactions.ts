// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/66-list-transactions.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt64Array, writeInt64Array, readStringArray, writeStringArray } from '../scalar-arrays.js';

export interface ListTransactionsRequest {
  /** The transaction states to filter by: if empty, all transactions are returned; if non-empty, then only transactions matching one of the filtered states will be returned */
  stateFilters: string[];
  /** The producerIds to filter by: if empty, all transactions will be returned; if non-empty, only transactions which match one of the filtered producerIds will be returned */
  producerIdFilters: number[];
  /** Duration (in millis) to filter by: if < 0, all transactions will be returned; otherwise, only transactions running longer than this duration will be returned */
  durationFilter: number;
}

export function defaultListTransactionsRequest(): ListTransactionsRequest {
  return {
    stateFilters: [],
    producerIdFilters: [],
    durationFilter: -1,
  };
}

export function readListTransactionsRequest(r: Reader, version: number): ListTransactionsRequest {
  const o: ListTransactionsRequest = {
    stateFilters: (readStringArray(r, true) ?? []),
    producerIdFilters: (readInt64Array(r, true) ?? []),
    durationFilter: version >= 1 ? r.int64() : -1,
  };
  r.skipTaggedFields();
  return o;
}

export function writeListTransactionsRequest(w: Writer, v: ListTransactionsRequest, version: number): void {
  writeStringArray(w, v.stateFilters, true);
  writeInt64Array(w, v.producerIdFilters, true);
  if (version >= 1) w.int64(v.durationFilter);
  w.uvarint(0);
}

export interface ListTransactionsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  errorCode: number;
  /** Set of state filters provided in the request which were unknown to the transaction coordinator */
  unknownStateFilters: string[];
  transactionStates: TransactionState[];
}

export function defaultListTransactionsResponse(): ListTransactionsResponse {
  return {
    throttleTimeMs: 0,
    errorCode: 0,
    unknownStateFilters: [],
    transactionStates: [],
  };
}

export function readListTransactionsResponse(r: Reader, version: number): ListTransactionsResponse {
  const o: ListTransactionsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    unknownStateFilters: (readStringArray(r, true) ?? []),
    transactionStates: (readArray(r, true, 1, readTransactionState, version) ?? []),
  };
  r.skipTaggedFields();
  return o;
}

export function writeListTransactionsResponse(w: Writer, v: ListTransactionsResponse, version: number): void {
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  writeStringArray(w, v.unknownStateFilters, true);
  writeArray(w, v.transactionStates, true, writeTransactionState, version);
  w.uvarint(0);
}

export interface TransactionState {
  transactionalId: string;
  producerId: number;
  /** The current transaction state of the producer */
  transactionState: string;
}

export function defaultTransactionState(): TransactionState {
  return {
    transactionalId: '',
    producerId: 0,
    transactionState: '',
  };
}

export function readTransactionState(r: Reader, version: number): TransactionState {
  const o: TransactionState = {
    transactionalId: (r.string(true) ?? ''),
    producerId: r.int64(),
    transactionState: (r.string(true) ?? ''),
  };
  r.skipTaggedFields();
  return o;
}

export function writeTransactionState(w: Writer, v: TransactionState, version: number): void {
  w.string(v.transactionalId, true);
  w.int64(v.producerId);
  w.string(v.transactionState, true);
  w.uvarint(0);
}

export const ListTransactionsApi: ApiDefinition<ListTransactionsRequest, ListTransactionsResponse> = {
  key: 66,
  name: 'ListTransactions',
  minVersion: 0,
  maxVersion: 1,
  maxStableVersion: 1,
  flexibleVersion: 0,
  listeners: ['zkBroker', 'broker'],
  readRequest: readListTransactionsRequest,
  writeRequest: writeListTransactionsRequest,
  defaultRequest: defaultListTransactionsRequest,
  readResponse: readListTransactionsResponse,
  writeResponse: writeListTransactionsResponse,
  defaultResponse: defaultListTransactionsResponse,
};
