// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/transaction-log-value.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { readArray, writeArray } from '../../primitives/codec-helpers.js';
import { readInt32Array, writeInt32Array } from '../scalar-arrays.js';

export interface TransactionLogValue {
  /** Producer id in use by the transactional id */
  producerId: number;
  /** Producer id used by the last committed transaction */
  previousProducerId: number;
  /** Latest producer ID sent to the producer for the given transactional ID */
  nextProducerId: number;
  /** Epoch associated with the producer id */
  producerEpoch: number;
  /** Transaction timeout in milliseconds */
  transactionTimeoutMs: number;
  /** TransactionState the transaction is in */
  transactionStatus: number;
  /** Set of partitions involved in the transaction */
  transactionPartitions: PartitionsSchema[] | null;
  /** Time the transaction was last updated */
  transactionLastUpdateTimestampMs: number;
  /** Time the transaction was started */
  transactionStartTimestampMs: number;
  /** The transaction version used by the client */
  clientTransactionVersion: number;
}

export function defaultTransactionLogValue(): TransactionLogValue {
  return {
    producerId: 0,
    previousProducerId: -1,
    nextProducerId: -1,
    producerEpoch: 0,
    transactionTimeoutMs: 0,
    transactionStatus: 0,
    transactionPartitions: [],
    transactionLastUpdateTimestampMs: 0,
    transactionStartTimestampMs: 0,
    clientTransactionVersion: 0,
  };
}

export function readTransactionLogValue(r: Reader, version: number): TransactionLogValue {
  const flex = version >= 1;
  const o: TransactionLogValue = {
    producerId: r.int64(),
    previousProducerId: -1,
    nextProducerId: -1,
    producerEpoch: r.int16(),
    transactionTimeoutMs: r.int32(),
    transactionStatus: r.int8(),
    transactionPartitions: readArray(r, flex, 1, readPartitionsSchema, version),
    transactionLastUpdateTimestampMs: r.int64(),
    transactionStartTimestampMs: r.int64(),
    clientTransactionVersion: 0,
  };
  if (flex) {
    const n = r.uvarint();
    for (let i = 0; i < n; i++) {
      const tag = r.uvarint();
      const t = r.sub(r.uvarint());
      if (tag === 0 && version >= 1) o.previousProducerId = t.int64();
      if (tag === 1 && version >= 1) o.nextProducerId = t.int64();
      if (tag === 2 && version >= 1) o.clientTransactionVersion = t.int16();
    }
  }
  return o;
}

export function writeTransactionLogValue(w: Writer, v: TransactionLogValue, version: number): void {
  const flex = version >= 1;
  w.int64(v.producerId);
  w.int16(v.producerEpoch);
  w.int32(v.transactionTimeoutMs);
  w.int8(v.transactionStatus);
  writeArray(w, v.transactionPartitions, flex, writePartitionsSchema, version);
  w.int64(v.transactionLastUpdateTimestampMs);
  w.int64(v.transactionStartTimestampMs);
  if (flex) {
    const t0 = version >= 1 && v.previousProducerId !== -1;
    const t1 = version >= 1 && v.nextProducerId !== -1;
    const t2 = version >= 1 && v.clientTransactionVersion !== 0;
    w.uvarint((t0 ? 1 : 0) + (t1 ? 1 : 0) + (t2 ? 1 : 0));
    if (t0) { w.uvarint(0); w.uvarint(8); w.int64(v.previousProducerId); }
    if (t1) { w.uvarint(1); w.uvarint(8); w.int64(v.nextProducerId); }
    if (t2) { w.uvarint(2); w.uvarint(2); w.int16(v.clientTransactionVersion); }
  }
}

export interface PartitionsSchema {
  topic: string;
  partitionIds: number[];
}

export function defaultPartitionsSchema(): PartitionsSchema {
  return {
    topic: '',
    partitionIds: [],
  };
}

export function readPartitionsSchema(r: Reader, version: number): PartitionsSchema {
  const flex = version >= 1;
  const o: PartitionsSchema = {
    topic: (r.string(flex) ?? ''),
    partitionIds: (readInt32Array(r, flex) ?? []),
  };
  if (flex) {
    r.skipTaggedFields();
  }
  return o;
}

export function writePartitionsSchema(w: Writer, v: PartitionsSchema, version: number): void {
  const flex = version >= 1;
  w.string(v.topic, flex);
  writeInt32Array(w, v.partitionIds, flex);
  if (flex) {
    w.uvarint(0);
  }
}

export const TransactionLogValueDefinition: MessageDefinition<TransactionLogValue> = {
  name: 'TransactionLogValue',
  type: -1,
  minVersion: 0,
  maxVersion: 1,
  flexibleVersion: 1,
  read: readTransactionLogValue,
  write: writeTransactionLogValue,
  default: defaultTransactionLogValue,
};
