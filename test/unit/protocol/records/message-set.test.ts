import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../../protocol/primitives/reader.js';
import { TimestampType } from '../../../../protocol/records/batch-header.js';
import { decodeMessageSet, encodeMessageSet, type LegacyMagic, type LegacyMessageInput } from '../../../../protocol/records/message-set.js';
import { RecordError, RecordErrorKind } from '../../../../protocol/records/record-error.js';
import { compress } from '../../../../protocol/compression/index.js';
import { GZIP, LEGACY_COMPRESSION_TYPES, bytes, int, kafkajs, prng, type Rand } from './support.js';
const invalid = expect.objectContaining({ code: RecordErrorKind.INVALID });

function randomMessages(rand: Rand, count: number, firstOffset: number): LegacyMessageInput[] {
  return Array.from({ length: count }, (_, i) => ({
    offset: firstOffset + i,
    timestamp: 1_600_000_000_000 + int(rand, 0, 10_000),
    key: rand() < 0.3 ? null : bytes(rand, int(rand, 0, 30)),
    value: rand() < 0.1 ? null : bytes(rand, int(rand, 0, 200)),
  }));
}

/** One entry built by hand, so tests can write what the encoder never would. */
function rawEntry(offset: number, magic: number, attributes: number, timestamp: number, key: Buffer | null, value: Buffer | null): Buffer {
  const field = (b: Buffer | null) => {
    const len = Buffer.alloc(4);
    len.writeInt32BE(b === null ? -1 : b.length);
    return b === null ? len : Buffer.concat([len, b]);
  };
  const ts = Buffer.alloc(8);
  ts.writeBigInt64BE(BigInt(timestamp));
  const body = Buffer.concat([Buffer.from([magic, attributes]), magic === 1 ? ts : Buffer.alloc(0), field(key), field(value)]);
  const head = Buffer.alloc(16);
  head.writeBigInt64BE(BigInt(offset), 0);
  head.writeInt32BE(body.length + 4, 8);
  head.writeUInt32BE(crc32(body), 12);
  return Buffer.concat([head, body]);
}

describe('legacy message sets against kafkajs', () => {
  for (const magic of [0, 1] as LegacyMagic[]) {
    it(`decodes kafkajs's magic ${magic} sets, plain and gzip`, async () => {
      const rand = prng(40 + magic);
      const entries = randomMessages(rand, 6, 0);
      const plain = decodeMessageSet(kafkajs.MessageSet({ messageVersion: magic, compression: 0, entries }).buffer);
      expect(plain.map((m) => m.offset)).toEqual(entries.map(() => -1));
      const inner = kafkajs.MessageSet({ messageVersion: magic, compression: GZIP, entries });
      const value = await kafkajs.gzip.compress(inner);
      const wrapped = kafkajs.MessageSet({ messageVersion: magic, entries: [{ compression: GZIP, timestamp: 7, value }] });
      const unwrapped = decodeMessageSet(wrapped.buffer);
      expect(unwrapped.map((m) => m.offset)).toEqual(entries.map((_, i) => i));
      for (const decoded of [plain, unwrapped]) {
        expect(decoded.map((m) => [m.key, m.value])).toEqual(entries.map((e) => [e.key, e.value]));
        expect(decoded.map((m) => m.timestamp)).toEqual(entries.map((e) => (magic === 1 ? e.timestamp : -1)));
        expect(decoded.every((m) => m.magic === magic)).toBe(true);
      }
      expect(unwrapped.every((m) => m.compression === GZIP)).toBe(true);
    });

    it(`encodes magic ${magic} sets kafkajs decodes, plain and gzip`, async () => {
      const rand = prng(50 + magic);
      for (const compression of [0, GZIP]) {
        const entries = randomMessages(rand, 5, 1000);
        const buf = encodeMessageSet(entries, { magic, compression });
        const decoded = await kafkajs.decodeMessageSet(new kafkajs.Decoder(buf), buf.length);
        expect(decoded.map((m) => m.offset)).toEqual(entries.map((e) => String(e.offset)));
        expect(decoded.map((m) => [m.key, m.value])).toEqual(entries.map((e) => [e.key, e.value]));
        if (magic === 1) expect(decoded.map((m) => m.timestamp)).toEqual(entries.map((e) => String(e.timestamp)));
        expect(decodeMessageSet(buf).map((m) => m.offset)).toEqual(entries.map((e) => e.offset));
      }
    });
  }
});

