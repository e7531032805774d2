// Golden bytes for the record formats: the encoders must reproduce these files exactly, the decoders
// must read them, and kafkajs (an independent implementation) must agree with them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decodeMessageSet, encodeMessageSet } from '../../../protocol/records/message-set.js';
import { decodeRecordBatch, encodeRecordBatch } from '../../../protocol/records/record-batch.js';

/** Hex with `#` comments and any whitespace. */
function golden(name: string): Buffer {
  const text = readFileSync(new URL(name, import.meta.url), 'utf8');
  return Buffer.from(text.replace(/#.*$/gm, '').replace(/\s+/g, ''), 'hex');
}

const require = createRequire(import.meta.url);
const BASE_TIMESTAMP = 1_700_000_000_000;

const batchInput = {
  baseOffset: 5,
  partitionLeaderEpoch: 3,
  isTransactional: true,
  producerId: 1000,
  producerEpoch: 2,
  baseSequence: 7,
  records: [
    { key: Buffer.from('key'), value: Buffer.from('value'), headers: [{ key: 'h', value: Buffer.from('1') }], timestamp: BASE_TIMESTAMP },
    { key: null, value: Buffer.from('x'), timestamp: BASE_TIMESTAMP + 3 },
  ],
};

describe('golden RecordBatch v2', () => {
  const bytes = golden('record-batch-v2.hex');

  it('is what the encoder writes', () => {
    expect(encodeRecordBatch(batchInput).toString('hex')).toBe(bytes.toString('hex'));
  });

  it('is what the decoder reads', () => {
    expect(decodeRecordBatch(bytes)).toMatchObject({
      baseOffset: 5,
      batchLength: 76,
      partitionLeaderEpoch: 3,
      crc: 0x05befdd2,
      isTransactional: true,
      producerId: 1000,
      recordCount: 2,
      records: [
        { offset: 5, timestamp: BASE_TIMESTAMP, key: Buffer.from('key'), value: Buffer.from('value'), headers: [{ key: 'h', value: Buffer.from('1') }] },
        { offset: 6, timestamp: BASE_TIMESTAMP + 3, key: null, value: Buffer.from('x'), headers: [] },
      ],
    });
  });

  it('is what kafkajs writes', async () => {
    const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0');
    const Record = require('kafkajs/src/protocol/recordBatch/record/v0');
    const encoded = await RecordBatch({
      firstOffset: 5,
      firstTimestamp: BASE_TIMESTAMP,
      maxTimestamp: BASE_TIMESTAMP + 3,
      partitionLeaderEpoch: 3,
      lastOffsetDelta: 1,
      transactional: true,
      producerId: 1000,
      producerEpoch: 2,
      firstSequence: 7,
      records: [
        Record({ offsetDelta: 0, timestampDelta: 0, key: Buffer.from('key'), value: Buffer.from('value'), headers: { h: Buffer.from('1') } }),
        Record({ offsetDelta: 1, timestampDelta: 3, key: null, value: Buffer.from('x') }),
      ],
    });
    expect(encoded.buffer.toString('hex')).toBe(bytes.toString('hex'));
  });
});

describe('golden message set v1', () => {
  const bytes = golden('message-set-v1.hex');
  const message = { offset: 5, timestamp: BASE_TIMESTAMP, key: Buffer.from('key'), value: Buffer.from('value') };

  it('is what the encoder writes and the decoder reads', () => {
    expect(encodeMessageSet([message], { magic: 1 }).toString('hex')).toBe(bytes.toString('hex'));
    expect(decodeMessageSet(bytes)).toEqual([{ ...message, magic: 1, timestampType: 0, compression: 0 }]);
  });

  it('holds the message kafkajs writes', () => {
    const encodeMessageV1 = require('kafkajs/src/protocol/message/v1');
    const encoded = encodeMessageV1({ key: message.key, value: message.value, timestamp: BASE_TIMESTAMP });
    expect(encoded.buffer.toString('hex')).toBe(bytes.subarray(12).toString('hex'));
  });
});
