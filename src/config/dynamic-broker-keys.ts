// Broker keys that AlterConfigs / IncrementalAlterConfigs may change at runtime (Kafka's
// DynamicBrokerConfig.AllDynamicConfigs, as far as kraftling knows the keys): every broker key
// that is a topic config's default (log.retention.hours and .minutes too), plus the thread pool, log cleaner, producer state and replication throttle keys Kafka reconfigures
// in place. The others are read-only: DescribeConfigs says so and a change is refused.
import { BROKER_KEY_BY_NAME } from './broker-keys.js';
import { topicDefaultBrokerKeys } from './effective.js';

/** Kafka's reconfigurable keys beyond topic defaults (DynamicThreadPool, DynamicLogCleaner). */
const OTHER_DYNAMIC_KEYS = [
  'num.io.threads', 'num.network.threads', 'num.replica.fetchers', 'num.recovery.threads.per.data.dir', 'background.threads',
  'log.cleaner.threads', 'log.cleaner.dedupe.buffer.size', 'log.cleaner.io.buffer.size', 'log.cleaner.io.buffer.load.factor',
  'log.cleaner.io.max.bytes.per.second', 'log.cleaner.backoff.ms',
  // DynamicProducerStateManagerConfig (KIP-854).
  'producer.id.expiration.ms',
  // DynamicReplicationConfig: the replication throttles' rates.
  'leader.replication.throttled.rate', 'follower.replication.throttled.rate',
];

export const DYNAMIC_BROKER_KEYS: ReadonlySet<string> = new Set([
  ...topicDefaultBrokerKeys(),
  ...OTHER_DYNAMIC_KEYS.filter((name) => BROKER_KEY_BY_NAME.has(name)),
]);
