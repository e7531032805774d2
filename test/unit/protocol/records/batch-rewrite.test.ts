// A batch rewritten by the log cleaner keeps its offsets, producer fields, codec and record
// timestamps; a delete horizon rides in baseTimestamp with attribute bit 0x40 (KIP-534).
import { describe, expect, it } from 'vitest';
import { CompressionType } from '../../../../protocol/compression/index.js';
import { DELETE_HORIZON_FLAG } from '../../../../protocol/records/batch-header.js';
import { deleteHorizonOf, encodeRetainedBatch } from '../../../../protocol/records/batch-rewrite.js';
import { decodeRecordBatch, encodeRecordBatch } from '../../../../protocol/records/record-batch.js';

const original = decodeRecordBatch(encodeRecordBatch({
  baseOffset: 100, partitionLeaderEpoch: 7, compression: CompressionType.GZIP,
  producerId: 42, producerEpoch: 3, baseSequence: 9,
  records: ['a', 'b', 'c', 'd'].map((k, i) => ({ key: Buffer.from(k), value: i === 2 ? null : Buffer.from(`v${i}`), timestamp: 1_000 + i * 10 })),
}));

describe('encodeRetainedBatch', () => {
  it('keeps offsets, producer fields, codec and timestamps; stamps a delete horizon', () => {
    const kept = [original.records[1]!, original.records[2]!];
    const rewritten = decodeRecordBatch(encodeRetainedBatch(original, kept, 90_000));
    expect(rewritten).toMatchObject({
      baseOffset: 100, lastOffsetDelta: 3, partitionLeaderEpoch: 7, compression: CompressionType.GZIP,
      producerId: 42, producerEpoch: 3, baseSequence: 9, recordCount: 2, maxTimestamp: 1_020,
    });
    expect(rewritten.attributes & DELETE_HORIZON_FLAG).toBe(DELETE_HORIZON_FLAG);
    expect(deleteHorizonOf(rewritten)).toBe(90_000);
    expect(rewritten.records.map((r) => [r.offset, r.timestamp, r.key?.toString(), r.value?.toString() ?? null]))
      .toEqual([[101, 1_010, 'b', 'v1'], [102, 1_020, 'c', null]]);
  });

  it('without records gives a bare header holding the last offset and sequence', () => {
    const empty = decodeRecordBatch(encodeRetainedBatch(original, [], undefined));
    expect(empty).toMatchObject({ baseOffset: 100, lastOffsetDelta: 3, recordCount: 0, compression: CompressionType.NONE, baseSequence: 9, maxTimestamp: 1_030 });
    expect(deleteHorizonOf(empty)).toBeUndefined();
  });
});
