// Control records: the records of a batch with the control flag set. Their key is
//   version int16 (0) | type int16
// and for ABORT/COMMIT markers the value is Kafka's EndTransactionMarker:
//   version int16 (0) | coordinatorEpoch int32
// The KRaft types (LEADER_CHANGE through KRAFT_VOTERS) carry message structs as values, which the
// generated codecs read; here they are just types.
import { CompressionType } from '../compression/index.js';
import { NO_SEQUENCE } from './batch-header.js';
import { encodeRecordBatch } from './record-batch.js';
import { invalid } from './record-error.js';
import type { DecodedRecord } from './record.js';

export const ControlRecordType = {
  ABORT: 0,
  COMMIT: 1,
  LEADER_CHANGE: 2,
  SNAPSHOT_HEADER: 3,
  SNAPSHOT_FOOTER: 4,
  KRAFT_VERSION: 5,
  KRAFT_VOTERS: 6,
} as const;
export type ControlRecordType = (typeof ControlRecordType)[keyof typeof ControlRecordType];

const KEY_VERSION = 0;
const KEY_BYTES = 4;
const END_TXN_MARKER_VERSION = 0;
const END_TXN_MARKER_BYTES = 6;

export function encodeControlRecordKey(type: ControlRecordType): Buffer {
  const key = Buffer.allocUnsafe(KEY_BYTES);
  key.writeInt16BE(KEY_VERSION, 0);
  key.writeInt16BE(type, 2);
  return key;
}

/**
 * The type id in a control record's key. Types this code does not know are returned as they are
 * (Kafka reads them as UNKNOWN and skips them); a short key or a negative version is invalid.
 */
export function readControlRecordType(key: Buffer | null): number {
  if (key === null || key.length < KEY_BYTES) throw invalid(`control record key of ${key?.length ?? 'null'} bytes`);
  const version = key.readInt16BE(0);
  if (version < 0) throw invalid(`control record key version ${version}`);
  return key.readInt16BE(2);
}

export interface EndTransactionMarker {
  type: typeof ControlRecordType.ABORT | typeof ControlRecordType.COMMIT;
  coordinatorEpoch: number;
}

export function encodeEndTxnMarkerValue(coordinatorEpoch: number): Buffer {
  const value = Buffer.allocUnsafe(END_TXN_MARKER_BYTES);
  value.writeInt16BE(END_TXN_MARKER_VERSION, 0);
  value.writeInt32BE(coordinatorEpoch, 2);
  return value;
}

/** Reads an ABORT/COMMIT marker; newer marker versions are read as version 0, as Kafka does. */
export function readEndTxnMarker(record: Pick<DecodedRecord, 'key' | 'value'>): EndTransactionMarker {
  const type = readControlRecordType(record.key);
  if (type !== ControlRecordType.ABORT && type !== ControlRecordType.COMMIT) {
    throw invalid(`control record type ${type} is not a transaction marker`);
  }
  const value = record.value;
  if (value === null || value.length < END_TXN_MARKER_BYTES) {
    throw invalid(`end transaction marker value of ${value?.length ?? 'null'} bytes`);
  }
  const version = value.readInt16BE(0);
  if (version < 0) throw invalid(`end transaction marker version ${version}`);
  return { type, coordinatorEpoch: value.readInt32BE(2) };
}

export interface EndTxnBatchInput extends EndTransactionMarker {
  producerId: number;
  producerEpoch: number;
  timestamp: number;
  baseOffset?: number;
  partitionLeaderEpoch?: number;
}

/** The one-record control batch a WriteTxnMarkers request appends, as MemoryRecords builds it:
 * transactional and control flags set, no sequence, uncompressed. */
export function encodeEndTxnBatch(input: EndTxnBatchInput): Buffer {
  return encodeRecordBatch({
    baseOffset: input.baseOffset,
    partitionLeaderEpoch: input.partitionLeaderEpoch,
    compression: CompressionType.NONE,
    isTransactional: true,
    isControl: true,
    producerId: input.producerId,
    producerEpoch: input.producerEpoch,
    baseSequence: NO_SEQUENCE,
    records: [
      {
        key: encodeControlRecordKey(input.type),
        value: encodeEndTxnMarkerValue(input.coordinatorEpoch),
        timestamp: input.timestamp,
      },
    ],
  });
}
