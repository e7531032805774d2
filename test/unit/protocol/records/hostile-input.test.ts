// Every decoder fed random, truncated and mutated bytes throws only DecodeError or RecordError.
// Mutations are also re-checksummed, so they get past the CRC into the record parsers. Seeded, so a
// failure replays exactly.
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../../protocol/primitives/reader.js';
import { validateRecordBatches } from '../../../../protocol/records/batch-validation.js';
import { readControlRecordType, readEndTxnMarker } from '../../../../protocol/records/control-record.js';
import { downConvertRecordBatches, upConvertMessageSet } from '../../../../protocol/records/conversion.js';
import { crc32c } from '../../../../protocol/records/crc32c.js';
import { decodeMessageSet, encodeMessageSet } from '../../../../protocol/records/message-set.js';
import { decodeRecordBatch, decodeRecordBatches, encodeRecordBatch } from '../../../../protocol/records/record-batch.js';
import { RecordError, RecordErrorKind } from '../../../../protocol/records/record-error.js';
import { decodeRecords } from '../../../../protocol/records/record.js';
import { decompress } from '../../../../protocol/compression/index.js';
import { ALL_COMPRESSION_TYPES, LEGACY_COMPRESSION_TYPES, bytes, int, pick, prng, randomRecords, type Rand } from './support.js';

const SEED = 0x0badf00d;
const ROUNDS = 1500;
const limits = { maxUncompressedBytes: 1 << 20 };

function onlyTyped(decode: () => unknown, input: Buffer): void {
  try {
    decode();
  } catch (err) {
    if (err instanceof DecodeError || err instanceof RecordError) return;
    throw new Error(`untyped ${String(err)} for input ${input.toString('hex')}`, { cause: err });
  }
}

/** Re-seals the first batch, when its declared length still fits, so the mutation reaches the parser. */
function resealBatch(buf: Buffer): void {
  if (buf.length < 61) return;
  const size = 12 + buf.readInt32BE(8);
  if (size >= 21 && size <= buf.length) buf.writeUInt32BE(crc32c(buf, 21, size), 17);
}

/** Re-seals every top-level legacy entry that still fits. */
function resealMessages(buf: Buffer): void {
  for (let pos = 0; pos + 16 < buf.length; ) {
    const size = buf.readInt32BE(pos + 8);
    if (size < 5 || pos + 12 + size > buf.length) return;
    buf.writeUInt32BE(crc32(buf.subarray(pos + 16, pos + 12 + size)), pos + 12);
    pos += 12 + size;
  }
}

function mutate(rand: Rand, good: Buffer): Buffer {
  const buf = Buffer.from(good);
  const flips = int(rand, 1, 4);
  for (let i = 0; i < flips; i++) buf[int(rand, 0, buf.length - 1)] = int(rand, 0, 255);
  return buf;
}

/** Random, truncated, mutated, and mutated-then-resealed variants of a valid input. */
function variants(rand: Rand, good: Buffer, reseal: (b: Buffer) => void): Buffer[] {
  const resealed = mutate(rand, good);
  reseal(resealed);
  return [bytes(rand, int(rand, 0, 120)), good.subarray(0, int(rand, 0, good.length - 1)), mutate(rand, good), resealed];
}

function sampleBatch(rand: Rand): Buffer {
  const compression = pick(rand, ALL_COMPRESSION_TYPES);
  return encodeRecordBatch({ compression, producerId: 1, baseSequence: 0, records: randomRecords(rand, int(rand, 1, 4)) });
}

function sampleMessageSet(rand: Rand): Buffer {
  const messages = randomRecords(rand, int(rand, 1, 3)).map((r, i) => ({ ...r, offset: i }));
  const magic = rand() < 0.5 ? 0 : 1;
  return encodeMessageSet(messages, { magic, compression: pick(rand, LEGACY_COMPRESSION_TYPES) });
}

describe('hostile input', () => {
  it(`RecordBatch decoders and the validator throw only typed errors (seed ${SEED})`, () => {
    const rand = prng(SEED);
    for (let i = 0; i < ROUNDS; i++) {
      for (const input of variants(rand, sampleBatch(rand), resealBatch)) {
        onlyTyped(() => decodeRecordBatches(input, limits), input);
        onlyTyped(() => validateRecordBatches(input), input);
        onlyTyped(() => validateRecordBatches(input, { origin: 'replication' }), input);
        onlyTyped(() => downConvertRecordBatches(input, 1, limits), input);
      }
    }
  });

  it(`legacy decoders throw only typed errors (seed ${SEED})`, () => {
    const rand = prng(SEED + 1);
    for (let i = 0; i < ROUNDS; i++) {
      for (const input of variants(rand, sampleMessageSet(rand), resealMessages)) {
        onlyTyped(() => decodeMessageSet(input, limits), input);
        onlyTyped(() => upConvertMessageSet(input, limits), input);
      }
    }
  });

  it(`the record parser behind the CRC throws only typed errors (seed ${SEED})`, () => {
    const rand = prng(SEED + 2);
    for (let i = 0; i < ROUNDS; i++) {
      const batch = sampleBatch(rand);
      const section = decompress(batch[22]! & 7, batch.subarray(61), 1 << 20);
      const count = batch.readInt32BE(57);
      for (const input of [mutate(rand, section), section.subarray(0, int(rand, 0, section.length - 1)), bytes(rand, 40)]) {
        const declared = rand() < 0.8 ? count : int(rand, -2, 2 ** 31 - 1);
        onlyTyped(() => decodeRecords(input, 0, input.length, declared, { baseOffset: 0, baseTimestamp: 0, logAppendTime: null }), input);
      }
    }
  });

  it(`control record readers throw only typed errors (seed ${SEED})`, () => {
    const rand = prng(SEED + 3);
    for (let i = 0; i < ROUNDS; i++) {
      const key = rand() < 0.1 ? null : bytes(rand, int(rand, 0, 6));
      const value = rand() < 0.1 ? null : bytes(rand, int(rand, 0, 8));
      onlyTyped(() => readControlRecordType(key), key ?? Buffer.alloc(0));
      onlyTyped(() => readEndTxnMarker({ key, value }), value ?? Buffer.alloc(0));
    }
  });
});

describe('limits on hostile counts and lengths', () => {
  const one = encodeRecordBatch({ records: [{ key: null, value: Buffer.from('v'), timestamp: 1 }] });

  it('refuses a record count the bytes cannot hold before allocating for it', () => {
    const buf = Buffer.from(one);
    buf.writeInt32BE(2 ** 31 - 1, 57);
    resealBatch(buf);
    expect(() => decodeRecordBatch(buf)).toThrow(expect.objectContaining({ code: RecordErrorKind.CORRUPT }));
  });

  it('refuses a header count the record cannot hold', () => {
    const buf = Buffer.from(one);
    // The single record ends with its header count (0): make it a huge varint-sized claim.
    buf[buf.length - 1] = 0x7e;
    resealBatch(buf);
    expect(() => decodeRecordBatch(buf)).toThrow(expect.objectContaining({ code: RecordErrorKind.CORRUPT }));
  });

  it('never reads a record past the end of its batch into the next one', () => {
    const buf = Buffer.concat([one, one]);
    buf[61] = buf[61]! + 20; // the record's length varint: now reaches into the second batch
    resealBatch(buf);
    expect(() => decodeRecordBatch(buf, 0)).toThrow(DecodeError);
  });
});
