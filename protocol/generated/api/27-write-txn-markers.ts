// generated - do not edit: `npm run gen` writes this file from protocol/spec/api/27-write-txn-markers.spec
import type { ApiDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface WriteTxnMarkersRequest {
  /** The transaction markers to be written. */
  markers: WritableTxnMarker[];
}

export function defaultWriteTxnMarkersRequest(): WriteTxnMarkersRequest {
  return {
    markers: [],
  };
}

export function readWriteTxnMarkersRequest(r: Reader, version: number): WriteTxnMarkersRequest {
  const flex = version >= 1;
  const o: WriteTxnMarkersRequest = {
    markers: (readArray(r, flex, 1, readWritableTxnMarker, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeWriteTxnMarkersRequest(w: Writer, v: WriteTxnMarkersRequest, version: number): void {
  const flex = version >= 1;
  writeArray(w, v.markers, flex, writeWritableTxnMarker, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface WritableTxnMarker {
  /** The current producer ID. */
  producerId: number;
  /** The current epoch associated with the producer ID. */
  producerEpoch: number;
  /** The result of the transaction to write to the partitions (false = ABORT, true = COMMIT). */
  transactionResult: boolean;
  /** Each topic that we want to write transaction marker(s) for. */
  topics: WritableTxnMarkerTopic[];
  /** Epoch associated with the transaction state partition hosted by this transaction coordinator */
  coordinatorEpoch: number;
}

export function defaultWritableTxnMarker(): WritableTxnMarker {
  return {
    producerId: 0,
    producerEpoch: 0,
    transactionResult: false,
    topics: [],
    coordinatorEpoch: 0,
  };
}

export function readWritableTxnMarker(r: Reader, version: number): WritableTxnMarker {
  const flex = version >= 1;
  const o: WritableTxnMarker = {
    producerId: r.int64(),
    producerEpoch: r.int16(),
    transactionResult: r.bool(),
    topics: (readArray(r, flex, 1, readWritableTxnMarkerTopic, version) ?? []),
    coordinatorEpoch: r.int32(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeWritableTxnMarker(w: Writer, v: WritableTxnMarker, version: number): void {
  const flex = version >= 1;
  w.int64(v.producerId);
  w.int16(v.producerEpoch);
  w.bool(v.transactionResult);
  writeArray(w, v.topics, flex, writeWritableTxnMarkerTopic, version);
  w.int32(v.coordinatorEpoch);
  if (flex) {
    w.uvarint(0);
  }
}

export interface WritableTxnMarkerTopic {
  /** The topic name. */
  name: string;
  /** The indexes of the partitions to write transaction markers for. */
  partitionIndexes: number[];
}

export function defaultWritableTxnMarkerTopic(): WritableTxnMarkerTopic {
  return {
    name: '',
    partitionIndexes: [],
  };
}

export function readWritableTxnMarkerTopic(r: Reader, version: number): WritableTxnMarkerTopic {
  const flex = version >= 1;
  const o: WritableTxnMarkerTopic = {
    name: (r.string(flex) ?? ''),
    partitionIndexes: (readInt32Array(r, flex) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeWritableTxnMarkerTopic(w: Writer, v: WritableTxnMarkerTopic, version: number): void {
  const flex = version >= 1;
  w.string(v.name, flex);
  writeInt32Array(w, v.partitionIndexes, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export interface WriteTxnMarkersResponse {
  /** The results for writing makers. */
  markers: WritableTxnMarkerResult[];
}

export function defaultWriteTxnMarkersResponse(): WriteTxnMarkersResponse {
  return {
    markers: [],
  };
}

export function readWriteTxnMarkersResponse(r: Reader, version: number): WriteTxnMarkersResponse {
  const flex = version >= 1;
  const o: WriteTxnMarkersResponse = {
    markers: (readArray(r, flex, 1, readWritableTxnMarkerResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeWriteTxnMarkersResponse(w: Writer, v: WriteTxnMarkersResponse, version: number): void {
  const flex = version >= 1;
  writeArray(w, v.markers, flex, writeWritableTxnMarkerResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface WritableTxnMarkerResult {
  /** The current producer ID in use by the transactional ID. */
  producerId: number;
  /** The results by topic. */
  topics: WritableTxnMarkerTopicResult[];
}

export function defaultWritableTxnMarkerResult(): WritableTxnMarkerResult {
  return {
    producerId: 0,
    topics: [],
  };
}

export function readWritableTxnMarkerResult(r: Reader, version: number): WritableTxnMarkerResult {
  const flex = version >= 1;
  const o: WritableTxnMarkerResult = {
    producerId: r.int64(),
    topics: (readArray(r, flex, 1, readWritableTxnMarkerTopicResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeWritableTxnMarkerResult(w: Writer, v: WritableTxnMarkerResult, version: number): void {
  const flex = version >= 1;
  w.int64(v.producerId);
  writeArray(w, v.topics, flex, writeWritableTxnMarkerTopicResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface WritableTxnMarkerTopicResult {
  /** The topic name. */
  name: string;
  /** The results by partition. */
  partitions: WritableTxnMarkerPartitionResult[];
}

export function defaultWritableTxnMarkerTopicResult(): WritableTxnMarkerTopicResult {
  return {
    name: '',
    partitions: [],
  };
}

export function readWritableTxnMarkerTopicResult(r: Reader, version: number): WritableTxnMarkerTopicResult {
  const flex = version >= 1;
  const o: WritableTxnMarkerTopicResult = {
    name: (r.string(flex) ?? ''),
    partitions: (readArray(r, flex, 1, readWritableTxnMarkerPartitionResult, version) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeWritableTxnMarkerTopicResult(w: Writer, v: WritableTxnMarkerTopicResult, version: number): void {
  const flex = version >= 1;
  w.string(v.name, flex);
  writeArray(w, v.partitions, flex, writeWritableTxnMarkerPartitionResult, version);
  if (flex) {
    w.uvarint(0);
  }
}

export interface WritableTxnMarkerPartitionResult {
  /** The partition index. */
  partitionIndex: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
}

export function defaultWritableTxnMarkerPartitionResult(): WritableTxnMarkerPartitionResult {
  return {
    partitionIndex: 0,
    errorCode: 0,
  };
}

export function readWritableTxnMarkerPartitionResult(r: Reader, version: number): WritableTxnMarkerPartitionResult {
  const flex = version >= 1;
  const o: WritableTxnMarkerPartitionResult = {
    partitionIndex: r.int32(),
    errorCode: r.int16(),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writeWritableTxnMarkerPartitionResult(w: Writer, v: WritableTxnMarkerPartitionResult, version: number): void {
  const flex = version >= 1;
  w.int32(v.partitionIndex);
  w.int16(v.errorCode);
  if (flex) {
    w.uvarint(0);
  }
}

export const WriteTxnMarkersApi: ApiDefinition<WriteTxnMarkersRequest, WriteTxnMarkersResponse> = {
  key: 27,
  name: 'WriteTxnMarkers',
  minVersion: 0,
  maxVersion: 1,
  maxStableVersion: 1,
  flexibleVersion: 1,
  listeners: ['zkBroker', 'broker'],
  readRequest: readWriteTxnMarkersRequest,
  writeRequest: writeWriteTxnMarkersRequest,
  defaultRequest: defaultWriteTxnMarkersRequest,
  readResponse: readWriteTxnMarkersResponse,
  writeResponse: writeWriteTxnMarkersResponse,
  defaultResponse: defaultWriteTxnMarkersResponse,
};
