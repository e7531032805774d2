// The one error type the codecs throw. Callers map it to a Kafka error code: CORRUPT and
// TOO_LARGE to CORRUPT_MESSAGE, UNSUPPORTED to UNSUPPORTED_COMPRESSION_TYPE.

export type CompressionErrorCode =
  /** Malformed, truncated or checksum-failing compressed bytes. */
  | 'KRAFTLING_COMPRESSION_CORRUPT'
  /** The data would decompress to more than the caller's maxBytes. */
  | 'KRAFTLING_COMPRESSION_TOO_LARGE'
  /** A codec id (attributes & 7) that Kafka does not define, or a frame feature Kafka never writes. */
  | 'KRAFTLING_COMPRESSION_UNSUPPORTED';

export class CompressionError extends Error {
  constructor(
    readonly code: CompressionErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CompressionError';
  }
}

export function corrupt(message: string, cause?: unknown): CompressionError {
  return new CompressionError('KRAFTLING_COMPRESSION_CORRUPT', message, cause === undefined ? undefined : { cause });
}

export function tooLarge(maxBytes: number): CompressionError {
  return new CompressionError('KRAFTLING_COMPRESSION_TOO_LARGE', `decompressed data exceeds ${maxBytes} bytes`);
}

export function unsupported(message: string): CompressionError {
  return new CompressionError('KRAFTLING_COMPRESSION_UNSUPPORTED', message);
}
