// The test batch encoder must produce batches a real client accepts, or the storage tests prove
// nothing about Kafka's format.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { encodeTestBatch } from '../../helpers/storage-batches.js';

const require = createRequire(import.meta.url);
const Decoder = require('kafkajs/src/protocol/decoder') as new (buffer: Buffer) => unknown;
const decodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (decoder: unknown) => Promise<{
  firstOffset: string;
  maxTimestamp: string;
  partitionLeaderEpoch: number;
  records: { offset: string; timestamp: string; value: Buffer }[];
}>;

describe('test batch encoder', () => {
  it('encodes RecordBatch v2 that kafkajs decodes', async () => {
    const batch = encodeTestBatch({
      baseOffset: 40,
      recordCount: 3,
      valueBytes: 5,
      fill: 0x7a,
      baseTimestampMs: 1000,
      partitionLeaderEpoch: 2,
    });
    const decoded = await decodeBatch(new Decoder(batch));
    expect(decoded.firstOffset).toBe('40');
    expect(decoded.maxTimestamp).toBe('1002');
    expect(decoded.partitionLeaderEpoch).toBe(2);
    expect(decoded.records.map((r) => [r.offset, r.timestamp, r.value.toString()])).toEqual([
      ['40', '1000', 'zzzzz'],
      ['41', '1001', 'zzzzz'],
      ['42', '1002', 'zzzzz'],
    ]);
  });
});
