import { describe, expect, it } from 'vitest';
import { TimestampType } from '../../../../protocol/records/batch-header.js';
import { crc32c } from '../../../../protocol/records/crc32c.js';
import { RecordErrorKind } from '../../../../protocol/records/record-error.js';
import { checkedBatch, decodeRecordBatch, decodeRecordBatches, encodeRecordBatch, type RecordBatchInput } from '../../../../protocol/records/record-batch.js';
import { forEachRecordValue, type DecodedRecord, type RecordInput } from '../../../../protocol/records/record.js';
import { ALL_COMPRESSION_TYPES, GZIP, bytes, int, kafkajs, pick, prng, randomRecords, type Rand } from './support.js';

function expectRecords(decoded: DecodedRecord[], input: readonly RecordInput[], baseOffset: number): void {
  expect(decoded).toHaveLength(input.length);
  input.forEach((r, i) => {
    expect(decoded[i]!.offset).toBe(baseOffset + (r.offsetDelta ?? i));
    expect(decoded[i]!.timestamp).toBe(r.timestamp);
    expect(decoded[i]!.key).toEqual(r.key);
    expect(decoded[i]!.value).toEqual(r.value);
    expect(decoded[i]!.headers).toEqual(r.headers ?? []);
  });
}

/** The values of the batch's records, checked and walked as a metadata replay reads them. */
function batchValues(encoded: Buffer): Buffer[] {
  const batch = checkedBatch(encoded, 0);
  const values: Buffer[] = [];
  forEachRecordValue(batch.section, batch.start, batch.end, batch.recordCount, (b, start, end) => values.push(b.subarray(start, end)));
  return values;
}

function randomInput(rand: Rand): RecordBatchInput {
  return {
    baseOffset: int(rand, 0, 2 ** 40),
    partitionLeaderEpoch: int(rand, -1, 1000),
    compression: pick(rand, ALL_COMPRESSION_TYPES),
    isTransactional: rand() < 0.3,
    producerId: rand() < 0.5 ? int(rand, 0, 2 ** 45) : -1,
    producerEpoch: int(rand, -1, 32767),
    baseSequence: int(rand, -1, 2 ** 31 - 1),
    records: randomRecords(rand, int(rand, 1, 30)),
  };
}

