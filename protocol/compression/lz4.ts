// Kafka's LZ4: the standard LZ4 frame (magic 0x184D2204) with the header checksum computed as
// the spec says, over FLG and BD only (Kafka >= 0.10; older clients also hashed the magic).
//
//   magic u32le | FLG | BD | [content size u64le] | HC | blocks... | end mark u32le 0 | [content xxh32]
//   block: size u32le (high bit set: stored uncompressed) | data | [block xxh32]
//
// We write what Kafka's Java producer writes: 64 KiB independent blocks, no checksums besides
// the header's, no content size. We read every frame option Kafka reads, and, like Kafka, refuse
// linked blocks and dictionary ids. Concatenated frames are read one after another.
import { corrupt, tooLarge, unsupported } from './errors.js';
import { compressBlock, decompressBlock, maxCompressedBlockBytes, OUTPUT_FULL } from './lz4-block.js';
import { xxhash32 } from './xxhash32.js';

const MAGIC = 0x184d2204;
const FLG_VERSION_MASK = 0xc0;
const FLG_VERSION_1 = 0x40;
const FLG_BLOCK_INDEPENDENCE = 0x20;
const FLG_BLOCK_CHECKSUM = 0x10;
const FLG_CONTENT_SIZE = 0x08;
const FLG_CONTENT_CHECKSUM = 0x04;
const FLG_RESERVED = 0x02;
const FLG_DICT_ID = 0x01;
const BD_BLOCK_SIZE_SHIFT = 4;
const BD_RESERVED = 0x8f;
const BLOCK_SIZE_64KB = 4;
const BLOCK_BYTES = 64 * 1024;
const UNCOMPRESSED_FLAG = 0x80000000;
const TWO_32 = 4294967296;

export function compressLz4(data: Buffer): Buffer {
  const blocks = Math.ceil(data.length / BLOCK_BYTES);
  // Incompressible blocks are stored as they are, so no block grows.
  const out = Buffer.allocUnsafe(7 + blocks * (4 + BLOCK_BYTES) + 4);
  out.writeUInt32LE(MAGIC, 0);
  out[4] = FLG_VERSION_1 | FLG_BLOCK_INDEPENDENCE;
  out[5] = BLOCK_SIZE_64KB << BD_BLOCK_SIZE_SHIFT;
  out[6] = (xxhash32(out, 4, 6) >>> 8) & 0xff;
  let pos = 7;
  const scratch = Buffer.allocUnsafe(maxCompressedBlockBytes(BLOCK_BYTES));
  for (let start = 0; start < data.length; start += BLOCK_BYTES) {
    const end = Math.min(start + BLOCK_BYTES, data.length);
    const compressedBytes = compressBlock(data, start, end, scratch, 0);
    if (compressedBytes < end - start) {
      out.writeUInt32LE(compressedBytes, pos);
      scratch.copy(out, pos + 4, 0, compressedBytes);
      pos += 4 + compressedBytes;
    } else {
      out.writeUInt32LE((UNCOMPRESSED_FLAG | (end - start)) >>> 0, pos);
      data.copy(out, pos + 4, start, end);
      pos += 4 + end - start;
    }
  }
  out.writeUInt32LE(0, pos);
  return Buffer.from(out.subarray(0, pos + 4));
}

interface FrameHeader {
  flags: number;
  blockMaxBytes: number;
  /** -1 when the frame does not declare it. */
  contentBytes: number;
  /** Where the first block starts. */
  end: number;
}

function readFrameHeader(data: Buffer, pos: number): FrameHeader {
  if (data.length - pos < 7) throw corrupt('lz4 frame header truncated');
  if (data.readUInt32LE(pos) !== MAGIC) throw corrupt('not an lz4 frame (bad magic)');
  const flags = data[pos + 4]!;
  const bd = data[pos + 5]!;
  if ((flags & FLG_VERSION_MASK) !== FLG_VERSION_1) throw corrupt(`lz4 frame version ${flags >>> 6} is not 1`);
  if ((flags & FLG_RESERVED) !== 0 || (bd & BD_RESERVED) !== 0) throw corrupt('lz4 frame reserved bits set');
  if ((flags & FLG_BLOCK_INDEPENDENCE) === 0) throw unsupported('lz4 linked blocks (Kafka requires independent blocks)');
  if ((flags & FLG_DICT_ID) !== 0) throw unsupported('lz4 dictionary id (Kafka does not use dictionaries)');
  const blockSizeId = bd >>> BD_BLOCK_SIZE_SHIFT;
  if (blockSizeId < 4) throw corrupt(`lz4 block size id ${blockSizeId} is not 4..7`);
  let end = pos + 6;
  let contentBytes = -1;
  if ((flags & FLG_CONTENT_SIZE) !== 0) {
    if (data.length - end < 9) throw corrupt('lz4 frame header truncated');
    contentBytes = data.readUInt32LE(end + 4) * TWO_32 + data.readUInt32LE(end);
    end += 8;
  }
  if (data[end] !== ((xxhash32(data, pos + 4, end) >>> 8) & 0xff)) throw corrupt('lz4 frame header checksum mismatch');
  return { flags, blockMaxBytes: 1 << (2 * blockSizeId + 8), contentBytes, end: end + 1 };
}

