// The coordinators' internal topics as Kafka creates them on first use: compacted, sized by
// offsets.topic.* / transaction.state.log.*, and never more replicas than there are live brokers,
// so a single dev broker can host them.
import type { CreatableTopic } from '../../protocol/generated/api/19-create-topics.js';
import type { ServerConfig } from '../config/server-config.js';
import { CoordinatorKeyType } from './coordinator-key.js';

export const CONSUMER_OFFSETS_TOPIC = '__consumer_offsets';
export const TRANSACTION_STATE_TOPIC = '__transaction_state';

/** Kafka's transaction.state.log.segment.bytes default; the key is not configurable here. */
const TRANSACTION_LOG_SEGMENT_BYTES = '104857600';

/** The topic holding a key type's coordinator state, or null for key types not served. */
export function coordinatorTopic(keyType: number): string | null {
  if (keyType === CoordinatorKeyType.GROUP) return CONSUMER_OFFSETS_TOPIC;
  if (keyType === CoordinatorKeyType.TRANSACTION) return TRANSACTION_STATE_TOPIC;
  return null;
}

/** The CreateTopics entry for an internal topic, or null when no broker is live to hold it. */
export function internalTopicToCreate(config: ServerConfig, topic: string, liveBrokers: number): CreatableTopic | null {
  if (liveBrokers === 0) return null;
  const compacted = { name: 'cleanup.policy', value: 'compact' };
  if (topic === CONSUMER_OFFSETS_TOPIC) {
    return {
      name: topic,
      numPartitions: config.int('offsets.topic.num.partitions'),
      replicationFactor: Math.min(config.int('offsets.topic.replication.factor'), liveBrokers),
      assignments: [],
      configs: [
        compacted,
        { name: 'segment.bytes', value: String(config.int('offsets.topic.segment.bytes')) },
        { name: 'compression.type', value: 'producer' },
      ],
    };
  }
  const replicationFactor = Math.min(config.int('transaction.state.log.replication.factor'), liveBrokers);
  return {
    name: topic,
    numPartitions: config.int('transaction.state.log.num.partitions'),
    replicationFactor,
    assignments: [],
    configs: [
      compacted,
      // Capped like the replication factor, or transaction writes could never succeed.
      { name: 'min.insync.replicas', value: String(Math.min(config.int('transaction.state.log.min.isr'), replicationFactor)) },
      { name: 'segment.bytes', value: TRANSACTION_LOG_SEGMENT_BYTES },
      { name: 'unclean.leader.election.enable', value: 'false' },
      { name: 'compression.type', value: 'uncompressed' },
    ],
  };
}
