// compress -> decompress gives back the input, for every codec, at the sizes where codecs change
// behaviour: empty, one byte, around the 32 KiB (xerial) and 64 KiB (lz4) block sizes, and 4 MiB.
import { describe, expect, it } from 'vitest';
import { compress, CompressionType, compressionTypeName, decompress } from '../../../../protocol/compression/index.js';
import { Prng } from '../codec/helpers/prng.js';

const KIB = 1024;
const SIZES = [0, 1, 2, 13, 100, 32 * KIB, 32 * KIB + 1, 64 * KIB - 1, 64 * KIB, 64 * KIB + 1, 200 * KIB, 4 * KIB * KIB];
const TYPES = Object.values(CompressionType);

/** Bytes that compress like record batches: JSON-ish lines with repeats at varying distances. */
function textLike(rng: Prng, n: number): Buffer {
  const words = ['"orderId":', '"customer":"c-', '"status":"PAID"', '"qty":', '{', '}', ',', '\n', '"ts":17180'];
  const parts: string[] = [];
  let size = 0;
  while (size < n) {
    const w = rng.chance(0.3) ? String(rng.below(100000)) : rng.pick(words);
    parts.push(w);
    size += w.length;
  }
  return Buffer.from(parts.join('')).subarray(0, n);
}

const KINDS: Record<string, (rng: Prng, n: number) => Buffer> = {
  random: (rng, n) => rng.bytes(n),
  text: textLike,
  zeros: (_rng, n) => Buffer.alloc(n),
};

describe.each(TYPES)('codec %i round trip', (type) => {
  for (const [kind, make] of Object.entries(KINDS)) {
    for (const size of SIZES) {
      it(`${compressionTypeName(type)} ${kind} ${size} bytes`, () => {
        const data = make(new Prng(size + 1), size);
        const packed = compress(type, data);
        expect(decompress(type, packed, size).equals(data)).toBe(true);
      });
    }
  }

  it(`${compressionTypeName(type)} output decompresses inside a larger buffer`, () => {
    // Callers pass subarrays of a request frame: offsets inside the backing store must not matter.
    const data = textLike(new Prng(7), 70 * KIB);
    const packed = compress(type, data);
    const framed = Buffer.concat([Buffer.from('header'), packed, Buffer.from('trailer')]);
    const view = framed.subarray(6, 6 + packed.length);
    expect(decompress(type, view, data.length).equals(data)).toBe(true);
  });
});
