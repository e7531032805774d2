// Bytes from the network: truncated, corrupted or crafted input gives a CompressionError (or, where
// the format cannot tell, plausible output) and never another exception; output never passes maxBytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compress, CompressionError, CompressionType, compressionTypeOf, decompress } from '../../../../protocol/compression/index.js';
import { xxhash32 } from '../../../../protocol/compression/xxhash32.js';
import { Prng } from '../codec/helpers/prng.js';

const GOLDEN = join(import.meta.dirname, '../../../golden/compression');
const MIB = 1024 * 1024;
const text = readFileSync(join(GOLDEN, 'inputs/text.json'));

type Outcome = Buffer | CompressionError;

function outcome(type: number, data: Buffer, maxBytes = MIB): Outcome {
  try {
    return decompress(type, data, maxBytes);
  } catch (e) {
    if (e instanceof CompressionError) return e;
    throw e;
  }
}

function expectCode(type: number, data: Buffer, code: CompressionError['code'], maxBytes = MIB): void {
  const result = outcome(type, data, maxBytes);
  expect(result instanceof CompressionError ? result.code : `decoded ${result.length} bytes`).toBe(code);
}

/** Every prefix length up to 512, then a spread of longer ones. */
function prefixLengths(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i += i < 512 ? 1 : 97) out.push(i);
  return out;
}

// Formats with an end marker or trailer: every proper prefix is an error.
const TERMINATED: [string, CompressionType][] = [
  ['gzip/text.json.gz', CompressionType.GZIP],
  ['snappy/text.json.snappy', CompressionType.SNAPPY],
  ['lz4/text.json.lz4', CompressionType.LZ4],
  ['lz4/text.json.checksums.lz4', CompressionType.LZ4],
  ['zstd/text.json.zst', CompressionType.ZSTD],
  ['zstd/text.json.stream.zst', CompressionType.ZSTD],
];

describe('truncated input', () => {
  it.each(TERMINATED)('%s: every prefix is CORRUPT', (path, type) => {
    const full = readFileSync(join(GOLDEN, path));
    for (const n of prefixLengths(full.length)) expectCode(type, full.subarray(0, n), 'KRAFTLING_COMPRESSION_CORRUPT');
  });

  it('xerial snappy: a prefix is CORRUPT unless it ends on a block boundary', () => {
    // The framing has no end marker (snappy-java cannot tell either); the batch CRC covers this.
    const full = readFileSync(join(GOLDEN, 'snappy/text.json.xerial'));
    for (const n of prefixLengths(full.length)) {
      const result = outcome(CompressionType.SNAPPY, full.subarray(0, n));
      if (result instanceof CompressionError) expect(result.code).toBe('KRAFTLING_COMPRESSION_CORRUPT');
      else expect(text.subarray(0, result.length).equals(result)).toBe(true);
    }
  });
});

describe('corrupted input', () => {
  const fixtures: [string, CompressionType][] = [
    ...TERMINATED,
    ['gzip/text.json.2members.gz', CompressionType.GZIP],
    ['snappy/text.json.xerial', CompressionType.SNAPPY],
    ['lz4/text.json.cli.lz4', CompressionType.LZ4],
    ['zstd/text.json.cli.zst', CompressionType.ZSTD],
    ['zstd/text.json.multi.zst', CompressionType.ZSTD],
  ];
  it.each(fixtures)('%s: flipped bits and overwritten bytes never escape as other errors', (path, type) => {
    const full = readFileSync(join(GOLDEN, path));
    const rng = new Prng(path.length * 7919);
    for (let i = 0; i < 300; i++) {
      const bad = Buffer.from(full);
      // Mostly near the front, where headers and tables are.
      const at = rng.chance(0.5) ? rng.below(Math.min(64, bad.length)) : rng.below(bad.length);
      if (rng.chance(0.5)) bad[at] ^= 1 << rng.below(8);
      else bad[at] = rng.below(256);
      const result = outcome(type, bad);
      if (!(result instanceof CompressionError)) expect(result.length).toBeLessThanOrEqual(MIB);
    }
  });

  it.each(Object.values(CompressionType))('codec %i: random garbage never escapes as other errors', (type) => {
    const rng = new Prng(type + 100);
    for (let i = 0; i < 300; i++) outcome(type, rng.bytes(rng.below(300)));
  });

  it('checksums are verified: lz4 content and block checksums', () => {
    const full = readFileSync(join(GOLDEN, 'lz4/text.json.checksums.lz4'));
    const badContent = Buffer.from(full);
    badContent[badContent.length - 1] ^= 1;
    expectCode(CompressionType.LZ4, badContent, 'KRAFTLING_COMPRESSION_CORRUPT');
    const badBlock = Buffer.from(full);
    badBlock[20] ^= 1; // inside the first block's data; its block checksum fails first
    expect((outcome(CompressionType.LZ4, badBlock) as CompressionError).message).toMatch(/block checksum/);
  });

  it('raw snappy that runs longer than it declares', () => {
    // Declares 4 bytes, then a 5-byte literal: snappyjs would truncate silently.
    expectCode(CompressionType.SNAPPY, Buffer.from([4, 4 << 2, 1, 2, 3, 4, 5]), 'KRAFTLING_COMPRESSION_CORRUPT');
  });
});

