// The shapes PartitionLog takes and returns. Kafka errors come back as values (error codes from
// protocol/errors), for handlers to copy into responses.
import type { ErrorCode } from '../protocol/errors.js';
import type { FileSystem } from './file-system.js';
import type { LogConfig } from './log-config.js';
import type { PartitionLog } from './partition-log.js';
import type { StorageEvent } from './storage-events.js';

export interface PartitionLogOptions {
  fs: FileSystem;
  config: LogConfig;
  /** The runtime's clock (virtual in simulations); storage never reads the system time. */
  nowMs: () => number;
  /** Makes this log's start offset durable (LogDir's log-start-offset-checkpoint). */
  persistLogStartOffset?: (log: PartitionLog) => Promise<void>;
  /** Receives what storage finds after the log is open (a corrupt producer snapshot). */
  onEvent?: (e: StorageEvent) => void;
  /** Durability work the log's first mutation waits for (a directory fsync the caller started). */
  pending?: Promise<void>;
}

export interface OpenPartitionLogOptions extends PartitionLogOptions {
  hadCleanShutdown: boolean;
  /** Checkpointed recovery point; recovery starts at the segment holding it (default 0: all). */
  recoveryPoint?: number;
  /** Checkpointed log start offset (default 0). */
  logStartOffset?: number;
}

export interface AppendResult {
  baseOffset: number;
  lastOffset: number;
  /** The broker time of LogAppendTime batches, else -1 (as in the produce response). */
  logAppendTimeMs: number;
  logStartOffset: number;
}

export type LogReadResult =
  | { errorCode: typeof ErrorCode.NONE; records: Buffer }
  | { errorCode: typeof ErrorCode.OFFSET_OUT_OF_RANGE };

/** A read left to the thread pool (PartitionLog.readLarge): its records come later; `maxBytes`
 * bounds them, known at once for a fetch's budget. */
export interface DeferredRead {
  errorCode: typeof ErrorCode.NONE;
  deferred: Promise<Buffer>;
  maxBytes: number;
}

export interface DeleteRecordsResult {
  errorCode: typeof ErrorCode.NONE | typeof ErrorCode.OFFSET_OUT_OF_RANGE;
  lowWatermark: number;
}