describe('RecordBatch v2 round trip', () => {
  it('decodes what it encodes: random records, headers, null keys and values, every compression type (seeded)', () => {
    const rand = prng(0x5eed);
    for (let i = 0; i < 200; i++) {
      const input = randomInput(rand);
      const batch = decodeRecordBatch(encodeRecordBatch(input));
      expect(batch).toMatchObject({
        baseOffset: input.baseOffset,
        partitionLeaderEpoch: input.partitionLeaderEpoch,
        magic: 2,
        compression: input.compression,
        isTransactional: input.isTransactional,
        isControl: false,
        timestampType: TimestampType.CREATE_TIME,
        producerId: input.producerId,
        producerEpoch: input.producerEpoch,
        baseSequence: input.baseSequence,
        recordCount: input.records.length,
        lastOffsetDelta: input.records.length - 1,
        baseTimestamp: input.records[0]!.timestamp,
        maxTimestamp: Math.max(...input.records.map((r) => r.timestamp)),
      });
      expectRecords(batch.records, input.records, input.baseOffset!);
    }
  });

  it('hands out the same values without record objects, and refuses the same damaged batches (seeded)', () => {
    const rand = prng(0xba7c);
    for (let i = 0; i < 200; i++) {
      const encoded = encodeRecordBatch(randomInput(rand));
      const values = batchValues(encoded);
      expect(values).toEqual(decodeRecordBatch(encoded).records.flatMap((r) => (r.value === null ? [] : [r.value])));
      // A flipped byte past the CRC check (re-signed), or a batch cut short: both decoders refuse it.
      const damaged = Buffer.from(encoded);
      const at = int(rand, 61, damaged.length - 1);
      damaged[at] = damaged[at]! ^ (1 << int(rand, 0, 7));
      damaged.writeUInt32BE(crc32c(damaged, 21, damaged.length), 17);
      let full: unknown;
      try {
        decodeRecordBatch(damaged);
      } catch (err) {
        full = err;
      }
      if (full !== undefined) expect(() => batchValues(damaged)).toThrow();
      expect(() => batchValues(encoded.subarray(0, encoded.length - 1))).toThrow();
    }
  });

  it('keeps offset gaps and timestamp deltas beyond 32 bits', () => {
    const records: RecordInput[] = [
      { key: null, value: null, timestamp: 0, offsetDelta: 0 },
      { key: Buffer.from('k'), value: null, timestamp: 2 ** 40, offsetDelta: 7 },
      { key: null, value: Buffer.from('v'), timestamp: -(2 ** 35), offsetDelta: 300 },
    ];
    const batch = decodeRecordBatch(encodeRecordBatch({ baseOffset: 2 ** 50, records }));
    expect(batch.lastOffsetDelta).toBe(300);
    expect(batch.maxTimestamp).toBe(2 ** 40);
    expectRecords(batch.records, records, 2 ** 50);
  });

  it('reads every record of a LOG_APPEND_TIME batch at the append time', () => {
    const records = randomRecords(prng(3), 4);
    const buf = encodeRecordBatch({ timestampType: TimestampType.LOG_APPEND_TIME, logAppendTime: 42, records });
    const batch = decodeRecordBatch(buf);
    expect(batch.timestampType).toBe(TimestampType.LOG_APPEND_TIME);
    expect(batch.maxTimestamp).toBe(42);
    expect(batch.records.map((r) => r.timestamp)).toEqual([42, 42, 42, 42]);
  });

  it('encodes an empty batch with no timestamps', () => {
    const batch = decodeRecordBatch(encodeRecordBatch({ records: [] }));
    expect(batch).toMatchObject({ recordCount: 0, baseTimestamp: -1, maxTimestamp: -1, records: [] });
  });

  it('decodes several batches back to back, and batches at an offset in a larger buffer', () => {
    const rand = prng(5);
    const inputs = [randomInput(rand), randomInput(rand), randomInput(rand)];
    const buf = Buffer.concat(inputs.map((i) => encodeRecordBatch(i)));
    const batches = decodeRecordBatches(buf);
    expect(batches.map((b) => b.baseOffset)).toEqual(inputs.map((i) => i.baseOffset));
    batches.forEach((b, n) => expectRecords(b.records, inputs[n]!.records, inputs[n]!.baseOffset!));
  });

  it('refuses inflation past the cap, compressed bytes that do not inflate, and compression ids past zstd', () => {
    const corrupt = expect.objectContaining({ code: RecordErrorKind.CORRUPT });
    for (const compression of ALL_COMPRESSION_TYPES.filter((t) => t !== 0)) {
      const buf = encodeRecordBatch({ compression, records: [{ key: null, value: Buffer.alloc(10_000), timestamp: 1 }] });
      expect(() => decodeRecordBatch(buf, 0, { maxUncompressedBytes: 1000 })).toThrow(corrupt);
      const garbled = Buffer.from(buf);
      garbled.fill(0x5a, 61 + 4);
      garbled.writeUInt32BE(crc32c(garbled, 21, garbled.length), 17);
      expect(() => decodeRecordBatch(garbled)).toThrow(corrupt);
    }
    const unknown = encodeRecordBatch({ records: [{ key: null, value: null, timestamp: 1 }] });
    unknown.writeInt16BE(6, 21);
    unknown.writeUInt32BE(crc32c(unknown, 21, unknown.length), 17);
    expect(() => decodeRecordBatch(unknown)).toThrow(corrupt);
  });
});

function kafkajsHeaders(r: RecordInput): Record<string, Buffer[]> {
  const headers: Record<string, Buffer[]> = {};
  for (const h of r.headers ?? []) (headers[h.key] ??= []).push(h.value!);
  return headers;
}

