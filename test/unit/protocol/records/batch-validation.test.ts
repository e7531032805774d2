import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../protocol/errors.js';
import { DecodeError } from '../../../../protocol/primitives/reader.js';
import {
  ATTRIBUTES,
  BATCH_LENGTH,
  CRC,
  LAST_OFFSET_DELTA,
  MAGIC,
  RECORD_COUNT,
  TimestampType,
  setBaseOffset,
  setMaxTimestamp,
  setPartitionLeaderEpoch,
} from '../../../../protocol/records/batch-header.js';
import { validateRecordBatches } from '../../../../protocol/records/batch-validation.js';
import { crc32c } from '../../../../protocol/records/crc32c.js';
import { decodeRecordBatch, encodeRecordBatch, type RecordBatchInput } from '../../../../protocol/records/record-batch.js';
import { RecordErrorKind, errorCodeOf } from '../../../../protocol/records/record-error.js';
import { encodeEndTxnBatch } from '../../../../protocol/records/control-record.js';
import { GZIP, prng, randomRecords } from './support.js';

const records = randomRecords(prng(1), 5);
const plain: RecordBatchInput = { baseOffset: 0, producerId: 9, producerEpoch: 2, baseSequence: 40, records };

/** Rewrites the CRC after a header edit, so the check under test is the one that fires. */
function recrc(buf: Buffer, pos = 0): Buffer {
  buf.writeUInt32BE(crc32c(buf, pos + ATTRIBUTES, pos + 12 + buf.readInt32BE(pos + BATCH_LENGTH)), pos + CRC);
  return buf;
}

function failsWith(buf: Buffer, code: string, options = {}): void {
  expect(() => validateRecordBatches(buf, options)).toThrow(expect.objectContaining({ code }));
}

describe('validateRecordBatches', () => {
  it('describes every batch of a buffer from the headers alone', () => {
    const a = encodeRecordBatch(plain);
    const b = encodeRecordBatch({ compression: GZIP, isTransactional: true, producerId: 3, producerEpoch: 0, baseSequence: 0, records });
    const infos = validateRecordBatches(Buffer.concat([a, b]));
    expect(infos).toHaveLength(2);
    expect(infos[0]).toMatchObject({
      position: 0,
      sizeBytes: a.length,
      recordCount: 5,
      lastOffsetDelta: 4,
      maxTimestamp: Math.max(...records.map((r) => r.timestamp)),
      producerId: 9,
      producerEpoch: 2,
      baseSequence: 40,
      compression: 0,
      isTransactional: false,
      isControl: false,
      timestampType: TimestampType.CREATE_TIME,
    });
    expect(infos[1]).toMatchObject({ position: a.length, sizeBytes: b.length, compression: GZIP, isTransactional: true });
  });

  it('accepts an empty buffer as no batches', () => {
    expect(validateRecordBatches(Buffer.alloc(0))).toEqual([]);
  });

  it('catches a flipped bit anywhere the CRC covers, and ignores the fields before it', () => {
    const good = encodeRecordBatch(plain);
    for (let pos = ATTRIBUTES; pos < good.length; pos++) {
      const bad = Buffer.from(good);
      bad[pos]! ^= 0x10;
      failsWith(bad, RecordErrorKind.CORRUPT);
    }
    const moved = Buffer.from(good);
    setBaseOffset(moved, 0, 1234);
    setPartitionLeaderEpoch(moved, 0, 77);
    expect(validateRecordBatches(moved)[0]).toMatchObject({ baseOffset: 1234, partitionLeaderEpoch: 77 });
  });

  it('rejects truncation at every length, a too-small batch length, and a batch over the size limit', () => {
    const good = encodeRecordBatch(plain);
    for (let n = 1; n < good.length; n++) failsWith(good.subarray(0, n), RecordErrorKind.CORRUPT);
    const small = Buffer.from(good);
    small.writeInt32BE(48, BATCH_LENGTH);
    failsWith(small, RecordErrorKind.CORRUPT);
    expect(() => validateRecordBatches(good, { maxBatchBytes: good.length - 1 })).toThrow(
      expect.objectContaining({ code: RecordErrorKind.TOO_LARGE, errorCode: ErrorCode.MESSAGE_TOO_LARGE }),
    );
    expect(validateRecordBatches(good, { maxBatchBytes: good.length })).toHaveLength(1);
  });

  it('rejects legacy magic as invalid and unknown magic as corrupt', () => {
    const v1 = encodeRecordBatch(plain);
    v1.writeInt8(1, MAGIC);
    failsWith(v1, RecordErrorKind.INVALID);
    const v3 = encodeRecordBatch(plain);
    v3.writeInt8(3, MAGIC);
    failsWith(v3, RecordErrorKind.CORRUPT);
  });

  it('holds a client batch to a dense offset range, and a replicated one to at most one record per offset', () => {
    const gap = encodeRecordBatch(plain);
    gap.writeInt32BE(9, LAST_OFFSET_DELTA);
    recrc(gap);
    failsWith(gap, RecordErrorKind.INVALID);
    expect(validateRecordBatches(gap, { origin: 'replication' })[0]!.lastOffsetDelta).toBe(9);

    const crowded = encodeRecordBatch(plain);
    crowded.writeInt32BE(2, LAST_OFFSET_DELTA);
    failsWith(recrc(crowded), RecordErrorKind.CORRUPT, { origin: 'replication' });

    const empty = encodeRecordBatch({ records: [] });
    failsWith(empty, RecordErrorKind.INVALID);
    expect(validateRecordBatches(empty, { origin: 'replication' })[0]!.recordCount).toBe(0);

    const negative = encodeRecordBatch(plain);
    negative.writeInt32BE(-1, RECORD_COUNT);
    failsWith(recrc(negative), RecordErrorKind.CORRUPT, { origin: 'replication' });
  });

  it('refuses control batches and sequence-less idempotent batches from clients only', () => {
    const marker = encodeEndTxnBatch({ type: 1, coordinatorEpoch: 0, producerId: 5, producerEpoch: 0, timestamp: 1 });
    failsWith(marker, RecordErrorKind.INVALID);
    expect(validateRecordBatches(marker, { origin: 'replication' })[0]).toMatchObject({ isControl: true, isTransactional: true });
    const noSequence = encodeRecordBatch({ ...plain, baseSequence: -1 });
    failsWith(noSequence, RecordErrorKind.INVALID);
  });

  it('rejects codec ids past zstd', () => {
    const buf = encodeRecordBatch(plain);
    buf.writeInt16BE(5, ATTRIBUTES);
    failsWith(recrc(buf), RecordErrorKind.CORRUPT);
  });
});

