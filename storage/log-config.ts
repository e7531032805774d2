// Per-log settings under Kafka's topic-config names (camelCase, units last). The broker-wide
// defaults (log.segment.bytes, log.retention.ms, log.flush.interval.messages, ...) are resolved by
// src/config; storage only sees the effective values.

export interface LogConfig {
  /** segment.bytes: roll when the active segment would grow past this. */
  segmentBytes: number;
  /** segment.ms: roll when the active segment's records span this long. */
  segmentMs: number;
  /** segment.index.bytes: size limit of each index file; a full index rolls the segment. */
  segmentIndexBytes: number;
  /** index.interval.bytes: bytes of batches between two offset index entries. */
  indexIntervalBytes: number;
  /** retention.ms: delete segments whose newest record is older; -1 keeps them. */
  retentionMs: number;
  /** retention.bytes: delete old segments while the log exceeds this; -1 keeps them. */
  retentionBytes: number;
  /** flush.messages: fsync once this many messages are unflushed. */
  flushMessages: number;
  /** flush.ms: fsync when unflushed data is this old (checked by LogDir.flushDue, run periodically). */
  flushMs: number;
  /** Ours: append() resolves only once its batches are synced (appends share fsyncs). */
  fsyncBeforeAck: boolean;
}

/** Kafka's long "never" (Long.MAX_VALUE) for flush.messages and flush.ms, as a safe JS number. */
export const NEVER = Number.MAX_SAFE_INTEGER;

/** Kafka's defaults. */
export const DEFAULT_LOG_CONFIG: Readonly<LogConfig> = Object.freeze({
  segmentBytes: 1024 * 1024 * 1024,
  segmentMs: 7 * 24 * 60 * 60 * 1000,
  segmentIndexBytes: 10 * 1024 * 1024,
  indexIntervalBytes: 4096,
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  retentionBytes: -1,
  flushMessages: NEVER,
  flushMs: NEVER,
  fsyncBeforeAck: false,
});
