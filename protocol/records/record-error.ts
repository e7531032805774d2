// Errors the record codecs throw for input that parses but breaks Kafka's rules (a bad CRC, a count
// that disagrees with the offsets, an unknown codec). Each carries a stable `code` and the Kafka error
// code a handler answers with. Structural damage (truncation, impossible lengths) surfaces as the
// reader's DecodeError instead; errorCodeOf maps both.
import { ErrorCode } from '../errors.js';
import { DecodeError } from '../primitives/reader.js';

export const RecordErrorKind = {
  /** CRC mismatch, impossible sizes, bytes that cannot be records: CORRUPT_MESSAGE. */
  CORRUPT: 'KRAFTLING_CORRUPT_RECORD',
  /** Well-formed but against the rules (count vs offsets, mixed magic): INVALID_RECORD. */
  INVALID: 'KRAFTLING_INVALID_RECORD',
  /** A batch larger than the limit it is checked against: MESSAGE_TOO_LARGE. */
  TOO_LARGE: 'KRAFTLING_RECORD_TOO_LARGE',
  /** Compression that cannot be used here: zstd in a legacy message set, a codec feature Kafka refuses. */
  UNSUPPORTED_COMPRESSION: 'KRAFTLING_UNSUPPORTED_COMPRESSION',
} as const;

export type RecordErrorCode = (typeof RecordErrorKind)[keyof typeof RecordErrorKind];

const KAFKA_CODES: Record<RecordErrorCode, number> = {
  KRAFTLING_CORRUPT_RECORD: ErrorCode.CORRUPT_MESSAGE,
  KRAFTLING_INVALID_RECORD: ErrorCode.INVALID_RECORD,
  KRAFTLING_RECORD_TOO_LARGE: ErrorCode.MESSAGE_TOO_LARGE,
  KRAFTLING_UNSUPPORTED_COMPRESSION: ErrorCode.UNSUPPORTED_COMPRESSION_TYPE,
};

export class RecordError extends Error {
  /** The Kafka error code that answers this failure. */
  readonly errorCode: number;

  constructor(
    readonly code: RecordErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RecordError';
    this.errorCode = KAFKA_CODES[code];
  }
}

export function corrupt(message: string, cause?: unknown): RecordError {
  return new RecordError(RecordErrorKind.CORRUPT, message, cause === undefined ? undefined : { cause });
}

export function invalid(message: string): RecordError {
  return new RecordError(RecordErrorKind.INVALID, message);
}

/** The Kafka error code for a failure of the record codecs; undefined for anything else (a bug). */
export function errorCodeOf(err: unknown): number | undefined {
  if (err instanceof RecordError) return err.errorCode;
  if (err instanceof DecodeError) return ErrorCode.CORRUPT_MESSAGE;
  return undefined;
}