/** A growable output, never allowed past maxBytes. */
class Output {
  buf: Buffer;
  used = 0;

  constructor(initialBytes: number, readonly maxBytes: number) {
    this.buf = Buffer.allocUnsafe(Math.min(initialBytes, maxBytes));
  }

  /** Makes room for n more bytes, or as many as maxBytes leaves; returns the usable end. */
  reserve(n: number): number {
    const want = Math.min(this.used + n, this.maxBytes);
    if (want > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.min(Math.max(want, this.buf.length * 2), this.maxBytes));
      this.buf.copy(next, 0, 0, this.used);
      this.buf = next;
    }
    return want;
  }

  result(): Buffer {
    return this.buf.subarray(0, this.used);
  }
}

function readBlock(data: Buffer, pos: number, header: FrameHeader, out: Output): number {
  const word = data.readUInt32LE(pos);
  const size = word & ~UNCOMPRESSED_FLAG;
  pos += 4;
  const checksumBytes = (header.flags & FLG_BLOCK_CHECKSUM) !== 0 ? 4 : 0;
  if (size > header.blockMaxBytes) throw corrupt(`lz4 block of ${size} bytes exceeds the frame's ${header.blockMaxBytes}`);
  if (data.length - pos < size + checksumBytes) throw corrupt('lz4 block truncated');
  if (checksumBytes !== 0 && xxhash32(data, pos, pos + size) !== data.readUInt32LE(pos + size)) {
    throw corrupt('lz4 block checksum mismatch');
  }
  if ((word & UNCOMPRESSED_FLAG) !== 0) {
    if (out.reserve(size) - out.used < size) throw tooLarge(out.maxBytes);
    data.copy(out.buf, out.used, pos, pos + size);
    out.used += size;
  } else {
    const limit = out.reserve(header.blockMaxBytes);
    const end = decompressBlock(data, pos, pos + size, out.buf, out.used, limit);
    if (end === OUTPUT_FULL) {
      const cappedByMax = out.used + header.blockMaxBytes > out.maxBytes;
      throw cappedByMax ? tooLarge(out.maxBytes) : corrupt('lz4 block decompresses past the frame block size');
    }
    out.used = end;
  }
  return pos + size + checksumBytes;
}

/** Reads one frame at pos into out; returns where the next frame would start. */
function readFrame(data: Buffer, pos: number, out: Output): number {
  const header = readFrameHeader(data, pos);
  if (header.contentBytes > out.maxBytes - out.used) throw tooLarge(out.maxBytes);
  const contentStart = out.used;
  pos = header.end;
  for (;;) {
    if (data.length - pos < 4) throw corrupt('lz4 frame truncated before its end mark');
    if (data.readUInt32LE(pos) === 0) break;
    pos = readBlock(data, pos, header, out);
  }
  pos += 4;
  if (header.contentBytes >= 0 && out.used - contentStart !== header.contentBytes) {
    throw corrupt(`lz4 frame holds ${out.used - contentStart} bytes, its header says ${header.contentBytes}`);
  }
  if ((header.flags & FLG_CONTENT_CHECKSUM) !== 0) {
    if (data.length - pos < 4) throw corrupt('lz4 content checksum truncated');
    if (xxhash32(out.buf, contentStart, out.used) !== data.readUInt32LE(pos)) throw corrupt('lz4 content checksum mismatch');
    pos += 4;
  }
  return pos;
}

export function decompressLz4(data: Buffer, maxBytes: number): Buffer {
  // Text batches usually shrink 2-5x; the buffer doubles from there as needed.
  const out = new Output(Math.max(BLOCK_BYTES, data.length * 4), maxBytes);
  let pos = 0;
  do {
    pos = readFrame(data, pos, out);
  } while (pos < data.length);
  return out.result();
}