describe('in-place rewrites', () => {
  it('sets log-append time: the type bit and maxTimestamp change, the CRC follows, records are untouched', () => {
    const buf = encodeRecordBatch(plain);
    const section = Buffer.from(buf.subarray(61));
    setMaxTimestamp(buf, 0, TimestampType.LOG_APPEND_TIME, 99);
    expect(buf.subarray(61).equals(section)).toBe(true);
    expect(validateRecordBatches(buf)[0]).toMatchObject({ timestampType: TimestampType.LOG_APPEND_TIME, maxTimestamp: 99 });
    const batch = decodeRecordBatch(buf);
    expect(batch.records.every((r) => r.timestamp === 99)).toBe(true);

    setMaxTimestamp(buf, 0, TimestampType.CREATE_TIME, 5);
    expect(validateRecordBatches(buf)[0]).toMatchObject({ timestampType: TimestampType.CREATE_TIME, maxTimestamp: 5 });
  });

  it('rewrites a batch in the middle of a buffer without touching its neighbours', () => {
    const a = encodeRecordBatch(plain);
    const b = encodeRecordBatch(plain);
    const buf = Buffer.concat([a, b, a]);
    setMaxTimestamp(buf, a.length, TimestampType.LOG_APPEND_TIME, 7);
    setBaseOffset(buf, a.length, 500);
    const infos = validateRecordBatches(buf);
    expect(infos.map((i) => i.maxTimestamp)).toEqual([infos[0]!.maxTimestamp, 7, infos[0]!.maxTimestamp]);
    expect(infos[1]!.baseOffset).toBe(500);
    expect(buf.subarray(0, a.length).equals(a)).toBe(true);
  });
});

describe('errorCodeOf', () => {
  it('maps record errors and decode errors to Kafka codes, and nothing else', () => {
    const bad = encodeRecordBatch(plain);
    bad[bad.length - 1]! ^= 1;
    let caught: unknown;
    try {
      validateRecordBatches(bad);
    } catch (err) {
      caught = err;
    }
    expect(errorCodeOf(caught)).toBe(ErrorCode.CORRUPT_MESSAGE);
    expect(errorCodeOf(new DecodeError('short'))).toBe(ErrorCode.CORRUPT_MESSAGE);
    expect(errorCodeOf(new Error('bug'))).toBeUndefined();
  });
});
