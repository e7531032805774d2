// The LZ4 block format: sequences of [token][literal length+][literals][offset LE16][match length+].
// The compressor is the greedy single-probe hash matcher of the reference "fast" mode; the
// decompressor checks every length and offset against the block and the output limit, so hostile
// input can only make it throw or stop.
import { corrupt } from './errors.js';

const MIN_MATCH = 4;
/** The format requires the last 5 bytes of a block to be literals... */
const LAST_LITERALS = 5;
/** ...and the last match to start at least 12 bytes before the end. */
const MF_LIMIT = 12;
const MAX_DISTANCE = 65535;
const HASH_LOG = 12;
/** After 2^SKIP_TRIGGER misses in a row the probe step grows, so incompressible data goes fast. */
const SKIP_TRIGGER = 6;
/** Copies shorter than this are done byte by byte: cheaper than a native call. */
const SHORT_COPY = 32;

/** Returned by decompressBlock when the output would pass dstLimit. */
export const OUTPUT_FULL = -1;

/** Worst-case size of a compressed block of n bytes. */
export function maxCompressedBlockBytes(n: number): number {
  return n + Math.floor(n / 255) + 16;
}

// One table for every call: blocks are compressed one at a time and the table is reset per block.
const table = new Int32Array(1 << HASH_LOG);

function read32(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
}

function hash(seq: number): number {
  return Math.imul(seq, 2654435761) >>> (32 - HASH_LOG);
}

function copyBytes(src: Uint8Array, from: number, dst: Uint8Array, to: number, n: number): void {
  if (n < SHORT_COPY) {
    for (let i = 0; i < n; i++) dst[to + i] = src[from + i]!;
  } else {
    dst.set(src.subarray(from, from + n), to);
  }
}

function writeLengthTail(dst: Uint8Array, op: number, rest: number): number {
  for (; rest >= 255; rest -= 255) dst[op++] = 255;
  dst[op++] = rest;
  return op;
}

/** Writes literals src[anchor, anchor+litLen), then the match if matchLen > 0. Returns the new op. */
function writeSequence(src: Uint8Array, anchor: number, litLen: number, offset: number, matchLen: number, dst: Uint8Array, op: number): number {
  const tokenAt = op++;
  let token = litLen >= 15 ? 0xf0 : litLen << 4;
  if (litLen >= 15) op = writeLengthTail(dst, op, litLen - 15);
  copyBytes(src, anchor, dst, op, litLen);
  op += litLen;
  if (matchLen > 0) {
    dst[op++] = offset & 0xff;
    dst[op++] = offset >>> 8;
    const ml = matchLen - MIN_MATCH;
    token |= ml >= 15 ? 15 : ml;
    if (ml >= 15) op = writeLengthTail(dst, op, ml - 15);
  }
  dst[tokenAt] = token;
  return op;
}

/** Compresses src[start, end) into dst at op (room for maxCompressedBlockBytes). Returns the new op. */
export function compressBlock(src: Uint8Array, start: number, end: number, dst: Uint8Array, op: number): number {
  let anchor = start;
  if (end - start > MF_LIMIT) {
    table.fill(-1);
    const mfLimit = end - MF_LIMIT;
    const matchLimit = end - LAST_LITERALS;
    let ip = start;
    let misses = 1 << SKIP_TRIGGER;
    while (ip <= mfLimit) {
      const seq = read32(src, ip);
      const h = hash(seq);
      let ref = table[h]!;
      table[h] = ip;
      if (ref < 0 || ip - ref > MAX_DISTANCE || read32(src, ref) !== seq) {
        ip += misses++ >>> SKIP_TRIGGER;
        continue;
      }
      misses = 1 << SKIP_TRIGGER;
      while (ip > anchor && ref > start && src[ip - 1] === src[ref - 1]) {
        ip--;
        ref--;
      }
      let len = MIN_MATCH;
      while (ip + len + 4 <= matchLimit && read32(src, ip + len) === read32(src, ref + len)) len += 4;
      while (ip + len < matchLimit && src[ip + len] === src[ref + len]) len++;
      op = writeSequence(src, anchor, ip - anchor, ip - ref, len, dst, op);
      ip += len;
      anchor = ip;
    }
  }
  return writeSequence(src, anchor, end - anchor, 0, 0, dst, op);
}

function readLengthTail(src: Uint8Array, sp: number, srcEnd: number, base: number): [number, number] {
  let len = base;
  let b: number;
  do {
    if (sp >= srcEnd) throw corrupt('lz4 block ends inside a length');
    b = src[sp++]!;
    len += b;
  } while (b === 255);
  return [len, sp];
}

/**
 * Decompresses the block src[sp, srcEnd) into dst at dp, writing no further than dstLimit
 * (dst must be at least that long). Matches may only reach back to dp: blocks are independent.
 * Returns the new dp, or OUTPUT_FULL.
 */
export function decompressBlock(src: Uint8Array, sp: number, srcEnd: number, dst: Uint8Array, dp: number, dstLimit: number): number {
  const dstStart = dp;
  for (;;) {
    if (sp >= srcEnd) throw corrupt('lz4 block ends without its last literals');
    const token = src[sp++]!;
    let litLen = token >>> 4;
    if (litLen === 15) [litLen, sp] = readLengthTail(src, sp, srcEnd, litLen);
    if (litLen > srcEnd - sp) throw corrupt('lz4 literals run past the block');
    if (litLen > dstLimit - dp) return OUTPUT_FULL;
    copyBytes(src, sp, dst, dp, litLen);
    sp += litLen;
    dp += litLen;
    if (sp === srcEnd) return dp;
    if (srcEnd - sp < 2) throw corrupt('lz4 block ends inside a match offset');
    const offset = src[sp]! | (src[sp + 1]! << 8);
    sp += 2;
    if (offset === 0 || offset > dp - dstStart) throw corrupt(`lz4 match offset ${offset} out of range`);
    let matchLen = (token & 15) + MIN_MATCH;
    if ((token & 15) === 15) [matchLen, sp] = readLengthTail(src, sp, srcEnd, matchLen);
    if (matchLen > dstLimit - dp) return OUTPUT_FULL;
    const ref = dp - offset;
    if (offset >= matchLen && matchLen >= SHORT_COPY) {
      dst.copyWithin(dp, ref, ref + matchLen);
    } else {
      // Overlapping copies repeat the last `offset` bytes: byte order matters.
      for (let i = 0; i < matchLen; i++) dst[dp + i] = dst[ref + i]!;
    }
    dp += matchLen;
  }
}
