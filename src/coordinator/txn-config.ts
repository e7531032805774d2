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
  /** Longest a request that finds its transaction completing is held for the completion before it
   * is answered CONCURRENT_TRANSACTIONS (0: answered at once, as Kafka does). */
  concurrentHoldMs: number;
}

/** Kafka's marker channel retries on its next poll; 100 ms is its retry.backoff.ms default. */
const MARKER_RETRY_BACKOFF_MS = 100;
/**
 * A producer's next transaction usually starts while the last one's markers are being written: Kafka
 * answers CONCURRENT_TRANSACTIONS and the client backs off (kafkajs for about 300 ms, so a loop of
 * transactions ran at 8 per second). The completion takes a millisecond or two on a healthy
 * cluster, so the request waits for it instead; a transaction that cannot complete (a partition
 * without a leader) is still answered after this bound, well inside any client's request timeout.
 */
const CONCURRENT_HOLD_MS = 1_000;

export function txnCoordinatorConfig(config: ServerConfig, txnTopicPartitions?: number): TxnCoordinatorConfig {
  return {
    numPartitions: txnTopicPartitions ?? config.int('transaction.state.log.num.partitions'),
    maxTimeoutMs: config.int('transaction.max.timeout.ms'),
    idExpirationMs: config.int('transactional.id.expiration.ms'),
    abortTimedOutIntervalMs: config.int('transaction.abort.timed.out.transaction.cleanup.interval.ms'),
    removeExpiredIntervalMs: config.int('transaction.remove.expired.transaction.cleanup.interval.ms'),
    markerRetryBackoffMs: MARKER_RETRY_BACKOFF_MS,
    concurrentHoldMs: CONCURRENT_HOLD_MS,
  };
}
