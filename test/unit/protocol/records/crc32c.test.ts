// CRC-32C picks the JS table below NATIVE_MIN_BYTES and the native module above it: both sides of
// the threshold, and slices of a larger buffer, give the same checksum as the reference table.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { NATIVE_MIN_BYTES, crc32c } from '../../../../protocol/records/crc32c.js';
import { seededRandom } from '../../../helpers/seeded-random.js';

const require = createRequire(import.meta.url);
const reference = (data: Uint8Array): number => (require('crc-32/crc32c') as { buf: (d: Uint8Array) => number }).buf(data) >>> 0;

describe('crc32c', () => {
  it('gives the standard check value', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('agrees with the reference on both sides of the native threshold, whole and sliced', () => {
    const random = seededRandom(7);
    const buf = Buffer.alloc(4 * NATIVE_MIN_BYTES);
    for (let i = 0; i < buf.length; i++) buf[i] = Math.floor(random() * 256);
    for (const size of [0, 1, 63, NATIVE_MIN_BYTES - 1, NATIVE_MIN_BYTES, NATIVE_MIN_BYTES + 1, 3 * NATIVE_MIN_BYTES]) {
      expect(crc32c(buf.subarray(0, size))).toBe(reference(buf.subarray(0, size)));
      expect(crc32c(buf, 5, 5 + size)).toBe(reference(buf.subarray(5, 5 + size)));
    }
  });
});
