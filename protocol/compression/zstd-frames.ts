// Walks the frames of a zstd stream (RFC 8878) without decoding them: header fields, block
// boundaries and an upper bound of each frame's output. The decoder uses this to check the
// structure and sizes before any allocation, and to shrink a frame's window (see zstd.ts).
import { corrupt, unsupported } from './errors.js';

const FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MAGIC_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const FHD_SINGLE_SEGMENT = 0x20;
const FHD_RESERVED = 0x08;
const FHD_CHECKSUM = 0x04;
const BLOCK_HEADER_BYTES = 3;
const BLOCK_RAW = 0;
const BLOCK_RLE = 1;
const BLOCK_COMPRESSED = 2;
const MAX_BLOCK_BYTES = 128 * 1024;
const MIN_WINDOW_LOG = 10;
const TWO_32 = 4294967296;

export interface ZstdFrame {
  start: number;
  end: number;
  /** Offset of the window descriptor byte, or -1 for a single-segment frame (window = content size). */
  windowDescriptorAt: number;
  windowBytes: number;
  /** -1 when the header does not declare it. */
  contentBytes: number;
  /** Most bytes the frame can decode to, from its block headers (compressed blocks count as their maximum). */
  boundBytes: number;
  /** The largest output one compressed block may have; 0 when the frame has none. */
  compressedBlockMaxBytes: number;
}

function readLE(data: Buffer, pos: number, n: number): number {
  if (n === 8) return data.readUInt32LE(pos + 4) * TWO_32 + data.readUInt32LE(pos);
  return n === 0 ? 0 : data.readUIntLE(pos, n);
}

function windowBytesOf(descriptor: number): number {
  const base = 2 ** (MIN_WINDOW_LOG + (descriptor >>> 3));
  return base + (base / 8) * (descriptor & 7);
}

/** The smallest window descriptor (mantissa 0) whose window holds at least `bytes`. */
export function windowDescriptorFor(bytes: number): number {
  let exponent = 0;
  while (2 ** (MIN_WINDOW_LOG + exponent) < bytes) exponent++;
  return exponent << 3;
}

/** Parses the frame header at pos; returns the frame with end/bounds still to fill, and where blocks start. */
function readFrameHeader(data: Buffer, pos: number): [ZstdFrame, number] {
  const fhd = data[pos + 4]!;
  const singleSegment = (fhd & FHD_SINGLE_SEGMENT) !== 0;
  if ((fhd & FHD_RESERVED) !== 0) throw corrupt('zstd frame header reserved bit set');
  const dictIdBytes = [0, 1, 2, 4][fhd & 3]!;
  const fcsFlag = fhd >>> 6;
  const contentSizeBytes = fcsFlag === 0 ? (singleSegment ? 1 : 0) : 1 << fcsFlag;
  let p = pos + 5;
  const headerEnd = p + (singleSegment ? 0 : 1) + dictIdBytes + contentSizeBytes;
  if (headerEnd > data.length) throw corrupt('zstd frame header truncated');
  const windowDescriptorAt = singleSegment ? -1 : p++;
  if (readLE(data, p, dictIdBytes) !== 0) throw unsupported('zstd dictionary (Kafka does not use dictionaries)');
  p += dictIdBytes;
  let contentBytes = contentSizeBytes === 0 ? -1 : readLE(data, p, contentSizeBytes);
  if (contentSizeBytes === 2) contentBytes += 256;
  const windowBytes = singleSegment ? contentBytes : windowBytesOf(data[windowDescriptorAt]!);
  const frame = { start: pos, end: 0, windowDescriptorAt, windowBytes, contentBytes, boundBytes: 0, compressedBlockMaxBytes: 0 };
  return [frame, headerEnd];
}

/** Walks the blocks from pos; fills end and the bounds. */
function readBlocks(data: Buffer, pos: number, frame: ZstdFrame, hasChecksum: boolean): void {
  const blockMaxBytes = Math.min(frame.windowBytes, MAX_BLOCK_BYTES);
  let bound = 0;
  let last = false;
  while (!last) {
    if (data.length - pos < BLOCK_HEADER_BYTES) throw corrupt('zstd block header truncated');
    const header = data.readUIntLE(pos, BLOCK_HEADER_BYTES);
    pos += BLOCK_HEADER_BYTES;
    last = (header & 1) !== 0;
    const type = (header >>> 1) & 3;
    const size = header >>> 3;
    if (size > blockMaxBytes) throw corrupt(`zstd block of ${size} bytes exceeds the frame's ${blockMaxBytes}`);
    const stored = type === BLOCK_RLE ? 1 : size;
    if (type > BLOCK_COMPRESSED) throw corrupt('zstd reserved block type');
    if (data.length - pos < stored) throw corrupt('zstd block truncated');
    bound += type === BLOCK_COMPRESSED ? blockMaxBytes : size;
    if (type === BLOCK_COMPRESSED) frame.compressedBlockMaxBytes = blockMaxBytes;
    pos += stored;
  }
  if (hasChecksum) {
    if (data.length - pos < 4) throw corrupt('zstd frame checksum truncated');
    pos += 4;
  }
  frame.end = pos;
  frame.boundBytes = frame.contentBytes >= 0 ? Math.min(bound, frame.contentBytes) : bound;
}

/** The data frames of a zstd stream, skippable frames left out. Throws unless the frames fill it exactly. */
export function readZstdFrames(data: Buffer): ZstdFrame[] {
  const frames: ZstdFrame[] = [];
  if (data.length === 0) throw corrupt('zstd input is empty');
  let pos = 0;
  while (pos < data.length) {
    if (data.length - pos < 8) throw corrupt('zstd frame truncated');
    const magic = data.readUInt32LE(pos);
    if ((magic & SKIPPABLE_MAGIC_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      const size = data.readUInt32LE(pos + 4);
      if (size > data.length - pos - 8) throw corrupt('zstd skippable frame truncated');
      pos += 8 + size;
      continue;
    }
    if (magic !== FRAME_MAGIC) throw corrupt('not a zstd frame (bad magic)');
    const [frame, blocksStart] = readFrameHeader(data, pos);
    readBlocks(data, blocksStart, frame, (data[pos + 4]! & FHD_CHECKSUM) !== 0);
    frames.push(frame);
    pos = frame.end;
  }
  return frames;
}
