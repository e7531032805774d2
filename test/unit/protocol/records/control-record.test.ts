import { describe, expect, it } from 'vitest';
import {
  ControlRecordType,
  encodeControlRecordKey,
  encodeEndTxnBatch,
  encodeEndTxnMarkerValue,
  readControlRecordType,
  readEndTxnMarker,
} from '../../../../protocol/records/control-record.js';
import { decodeRecordBatch, encodeRecordBatch } from '../../../../protocol/records/record-batch.js';
import { RecordErrorKind } from '../../../../protocol/records/record-error.js';
import { kafkajs } from './support.js';

const invalid = expect.objectContaining({ code: RecordErrorKind.INVALID });

describe('transaction markers', () => {
  it('encodes COMMIT and ABORT as one-record transactional control batches', () => {
    for (const type of [ControlRecordType.COMMIT, ControlRecordType.ABORT]) {
      const buf = encodeEndTxnBatch({ type, coordinatorEpoch: 17, producerId: 4000, producerEpoch: 3, timestamp: 1234, baseOffset: 90, partitionLeaderEpoch: 6 });
      const batch = decodeRecordBatch(buf);
      expect(batch).toMatchObject({
        isControl: true,
        isTransactional: true,
        producerId: 4000,
        producerEpoch: 3,
        baseSequence: -1,
        baseOffset: 90,
        partitionLeaderEpoch: 6,
        recordCount: 1,
      });
      expect(batch.records[0]!.key).toEqual(Buffer.from([0, 0, 0, type]));
      expect(batch.records[0]!.value).toEqual(Buffer.from([0, 0, 0, 0, 0, 17]));
      expect(readEndTxnMarker(batch.records[0]!)).toEqual({ type, coordinatorEpoch: 17 });
    }
  });

  it('is read by kafkajs as a control batch', async () => {
    const buf = encodeEndTxnBatch({ type: ControlRecordType.ABORT, coordinatorEpoch: 2, producerId: 8, producerEpoch: 1, timestamp: 5 });
    const decoded = await kafkajs.decodeRecordBatch(new kafkajs.Decoder(buf));
    expect(decoded).toMatchObject({ isControlBatch: true, inTransaction: true, producerId: '8' });
  });

  it('reads newer marker versions as version 0 and rejects broken ones', () => {
    const key = encodeControlRecordKey(ControlRecordType.COMMIT);
    const v1 = Buffer.from([0, 1, 0, 0, 0, 9, 0xff]);
    expect(readEndTxnMarker({ key, value: v1 })).toEqual({ type: ControlRecordType.COMMIT, coordinatorEpoch: 9 });
    expect(() => readEndTxnMarker({ key, value: Buffer.from([0, 0, 0, 0, 0]) })).toThrow(invalid);
    expect(() => readEndTxnMarker({ key, value: null })).toThrow(invalid);
    expect(() => readEndTxnMarker({ key, value: Buffer.from([0xff, 0xff, 0, 0, 0, 1]) })).toThrow(invalid);
    const leaderChange = encodeControlRecordKey(ControlRecordType.LEADER_CHANGE);
    expect(() => readEndTxnMarker({ key: leaderChange, value: encodeEndTxnMarkerValue(1) })).toThrow(invalid);
  });
});

describe('control record keys', () => {
  it('carries the KRaft types and passes unknown ones through', () => {
    for (const type of Object.values(ControlRecordType)) expect(readControlRecordType(encodeControlRecordKey(type))).toBe(type);
    expect(readControlRecordType(Buffer.from([0, 1, 0, 99]))).toBe(99);
  });

  it('rejects short keys, null keys and negative versions', () => {
    expect(() => readControlRecordType(Buffer.from([0, 0, 0]))).toThrow(invalid);
    expect(() => readControlRecordType(null)).toThrow(invalid);
    expect(() => readControlRecordType(Buffer.from([0x80, 0, 0, 1]))).toThrow(invalid);
  });

  it('round-trips a KRaft control batch built with the general encoder', () => {
    const key = encodeControlRecordKey(ControlRecordType.SNAPSHOT_HEADER);
    const batch = decodeRecordBatch(encodeRecordBatch({ isControl: true, records: [{ key, value: Buffer.from([1, 2]), timestamp: 3 }] }));
    expect(batch.isControl).toBe(true);
    expect(batch.isTransactional).toBe(false);
    expect(readControlRecordType(batch.records[0]!.key)).toBe(ControlRecordType.SNAPSHOT_HEADER);
  });
});
