// A topic's effective configs turned into what the log and the produce path act on.
import type { LogConfig } from '../../storage/log-config.js';
import { brokerConfigValue, topicConfigValue, type DynamicBrokerConfigs } from '../config/effective.js';
import type { ServerConfig } from '../config/server-config.js';
import type { TopicSettings } from './produce.js';
import { throttledReplicas } from './replication-quota.js';

/** Kafka's Long.MAX_VALUE "never", clamped to what a JS number holds exactly. */
function long(v: string): number {
  return Math.min(Number(v), Number.MAX_SAFE_INTEGER);
}

export function logConfigFor(config: ServerConfig, dynamic: DynamicBrokerConfigs, overrides: ReadonlyMap<string, string>): LogConfig {
  const get = (name: string): string => topicConfigValue(config, dynamic, overrides, name);
  const flushMessages = long(get('flush.messages'));
  const policy = cleanupPolicy(get('cleanup.policy'));
  return {
    segmentBytes: long(get('segment.bytes')),
    segmentMs: long(get('segment.ms')),
    segmentIndexBytes: long(get('segment.index.bytes')),
    indexIntervalBytes: long(get('index.interval.bytes')),
    // Kafka's compact-only topics keep old segments whatever their age or size (the cleaner shrinks them).
    retentionMs: policy.delete ? long(get('retention.ms')) : -1,
    retentionBytes: policy.delete ? long(get('retention.bytes')) : -1,
    flushMessages,
    flushMs: long(get('flush.ms')),
    // flush.messages=1 means "fsync every message" in Kafka: here, before acknowledging.
    fsyncBeforeAck: flushMessages <= 1,
    producerIdExpirationMs: long(brokerConfigValue(config, dynamic, 'producer.id.expiration.ms')!),
    compaction: policy.compact ? {
      deleteRetentionMs: long(get('delete.retention.ms')),
      minCleanableDirtyRatio: Number(get('min.cleanable.dirty.ratio')),
      minCompactionLagMs: long(get('min.compaction.lag.ms')),
      maxCompactionLagMs: long(get('max.compaction.lag.ms')),
    } : undefined,
  };
}

/** cleanup.policy: "delete", "compact" or both ("compact,delete"). */
export function cleanupPolicy(value: string): { compact: boolean; delete: boolean } {
  const parts = value.split(',').map((p) => p.trim());
  return { compact: parts.includes('compact'), delete: parts.includes('delete') };
}

export function topicSettingsFor(config: ServerConfig, dynamic: DynamicBrokerConfigs, overrides: ReadonlyMap<string, string>): TopicSettings {
  const get = (name: string): string => topicConfigValue(config, dynamic, overrides, name);
  return {
    maxMessageBytes: long(get('max.message.bytes')),
    logAppendTime: get('message.timestamp.type') === 'LogAppendTime',
    minInsyncReplicas: long(get('min.insync.replicas')),
    compressionType: get('compression.type'),
    timestampBeforeMaxMs: Math.min(long(get('message.timestamp.before.max.ms')), long(get('message.timestamp.difference.max.ms'))),
    timestampAfterMaxMs: Math.min(long(get('message.timestamp.after.max.ms')), long(get('message.timestamp.difference.max.ms'))),
    segmentBytes: long(get('segment.bytes')),
    compacted: cleanupPolicy(get('cleanup.policy')).compact,
    leaderThrottled: throttledReplicas(get('leader.replication.throttled.replicas')),
    followerThrottled: throttledReplicas(get('follower.replication.throttled.replicas')),
  };
}
