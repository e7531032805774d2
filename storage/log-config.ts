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
  /** producer.id.expiration.ms (a broker key, not a topic's): a producer with no transaction open
   * whose last batch is this old (by the batch's timestamp) is dropped from the log's state. */
  producerIdExpirationMs: number;
  /** cleanup.policy includes compact: the log cleaner keeps the latest record per key. */
  compaction?: CompactionConfig;
}

/** The log cleaner's per-topic settings (Kafka's names). */
export interface CompactionConfig {
  /** delete.retention.ms: how long a tombstone or an empty transaction's marker outlives its cleaning. */
  deleteRetentionMs: number;
  /** min.cleanable.dirty.ratio: dirty share of the cleanable log that makes it worth cleaning. */
  minCleanableDirtyRatio: number;
  /** min.compaction.lag.ms: records younger than this are not cleaned. */
  minCompactionLagMs: number;
  /** max.compaction.lag.ms: dirty records older than this are cleaned whatever the ratio. */
  maxCompactionLagMs: number;
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
  producerIdExpirationMs: 24 * 60 * 60 * 1000,
});
