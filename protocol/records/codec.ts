// Compression as the record codecs use it: protocol/compression's codecs, with every failure turned
// into a RecordError, since a compressed section that will not inflate is a corrupt batch.
import { CompressionError, compress, decompress, isCompressionType } from '../compression/index.js';
import { DecodeError } from '../primitives/reader.js';
import { RecordError, RecordErrorKind, corrupt } from './record-error.js';

export interface DecompressOptions {
  /** Cap on what one compressed batch or wrapper may inflate to. */
  maxUncompressedBytes?: number;
}

/** The inflation cap unless the caller sets another. */
export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;

/** Ids 5..7 fit in the attribute bits but are no codec of Kafka's. */
export function checkCompressionType(type: number): void {
  if (!isCompressionType(type)) throw corrupt(`unknown compression type ${type}`);
}

function recordErrorOf(err: unknown, what: string): RecordError | DecodeError {
  if (err instanceof RecordError || err instanceof DecodeError) return err;
  if (err instanceof CompressionError && err.code === 'KRAFTLING_COMPRESSION_UNSUPPORTED') {
    return new RecordError(RecordErrorKind.UNSUPPORTED_COMPRESSION, `${what}: ${err.message}`, { cause: err });
  }
  return corrupt(`${what}: ${err instanceof Error ? err.message : String(err)}`, err);
}

export function decompressRecords(type: number, data: Buffer, options: DecompressOptions): Buffer {
  checkCompressionType(type);
  try {
    return decompress(type, data, options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES);
  } catch (err) {
    throw recordErrorOf(err, `compression type ${type} failed to decompress`);
  }
}

export function compressRecords(type: number, data: Buffer): Buffer {
  checkCompressionType(type);
  try {
    return compress(type, data);
  } catch (err) {
    throw recordErrorOf(err, `compression type ${type} failed to compress`);
  }
}