/** An lz4 frame header with a correct checksum. */
function lz4Header(flags: number, bd: number, contentBytes?: bigint): Buffer {
  const size = contentBytes === undefined ? Buffer.alloc(0) : Buffer.alloc(8);
  if (contentBytes !== undefined) size.writeBigUInt64LE(contentBytes);
  const descriptor = Buffer.concat([Buffer.from([flags, bd]), size]);
  const magic = Buffer.from([0x04, 0x22, 0x4d, 0x18]);
  return Buffer.concat([magic, descriptor, Buffer.from([(xxhash32(descriptor) >>> 8) & 0xff])]);
}

describe('decompression bombs stop at maxBytes', () => {
  const zeros = Buffer.alloc(16 * MIB);

  it.each([CompressionType.GZIP, CompressionType.SNAPPY, CompressionType.LZ4, CompressionType.ZSTD])(
    'codec %i: 16 MiB of zeros with maxBytes 1 MiB',
    (type) => {
      expectCode(type, compress(type, zeros), 'KRAFTLING_COMPRESSION_TOO_LARGE');
    },
  );

  it('gzip: the limit holds inside one member', () => {
    expectCode(CompressionType.GZIP, gzipSync(zeros.subarray(0, 2 * MIB)), 'KRAFTLING_COMPRESSION_TOO_LARGE', MIB);
  });

  it('raw snappy declaring 4 GiB is refused before allocating', () => {
    expectCode(CompressionType.SNAPPY, Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0]), 'KRAFTLING_COMPRESSION_TOO_LARGE');
  });

  it('lz4 frame declaring a 1 TiB content size is refused before allocating', () => {
    const frame = Buffer.concat([lz4Header(0x68, 0x40, 1n << 40n), Buffer.alloc(4)]);
    expectCode(CompressionType.LZ4, frame, 'KRAFTLING_COMPRESSION_TOO_LARGE');
  });

  it('zstd single-segment frame declaring 1 TiB is refused before allocating', () => {
    const fcs = Buffer.alloc(8);
    fcs.writeBigUInt64LE(1n << 40n);
    const frame = Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0xe0]), fcs, Buffer.from([1, 0, 0])]);
    expectCode(CompressionType.ZSTD, frame, 'KRAFTLING_COMPRESSION_TOO_LARGE');
  });

  it('zstd frame of RLE blocks (4 bytes in, 128 KiB out each)', () => {
    const rle = (last: number) => {
      const block = Buffer.from([0, 0, 0, 0x61]);
      block.writeUIntLE(((128 * 1024) << 3) | (1 << 1) | last, 0, 3); // size, type RLE, last flag
      return block;
    };
    const header = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 7 << 3]); // window 128 KiB
    const blocks = Array.from({ length: 1000 }, (_, i) => rle(i === 999 ? 1 : 0));
    expectCode(CompressionType.ZSTD, Buffer.concat([header, ...blocks]), 'KRAFTLING_COMPRESSION_TOO_LARGE');
  });

  it('uncompressed data longer than maxBytes', () => {
    expectCode(CompressionType.NONE, Buffer.alloc(10), 'KRAFTLING_COMPRESSION_TOO_LARGE', 9);
  });
});

describe('what Kafka does not define', () => {
  it.each([5, 6, 7, -1, 1.5])('codec id %d is UNSUPPORTED', (type) => {
    expectCode(type, Buffer.from('x'), 'KRAFTLING_COMPRESSION_UNSUPPORTED');
    expect(() => compress(type, Buffer.from('x'))).toThrow(CompressionError);
  });

  it('compressionTypeOf reads the low three bits of the attributes', () => {
    expect(compressionTypeOf(0x0014)).toBe(CompressionType.ZSTD); // transactional + zstd
    expect(() => compressionTypeOf(0x0005)).toThrow(expect.objectContaining({ code: 'KRAFTLING_COMPRESSION_UNSUPPORTED' }));
  });

  it('zstd frames with a dictionary are UNSUPPORTED', () => {
    const frame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x01, 7 << 3, 0x2a, 1, 0, 0]); // dictionary id 42
    expectCode(CompressionType.ZSTD, frame, 'KRAFTLING_COMPRESSION_UNSUPPORTED');
  });
});

describe('zstd windows', () => {
  it('a frame declaring a 2 TiB window still decodes, in memory bounded by its output', () => {
    // fzstd alone would try to allocate the declared window; we lower it to the output bound first.
    const packed = compress(CompressionType.ZSTD, text);
    expect(packed[4]! & 0x20).toBe(0); // has a window descriptor
    packed[5] = 31 << 3;
    expect(decompress(CompressionType.ZSTD, packed, MIB).equals(text)).toBe(true);
  });
});
