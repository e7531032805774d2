// The settings the transaction coordinator reads, taken once from the broker configuration
// (Kafka's names and defaults).
import type { ServerConfig } from '../config/server-config.js';

export interface TxnCoordinatorConfig {
  /** transaction.state.log.num.partitions (or the topic's count once it exists). */
  numPartitions: number;
  /** transaction.max.timeout.ms: the largest transaction.timeout.ms a producer may ask for. */
  maxTimeoutMs: number;
  /** transactional.id.expiration.ms: an idle transactional id is forgotten after this long. */
  idExpirationMs: number;
  /** transaction.abort.timed.out.transaction.cleanup.interval.ms */
  abortTimedOutIntervalMs: number;
  /** transaction.remove.expired.transaction.cleanup.interval.ms */
  removeExpiredIntervalMs: number;
  /** How long a marker that could not be written waits before it is sent again. */
  markerRetryBackoffMs: number;
}

/** Kafka's marker channel retries on its next poll; 100 ms is its retry.backoff.ms default. */
const MARKER_RETRY_BACKOFF_MS = 100;

export function txnCoordinatorConfig(config: ServerConfig, txnTopicPartitions?: number): TxnCoordinatorConfig {
  return {
    numPartitions: txnTopicPartitions ?? config.int('transaction.state.log.num.partitions'),
    maxTimeoutMs: config.int('transaction.max.timeout.ms'),
    idExpirationMs: config.int('transactional.id.expiration.ms'),
    abortTimedOutIntervalMs: config.int('transaction.abort.timed.out.transaction.cleanup.interval.ms'),
    removeExpiredIntervalMs: config.int('transaction.remove.expired.transaction.cleanup.interval.ms'),
    markerRetryBackoffMs: MARKER_RETRY_BACKOFF_MS,
  };
}
