// Record-batch compression: Kafka's codec ids and one compress/decompress pair over all of them.
// Everything is synchronous; the JS/wasm codec libraries load on their first use, not at startup.
//
// decompress never returns more than maxBytes and throws only CompressionError, whatever the
// input: the bytes come from the network.
import { tooLarge, unsupported } from './errors.js';
import { compressGzip, decompressGzip } from './gzip.js';
import { compressLz4, decompressLz4 } from './lz4.js';
import { compressSnappy, decompressSnappy } from './snappy.js';
import { compressZstd, decompressZstd } from './zstd.js';

export { CompressionError, type CompressionErrorCode } from './errors.js';

/** Kafka's compression ids: the low three bits of a batch's attributes. */
export const CompressionType = { NONE: 0, GZIP: 1, SNAPPY: 2, LZ4: 3, ZSTD: 4 } as const;
export type CompressionType = (typeof CompressionType)[keyof typeof CompressionType];

const ATTRIBUTES_COMPRESSION_MASK = 0x07;

/** Kafka's names, as compression.type takes them. */
const NAMES = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;

interface Codec {
  compress(data: Buffer): Buffer;
  decompress(data: Buffer, maxBytes: number): Buffer;
}

const NONE: Codec = {
  compress: (data) => data,
  decompress(data, maxBytes) {
    if (data.length > maxBytes) throw tooLarge(maxBytes);
    return data;
  },
};

const CODECS: readonly Codec[] = [
  NONE,
  { compress: compressGzip, decompress: decompressGzip },
  { compress: compressSnappy, decompress: decompressSnappy },
  { compress: compressLz4, decompress: decompressLz4 },
  { compress: compressZstd, decompress: decompressZstd },
];

export function isCompressionType(id: number): id is CompressionType {
  return Number.isInteger(id) && id >= 0 && id < CODECS.length;
}

/** The compression type of a batch (or legacy message) from its attributes; 5..7 are not Kafka's. */
export function compressionTypeOf(attributes: number): CompressionType {
  const id = attributes & ATTRIBUTES_COMPRESSION_MASK;
  if (!isCompressionType(id)) throw unsupported(`compression type ${id} is not defined`);
  return id;
}

export function compressionTypeName(type: CompressionType): string {
  return NAMES[type];
}

/** The type for a compression.type value, or undefined (also for 'producer', which is not a codec). */
export function compressionTypeByName(name: string): CompressionType | undefined {
  const id = NAMES.indexOf(name as (typeof NAMES)[number]);
  return id < 0 ? undefined : (id as CompressionType);
}

function codecOf(type: number): Codec {
  if (!isCompressionType(type)) throw unsupported(`compression type ${type} is not defined`);
  return CODECS[type]!;
}

// The pair takes any number (a CompressionType, usually straight from the attributes) so it can be
// passed where a plain (codec: number, ...) function is expected; other ids throw UNSUPPORTED.

/** Compresses the records section of a batch the way Kafka's Java producer does for this type. */
export function compress(type: number, data: Buffer): Buffer {
  return codecOf(type).compress(data);
}

/**
 * Decompresses at most maxBytes. Throws CompressionError: TOO_LARGE past maxBytes, CORRUPT on
 * malformed input, UNSUPPORTED for an unknown type or a frame option Kafka refuses too.
 */
export function decompress(type: number, data: Buffer, maxBytes: number): Buffer {
  return codecOf(type).decompress(data, maxBytes);
}
