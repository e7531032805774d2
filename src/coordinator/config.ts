// The settings the group coordinator reads, taken once from the broker configuration.
import type { ServerConfig } from '../config/server-config.js';

export interface GroupCoordinatorConfig {
  /** offsets.topic.num.partitions: how many shards group ids hash onto. */
  numPartitions: number;
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  /** group.initial.rebalance.delay.ms: how long a new group waits for more members. */
  initialRebalanceDelayMs: number;
  maxGroupSize: number;
  offsetsRetentionMs: number;
  offsetsRetentionCheckIntervalMs: number;
  /** offset.metadata.max.bytes: Kafka's default, not configurable here. */
  offsetMetadataMaxBytes: number;
  /**
   * How long a brand-new member may wait in JoinGroup before it is dropped: it has no member id to
   * heartbeat with yet. Kafka's group.classic.new.member.join.timeout.ms default.
   */
  newMemberJoinTimeoutMs: number;
  /** group.consumer.*: the consumer group protocol (KIP-848). The first assignor is the default. */
  consumerHeartbeatIntervalMs: number;
  consumerSessionTimeoutMs: number;
  consumerAssignors: string[];
  consumerMaxSize: number;
  /** group.consumer.migration.policy: which online conversions between the protocols are allowed. */
  consumerMigrationPolicy: MigrationPolicy;
}

/** A consumer group's own settings (group configs, KIP-848); a value left out is the broker's. */
export interface GroupSettings {
  consumerSessionTimeoutMs?: number;
  consumerHeartbeatIntervalMs?: number;
}

export type MigrationPolicy = 'disabled' | 'upgrade' | 'downgrade' | 'bidirectional';

export const upgradeEnabled = (c: GroupCoordinatorConfig): boolean =>
  c.consumerMigrationPolicy === 'upgrade' || c.consumerMigrationPolicy === 'bidirectional';
export const downgradeEnabled = (c: GroupCoordinatorConfig): boolean =>
  c.consumerMigrationPolicy === 'downgrade' || c.consumerMigrationPolicy === 'bidirectional';

const OFFSET_METADATA_MAX_BYTES = 4096;
const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * `offsetsTopicPartitions`: the partition count of __consumer_offsets when it already exists, which
 * wins over the setting (as in Kafka) so that placement never changes under existing groups.
 */
export function groupCoordinatorConfig(config: ServerConfig, offsetsTopicPartitions?: number): GroupCoordinatorConfig {
  return {
    numPartitions: offsetsTopicPartitions ?? config.int('offsets.topic.num.partitions'),
    minSessionTimeoutMs: config.int('group.min.session.timeout.ms'),
    maxSessionTimeoutMs: config.int('group.max.session.timeout.ms'),
    initialRebalanceDelayMs: config.int('group.initial.rebalance.delay.ms'),
    maxGroupSize: config.int('group.max.size'),
    offsetsRetentionMs: config.int('offsets.retention.minutes') * 60_000,
    offsetsRetentionCheckIntervalMs: config.int('offsets.retention.check.interval.ms'),
    offsetMetadataMaxBytes: OFFSET_METADATA_MAX_BYTES,
    newMemberJoinTimeoutMs: NEW_MEMBER_JOIN_TIMEOUT_MS,
    consumerHeartbeatIntervalMs: config.int('group.consumer.heartbeat.interval.ms'),
    consumerSessionTimeoutMs: config.int('group.consumer.session.timeout.ms'),
    consumerAssignors: config.list('group.consumer.assignors'),
    consumerMaxSize: config.int('group.consumer.max.size'),
    consumerMigrationPolicy: (config.get('group.consumer.migration.policy') ?? 'bidirectional') as MigrationPolicy,
  };
}