describe('legacy message sets', () => {
  it('round-trips through every compression type magic 0 and 1 know (seeded)', () => {
    const rand = prng(77);
    for (const magic of [0, 1] as LegacyMagic[]) {
      for (const compression of LEGACY_COMPRESSION_TYPES) {
        const entries = randomMessages(rand, int(rand, 1, 8), int(rand, 0, 1000));
        const decoded = decodeMessageSet(encodeMessageSet(entries, { magic, compression }));
        expect(decoded.map((m) => [m.offset, m.key, m.value, m.compression])).toEqual(entries.map((e) => [e.offset, e.key, e.value, compression]));
        expect(decoded.map((m) => m.timestamp)).toEqual(entries.map((e) => (magic === 1 ? e.timestamp : -1)));
      }
    }
  });

  it('makes v1 relative inner offsets absolute from the wrapper, keeping gaps', () => {
    const entries = [0, 3, 9].map((o) => ({ offset: 500 + o, timestamp: o, key: null, value: Buffer.from([o]) }));
    const buf = encodeMessageSet(entries, { magic: 1, compression: GZIP });
    expect(buf.readBigInt64BE(0)).toBe(509n);
    expect(decodeMessageSet(buf).map((m) => m.offset)).toEqual([500, 503, 509]);
  });

  it('stamps log-append time on every message, inside wrappers too', () => {
    const entries = randomMessages(prng(6), 3, 0);
    for (const compression of [0, GZIP]) {
      const buf = encodeMessageSet(entries, { magic: 1, compression, timestampType: TimestampType.LOG_APPEND_TIME, logAppendTime: 77 });
      const decoded = decodeMessageSet(buf);
      expect(decoded.map((m) => [m.timestamp, m.timestampType])).toEqual(entries.map(() => [77, TimestampType.LOG_APPEND_TIME]));
    }
  });

  it('takes a wrapper of log-append time over the inner timestamps', () => {
    const inner = compress(GZIP, Buffer.concat([rawEntry(0, 1, 0, 5, null, Buffer.from('a')), rawEntry(1, 1, 0, 6, null, Buffer.from('b'))]));
    const decoded = decodeMessageSet(rawEntry(41, 1, GZIP | 0x08, 1000, null, inner));
    expect(decoded.map((m) => [m.offset, m.timestamp])).toEqual([
      [40, 1000],
      [41, 1000],
    ]);
  });

  it('rejects what Kafka rejects inside compressed wrappers', () => {
    const plain = rawEntry(0, 1, 0, 1, null, Buffer.from('x'));
    const wrap = (inner: Buffer, attributes = GZIP, offset = 0, magic = 1) =>
      rawEntry(offset, magic, attributes, 1, null, compress(GZIP, inner));
    expect(() => decodeMessageSet(wrap(wrap(plain)))).toThrow(invalid);
    expect(() => decodeMessageSet(wrap(rawEntry(0, 0, 0, 0, null, null)))).toThrow(invalid);
    expect(() => decodeMessageSet(wrap(Buffer.alloc(0)))).toThrow(invalid);
    expect(() => decodeMessageSet(rawEntry(0, 1, GZIP, 1, null, null))).toThrow(invalid);
    expect(() => decodeMessageSet(rawEntry(0, 1, 4, 1, null, Buffer.from('z')))).toThrow(invalid);
    const twoInner = Buffer.concat([plain, rawEntry(5, 1, 0, 1, null, null)]);
    expect(() => decodeMessageSet(wrap(twoInner, GZIP, 3))).toThrow(invalid);
  });

  it('rejects a bad CRC, a record batch in the set, and trailing bytes in a message', () => {
    const good = rawEntry(0, 1, 0, 1, Buffer.from('k'), Buffer.from('v'));
    const flipped = Buffer.from(good);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => decodeMessageSet(flipped)).toThrow(expect.objectContaining({ code: RecordErrorKind.CORRUPT }));
    const v2 = Buffer.from(good);
    v2[16] = 2;
    expect(() => decodeMessageSet(v2)).toThrow(invalid);
    const padded = rawEntry(0, 0, 0, 0, null, null);
    const longer = Buffer.concat([padded, Buffer.from([0])]);
    longer.writeInt32BE(longer.readInt32BE(8) + 1, 8);
    longer.writeUInt32BE(crc32(longer.subarray(16)), 12);
    expect(() => decodeMessageSet(longer)).toThrow(expect.objectContaining({ code: RecordErrorKind.CORRUPT }));
  });

  it('throws a typed error for every truncation that is not at an entry boundary', () => {
    const entries = randomMessages(prng(8), 4, 0).map((m) => encodeMessageSet([m], { magic: 1 }));
    const boundaries = new Set(entries.map((_, i) => Buffer.concat(entries.slice(0, i + 1)).length));
    const buf = Buffer.concat(entries);
    for (let n = 1; n < buf.length; n++) {
      if (boundaries.has(n)) {
        expect(decodeMessageSet(buf.subarray(0, n)).length).toBeLessThan(entries.length);
        continue;
      }
      expect(() => decodeMessageSet(buf.subarray(0, n))).toThrow(
        expect.toSatisfy((e: unknown) => e instanceof RecordError || e instanceof DecodeError),
      );
    }
  });

  it('cannot write zstd into a legacy set', () => {
    expect(() => encodeMessageSet(randomMessages(prng(1), 1, 0), { magic: 1, compression: 4 })).toThrow(
      expect.objectContaining({ code: RecordErrorKind.UNSUPPORTED_COMPRESSION }),
    );
  });
});
