// Exceptions of the storage layer. Kafka errors are values elsewhere; these are for I/O failures
// and damaged files, each with a stable `code` the runtime can switch on (and log).

/** A failed file-system call. `code` is the OS's (EIO, ENOSPC, ENOENT, ...) or one of ours. */
export class FileSystemError extends Error {
  override readonly name = 'FileSystemError';

  constructor(
    readonly code: string,
    readonly syscall: string,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${syscall} ${path}`, options);
  }
}

/**
 * Bytes that cannot be a valid record batch where only valid ones may be: inside a segment that was
 * synced before the crash (not a torn tail), or an index that cannot be rebuilt. Names the file and
 * the byte position so an operator can inspect or cut the file.
 */
export class CorruptSegmentError extends Error {
  override readonly name = 'CorruptSegmentError';
  readonly code = 'CORRUPT_SEGMENT';

  constructor(
    readonly path: string,
    readonly position: number,
    readonly reason: string,
  ) {
    super(`corrupt record batch in ${path} at position ${position}: ${reason}`);
  }
}

/**
 * The log stopped accepting writes after an I/O failure (Kafka marks the log dir offline, and so do
 * we): after a failed write or fsync the page cache no longer says what is on disk, so the only safe
 * way back is to reopen and recover.
 */
export class LogOfflineError extends Error {
  override readonly name = 'LogOfflineError';
  readonly code = 'KAFKA_STORAGE_ERROR';

  constructor(
    readonly dir: string,
    options?: { cause?: unknown },
  ) {
    super(`log ${dir} is offline after an I/O error`, options);
  }
}

/** An append waiting to be synced (fsyncBeforeAck, flush.messages) was truncated away first, as a
 * leader turned follower truncates its unreplicated tail; its batches are not in the log. */
export class AppendTruncatedError extends Error {
  override readonly name = 'AppendTruncatedError';
  readonly code = 'APPEND_TRUNCATED';

  constructor(readonly lastOffset: number) {
    super(`batches up to offset ${lastOffset} were truncated before they were synced`);
  }
}

/** A follower append whose first offset is below the log end offset: the caller must truncate (or
 * truncate fully) first. Thrown before anything is written; the log stays online. */
export class UnexpectedAppendOffsetError extends Error {
  override readonly name = 'UnexpectedAppendOffsetError';
  readonly code = 'UNEXPECTED_APPEND_OFFSET';

  constructor(
    readonly firstOffset: number,
    readonly logEndOffset: number,
  ) {
    super(`append at offset ${firstOffset} below the log end offset ${logEndOffset}`);
  }
}

/** A broken invariant of the storage layer: a bug in it or in its caller, never bad input from disk. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw invariant(message);
}

/** assert()'s error, for the checks of every append and read: `if (!ok) throw invariant(...)`
 * builds its message only when it fails, where assert's argument is built on every call. */
export function invariant(message: string): Error {
  return new Error(`storage invariant: ${message}`);
}
