// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/66-list-transactions.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';

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
  const flex = true;
  const o: ListTransactionsRequest = {
    stateFilters: (readArray(r, flex, 1, (r) => r.string(flex) ?? '') ?? []),
    producerIdFilters: (readArray(r, flex, 8, (r) => r.int64()) ?? []),
    durationFilter: version >= 1 ? r.int64() : -1,
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeListTransactionsRequest(w: Writer, v: ListTransactionsRequest, version: number): void {
  const flex = true;
  writeArray(w, v.stateFilters, flex, (w, e) => w.string(e, flex));
  writeArray(w, v.producerIdFilters, flex, (w, e) => w.int64(e));
  if (version >= 1) w.int64(v.durationFilter);
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: ListTransactionsResponse = {
    throttleTimeMs: r.int32(),
    errorCode: r.int16(),
    unknownStateFilters: (readArray(r, flex, 1, (r) => r.string(flex) ?? '') ?? []),
    transactionStates: (readArray(r, flex, 1, (r) => readTransactionState(r, version)) ?? []),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeListTransactionsResponse(w: Writer, v: ListTransactionsResponse, version: number): void {
  const flex = true;
  w.int32(v.throttleTimeMs);
  w.int16(v.errorCode);
  writeArray(w, v.unknownStateFilters, flex, (w, e) => w.string(e, flex));
  writeArray(w, v.transactionStates, flex, (w, e) => writeTransactionState(w, e, version));
  if (flex) w.uvarint(0);
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
  const flex = true;
  const o: TransactionState = {
    transactionalId: (r.string(flex) ?? ''),
    producerId: r.int64(),
    transactionState: (r.string(flex) ?? ''),
  };
  if (flex) r.skipTaggedFields();
  return o;
}

export function writeTransactionState(w: Writer, v: TransactionState, version: number): void {
  const flex = true;
  w.string(v.transactionalId, flex);
  w.int64(v.producerId);
  w.string(v.transactionState, flex);
  if (flex) w.uvarint(0);
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
