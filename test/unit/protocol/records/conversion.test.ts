import { describe, expect, it } from 'vitest';
import { TimestampType } from '../../../../protocol/records/batch-header.js';
import { validateRecordBatches } from '../../../../protocol/records/batch-validation.js';
import { ControlRecordType, encodeEndTxnBatch } from '../../../../protocol/records/control-record.js';
import { downConvertRecordBatches, upConvertMessageSet } from '../../../../protocol/records/conversion.js';
import { decodeMessageSet, encodeMessageSet } from '../../../../protocol/records/message-set.js';
import { decodeRecordBatch, encodeRecordBatch } from '../../../../protocol/records/record-batch.js';
import { RecordErrorKind } from '../../../../protocol/records/record-error.js';
import { GZIP, LEGACY_COMPRESSION_TYPES, kafkajs, prng, randomRecords } from './support.js';

describe('up-conversion of legacy message sets', () => {
  it("turns kafkajs's gzip v1 set into one dense gzip v2 batch a producer check accepts", async () => {
    const entries = [1, 2, 3].map((n) => ({ key: Buffer.from(`k${n}`), value: Buffer.from(`v${n}`), timestamp: 1000 + n }));
    const inner = kafkajs.MessageSet({ messageVersion: 1, compression: GZIP, entries });
    const value = await kafkajs.gzip.compress(inner);
    const legacy = kafkajs.MessageSet({ messageVersion: 1, entries: [{ compression: GZIP, timestamp: 1001, value }] }).buffer;

    const buf = upConvertMessageSet(legacy);
    expect(validateRecordBatches(buf)[0]).toMatchObject({ recordCount: 3, lastOffsetDelta: 2, compression: GZIP, maxTimestamp: 1003 });
    const batch = decodeRecordBatch(buf);
    expect(batch.records.map((r) => [r.offset, r.timestamp, r.key, r.value])).toEqual(
      entries.map((e, i) => [i, e.timestamp, e.key, e.value]),
    );
  });

  it('gives magic 0 messages no timestamp, ignores client offsets, and takes a codec override', () => {
    const legacy = encodeMessageSet(
      [7, 9].map((offset) => ({ offset, timestamp: 5, key: null, value: Buffer.from([offset]) })),
      { magic: 0 },
    );
    const batch = decodeRecordBatch(upConvertMessageSet(legacy, { compression: GZIP }));
    expect(batch.compression).toBe(GZIP);
    expect(batch.records.map((r) => [r.offset, r.timestamp])).toEqual([
      [0, -1],
      [1, -1],
    ]);
  });

  it('gives an empty set as no batches', () => {
    expect(upConvertMessageSet(Buffer.alloc(0)).length).toBe(0);
  });
});

describe('down-conversion to legacy message sets', () => {
  const records = randomRecords(prng(21), 6);
  const plain = encodeRecordBatch({ baseOffset: 100, records });
  const gzipped = encodeRecordBatch({ baseOffset: 106, compression: GZIP, records });
  const marker = encodeEndTxnBatch({ type: ControlRecordType.COMMIT, coordinatorEpoch: 0, producerId: 1, producerEpoch: 0, timestamp: 9, baseOffset: 112 });
  const appended = encodeRecordBatch({ baseOffset: 113, timestampType: TimestampType.LOG_APPEND_TIME, logAppendTime: 4242, records: records.slice(0, 2) });
  const log = Buffer.concat([plain, gzipped, marker, appended]);

  it('writes v1 that kafkajs reads: offsets kept, control batch dropped, log-append time carried', async () => {
    const buf = downConvertRecordBatches(log, 1);
    const decoded = await kafkajs.decodeMessageSet(new kafkajs.Decoder(buf), buf.length);
    const offsets = [...Array(12).keys()].map((i) => String(100 + i)).concat(['113', '114']);
    expect(decoded.map((m) => m.offset)).toEqual(offsets);
    const want = [...records, ...records, ...records.slice(0, 2)];
    expect(decoded.map((m) => [m.key, m.value])).toEqual(want.map((r) => [r.key, r.value]));
    expect(decoded.map((m) => m.timestamp)).toEqual(want.map((r, i) => String(i < 12 ? r.timestamp : 4242)));
    const ours = decodeMessageSet(buf);
    expect(ours.slice(6, 12).every((m) => m.compression === GZIP)).toBe(true);
    expect(ours.slice(12).every((m) => m.timestampType === TimestampType.LOG_APPEND_TIME)).toBe(true);
  });

  it('writes v0 without timestamps', () => {
    const ours = decodeMessageSet(downConvertRecordBatches(log, 0));
    expect(ours).toHaveLength(14);
    expect(ours.every((m) => m.magic === 0 && m.timestamp === -1)).toBe(true);
  });

  it('drops uncompressed records before firstOffset but keeps whole compressed batches', () => {
    const ours = decodeMessageSet(downConvertRecordBatches(log, 1, { firstOffset: 109 }));
    expect(ours.map((m) => m.offset)).toEqual([106, 107, 108, 109, 110, 111, 113, 114]);
    const tail = decodeMessageSet(downConvertRecordBatches(plain, 1, { firstOffset: 104 }));
    expect(tail.map((m) => m.offset)).toEqual([104, 105]);
  });

  it('keeps each compression type magic 0 and 1 know, there and back again', () => {
    for (const compression of LEGACY_COMPRESSION_TYPES) {
      const v2 = encodeRecordBatch({ baseOffset: 0, compression, records });
      const legacy = downConvertRecordBatches(v2, 1);
      expect(decodeMessageSet(legacy).every((m) => m.compression === compression)).toBe(true);
      const back = decodeRecordBatch(upConvertMessageSet(legacy));
      expect(back.compression).toBe(compression);
      expect(back.records.map((r) => [r.offset, r.timestamp, r.key, r.value])).toEqual(records.map((r, i) => [i, r.timestamp, r.key, r.value]));
    }
  });

  it('refuses zstd batches before inflating them', () => {
    const zstd = encodeRecordBatch({ compression: 4, records });
    expect(() => downConvertRecordBatches(zstd, 1)).toThrow(expect.objectContaining({ code: RecordErrorKind.UNSUPPORTED_COMPRESSION }));
  });
});
