// Kafka's snappy. The Java producer wraps raw snappy in snappy-java's "xerial" framing:
//
//   0x82 'SNAPPY' 0x00 | version int32be (1) | compatible version int32be (1) |
//   blocks of [compressed length int32be][raw snappy of at most 32 KiB]
//
// librdkafka, sarama and kafkajs-snappy write raw snappy instead. Every client reads both
// (snappy-java falls back to raw when the magic is absent), so we write the xerial framing, as
// the Java producer does, and read either: the magic decides.
import { createRequire } from 'node:module';
import { corrupt } from './errors.js';
import { decompressSnappyBlock } from './snappy-block.js';

const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_VERSION = 1;
const XERIAL_COMPATIBLE_VERSION = 1;
const XERIAL_HEADER_BYTES = 16;
/** snappy-java's default block size, which Kafka's producer uses. */
const XERIAL_BLOCK_BYTES = 32 * 1024;

interface SnappyJs {
  compress(data: Buffer): Buffer;
}

const require = createRequire(import.meta.url);
let snappyJs: SnappyJs | undefined;

function loadSnappyJs(): SnappyJs {
  snappyJs ??= require('snappyjs') as SnappyJs;
  return snappyJs;
}

export function compressSnappy(data: Buffer): Buffer {
  const { compress } = loadSnappyJs();
  const header = Buffer.allocUnsafe(XERIAL_HEADER_BYTES);
  XERIAL_MAGIC.copy(header, 0);
  header.writeInt32BE(XERIAL_VERSION, 8);
  header.writeInt32BE(XERIAL_COMPATIBLE_VERSION, 12);
  const parts: Buffer[] = [header];
  // Empty input still gets one (empty) block: librdkafka only recognises the framing when
  // something follows the header.
  let start = 0;
  do {
    const block = compress(data.subarray(start, start + XERIAL_BLOCK_BYTES));
    const length = Buffer.allocUnsafe(4);
    length.writeInt32BE(block.length, 0);
    parts.push(length, block);
    start += XERIAL_BLOCK_BYTES;
  } while (start < data.length);
  return Buffer.concat(parts);
}

function isXerial(data: Buffer): boolean {
  return data.length >= XERIAL_HEADER_BYTES && data.compare(XERIAL_MAGIC, 0, XERIAL_MAGIC.length, 0, XERIAL_MAGIC.length) === 0;
}

function decompressXerial(data: Buffer, maxBytes: number): Buffer {
  const blocks: Buffer[] = [];
  let total = 0;
  let pos = XERIAL_HEADER_BYTES;
  while (pos < data.length) {
    if (data.length - pos < 4) throw corrupt('xerial snappy block length truncated');
    const length = data.readInt32BE(pos);
    pos += 4;
    if (length < 0 || length > data.length - pos) throw corrupt('xerial snappy block truncated');
    const block = decompressSnappyBlock(data, pos, pos + length, maxBytes, total);
    blocks.push(block);
    total += block.length;
    pos += length;
  }
  return Buffer.concat(blocks, total);
}

export function decompressSnappy(data: Buffer, maxBytes: number): Buffer {
  return isXerial(data) ? decompressXerial(data, maxBytes) : decompressSnappyBlock(data, 0, data.length, maxBytes);
}
