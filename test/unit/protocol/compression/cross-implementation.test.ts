// Each codec against other implementations (test/golden/compression/README.md says how the
// fixtures were made): it decodes their bytes, and they decode ours.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compress, CompressionType, decompress } from '../../../../protocol/compression/index.js';

const GOLDEN = join(import.meta.dirname, '../../../golden/compression');
const MAX_BYTES = 1024 * 1024;

function golden(path: string): Buffer {
  return readFileSync(join(GOLDEN, path));
}

const text = golden('inputs/text.json');
const random = golden('inputs/random.bin');

interface KafkaJsGzip {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}
const kafkaJsGzip = createRequire(import.meta.url)('kafkajs/src/protocol/message/compression/gzip') as KafkaJsGzip;

describe('decoding what other implementations wrote', () => {
  const cases: [string, CompressionType, Buffer][] = [
    ['gzip/text.json.gz', CompressionType.GZIP, text],
    ['gzip/text.json.2members.gz', CompressionType.GZIP, text],
    ['snappy/text.json.snappy', CompressionType.SNAPPY, text],
    ['snappy/text.json.xerial', CompressionType.SNAPPY, text],
    ['snappy/random.bin.xerial', CompressionType.SNAPPY, random],
    ['lz4/text.json.lz4', CompressionType.LZ4, text],
    ['lz4/text.json.checksums.lz4', CompressionType.LZ4, text],
    ['lz4/random.bin.lz4', CompressionType.LZ4, random],
    ['lz4/text.json.cli.lz4', CompressionType.LZ4, text],
    ['zstd/text.json.zst', CompressionType.ZSTD, text],
    ['zstd/text.json.stream.zst', CompressionType.ZSTD, text],
    ['zstd/text.json.cli.zst', CompressionType.ZSTD, text],
    ['zstd/text.json.multi.zst', CompressionType.ZSTD, text],
  ];
  it.each(cases)('%s', (path, type, expected) => {
    expect(decompress(type, golden(path), MAX_BYTES).equals(expected)).toBe(true);
  });

  it('kafkajs gzip output', async () => {
    const packed = await kafkaJsGzip.compress({ buffer: text });
    expect(decompress(CompressionType.GZIP, packed, MAX_BYTES).equals(text)).toBe(true);
  });

  it('refuses linked lz4 blocks, as Kafka does', () => {
    expect(() => decompress(CompressionType.LZ4, golden('lz4/text.json.linked.lz4'), MAX_BYTES)).toThrow(
      expect.objectContaining({ code: 'KRAFTLING_COMPRESSION_UNSUPPORTED' }),
    );
  });
});

describe('our output, read by other implementations', () => {
  // ours/ was checked with python-lz4, the lz4 CLI and python-snappy when recorded (generate.py
  // --verify); pinning the bytes keeps that check true for what we write today.
  it.each([
    ['text.json', text],
    ['random.bin', random],
  ])('lz4 and xerial snappy of %s are the recorded, verified bytes', (name, input) => {
    expect(compress(CompressionType.LZ4, input).equals(golden(`ours/${name}.lz4`))).toBe(true);
    expect(compress(CompressionType.SNAPPY, input).equals(golden(`ours/${name}.xerial`))).toBe(true);
  });

  it('snappy output carries the xerial header the Java producer writes', () => {
    const header = compress(CompressionType.SNAPPY, text).subarray(0, 16);
    expect(header.toString('hex')).toBe('82534e4150505900' + '00000001' + '00000001');
  });

  it('kafkajs reads our gzip', async () => {
    expect((await kafkaJsGzip.decompress(compress(CompressionType.GZIP, text))).equals(text)).toBe(true);
  });

  it('zstd: the libzstd (wasm) compressor output is read by fzstd, an independent decoder', () => {
    // Also checked once against python-zstandard and the zstd CLI (README.md).
    const packed = compress(CompressionType.ZSTD, text);
    expect(packed.readUInt32LE(0)).toBe(0xfd2fb528);
    expect(decompress(CompressionType.ZSTD, packed, MAX_BYTES).equals(text)).toBe(true);
  });
});
