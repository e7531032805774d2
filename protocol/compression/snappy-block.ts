// Raw snappy decoding: varint uncompressed length, then literal and copy elements. Our own
// decoder rather than snappyjs's because that one lets writes past the declared length and
// out-of-range offsets pass silently; here every element is checked and the output must come
// out exactly as long as declared.
import { corrupt, tooLarge } from './errors.js';

const TAG_LITERAL = 0;
const TAG_COPY_1 = 1;
const TAG_COPY_2 = 2;
/** Copies shorter than this are done byte by byte: cheaper than a native call. */
const SHORT_COPY = 32;

function readLength(src: Uint8Array, start: number, end: number): [number, number] {
  let value = 0;
  for (let i = 0, pos = start; i < 5; i++, pos++) {
    if (pos >= end) break;
    const b = src[pos]!;
    value += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) {
      if (value > 0xffffffff) break;
      return [value, pos + 1];
    }
  }
  throw corrupt('snappy length varint is malformed');
}

/** Little-endian unsigned integer of n (1..4) bytes. */
function readLE(src: Uint8Array, pos: number, n: number): number {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + src[pos + i]!;
  return v;
}

/**
 * Decodes the raw snappy block src[start, end). `producedBytes` have come out of earlier blocks;
 * a block that would take the total past maxBytes is refused before anything is allocated.
 */
export function decompressSnappyBlock(src: Uint8Array, start: number, end: number, maxBytes: number, producedBytes = 0): Buffer {
  const [length, first] = readLength(src, start, end);
  if (length > maxBytes - producedBytes) throw tooLarge(maxBytes);
  const out = Buffer.allocUnsafe(length);
  let sp = first;
  let dp = 0;
  while (sp < end) {
    const tag = src[sp++]!;
    const kind = tag & 3;
    let len: number;
    if (kind === TAG_LITERAL) {
      len = (tag >>> 2) + 1;
      if (len > 60) {
        const n = len - 60;
        if (end - sp < n) throw corrupt('snappy literal length truncated');
        len = readLE(src, sp, n) + 1;
        sp += n;
      }
      if (len > end - sp) throw corrupt('snappy literal runs past the input');
      if (len > length - dp) throw corrupt('snappy output longer than declared');
      if (len < SHORT_COPY) for (let i = 0; i < len; i++) out[dp + i] = src[sp + i]!;
      else out.set(src.subarray(sp, sp + len), dp);
      sp += len;
      dp += len;
      continue;
    }
    let offset: number;
    if (kind === TAG_COPY_1) {
      if (end - sp < 1) throw corrupt('snappy copy truncated');
      len = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | src[sp++]!;
    } else {
      const n = kind === TAG_COPY_2 ? 2 : 4;
      if (end - sp < n) throw corrupt('snappy copy truncated');
      len = (tag >>> 2) + 1;
      offset = readLE(src, sp, n);
      sp += n;
    }
    if (offset === 0 || offset > dp) throw corrupt(`snappy copy offset ${offset} out of range`);
    if (len > length - dp) throw corrupt('snappy output longer than declared');
    const ref = dp - offset;
    if (offset >= len && len >= SHORT_COPY) out.copyWithin(dp, ref, ref + len);
    else for (let i = 0; i < len; i++) out[dp + i] = out[ref + i]!;
    dp += len;
  }
  if (dp !== length) throw corrupt(`snappy output is ${dp} bytes, declared ${length}`);
  return out;
}