/** Records kafkajs can encode: header values are never null there, and equal keys are grouped. */
function kafkajsFriendly(rand: Rand, count: number): RecordInput[] {
  return randomRecords(rand, count).map((r) => {
    const headers = (r.headers ?? []).map((h) => ({ key: h.key, value: h.value ?? Buffer.alloc(0) }));
    headers.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { ...r, headers };
  });
}

async function kafkajsEncode(input: RecordBatchInput): Promise<Buffer> {
  const records = input.records;
  const base = records[0]!.timestamp;
  const encoded = await kafkajs.RecordBatch({
    compression: input.compression ?? 0,
    firstOffset: input.baseOffset ?? 0,
    firstTimestamp: base,
    maxTimestamp: Math.max(...records.map((r) => r.timestamp)),
    partitionLeaderEpoch: input.partitionLeaderEpoch ?? 0,
    lastOffsetDelta: records.length - 1,
    transactional: input.isTransactional ?? false,
    producerId: input.producerId ?? -1,
    producerEpoch: input.producerEpoch ?? 0,
    firstSequence: input.baseSequence ?? 0,
    records: records.map((r, i) =>
      kafkajs.Record({ offsetDelta: i, timestampDelta: r.timestamp - base, key: r.key, value: r.value, headers: kafkajsHeaders(r) }),
    ),
  });
  return encoded.buffer;
}

describe('RecordBatch v2 against kafkajs', () => {
  it('decodes batches kafkajs encodes, plain and gzip (seeded)', async () => {
    const rand = prng(0xca7);
    for (let i = 0; i < 60; i++) {
      const input: RecordBatchInput = { ...randomInput(rand), compression: pick(rand, [0, GZIP]), records: kafkajsFriendly(rand, int(rand, 1, 20)) };
      const batch = decodeRecordBatch(await kafkajsEncode(input));
      expect(batch).toMatchObject({ baseOffset: input.baseOffset, compression: input.compression, producerId: input.producerId });
      expectRecords(batch.records, input.records, input.baseOffset!);
    }
  });

  it('writes byte for byte what kafkajs writes for an uncompressed batch', async () => {
    const rand = prng(0xb17e);
    for (let i = 0; i < 30; i++) {
      const input: RecordBatchInput = { ...randomInput(rand), compression: 0, records: kafkajsFriendly(rand, int(rand, 1, 20)) };
      expect(encodeRecordBatch(input).equals(await kafkajsEncode(input))).toBe(true);
    }
  });

  it('encodes batches kafkajs decodes, plain and gzip (seeded)', async () => {
    const rand = prng(0xd0c);
    for (let i = 0; i < 60; i++) {
      const input: RecordBatchInput = { ...randomInput(rand), compression: pick(rand, [0, GZIP]), records: kafkajsFriendly(rand, int(rand, 1, 20)) };
      const decoded = await kafkajs.decodeRecordBatch(new kafkajs.Decoder(encodeRecordBatch(input)));
      expect(decoded.firstOffset).toBe(String(input.baseOffset));
      expect(decoded.inTransaction).toBe(input.isTransactional);
      expect(decoded.producerId).toBe(String(input.producerId));
      expect(decoded.records).toHaveLength(input.records.length);
      decoded.records.forEach((r, n) => {
        const want = input.records[n]!;
        expect(r.offset).toBe(String(input.baseOffset! + n));
        expect(r.timestamp).toBe(String(want.timestamp));
        expect(r.key).toEqual(want.key);
        expect(r.value).toEqual(want.value);
        expect(r.headers).toEqual(Object.fromEntries(Object.entries(kafkajsHeaders(want)).map(([k, v]) => [k, v.length === 1 ? v[0] : v])));
      });
    }
  });

  it('keeps record keys and values as views into the batch, not copies', () => {
    const value = bytes(prng(9), 64);
    const buf = encodeRecordBatch({ records: [{ key: null, value, timestamp: 1 }] });
    expect(decodeRecordBatch(buf).records[0]!.value!.buffer).toBe(buf.buffer);
  });
});
