// CreateTopics on the active controller: validates each topic as Kafka's ReplicationControlManager
// does and turns the valid ones into TopicRecord + PartitionRecords + ConfigRecords.
import type {
  CreatableTopic, CreatableTopicResult, CreateTopicsRequest, CreateTopicsResponse,
} from '../../protocol/generated/api/19-create-topics.js';
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';
import { ErrorCode } from '../../protocol/errors.js';
import { checkTopicConfig, effectiveTopicConfigs } from '../config/effective.js';
import { liveBrokers, type MetadataImage } from '../metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../metadata/records.js';
import type { ControllerEnv, ControllerResult } from './env.js';
import { dynamicBrokerConfigs } from '../metadata/image.js';
import { newTopicId } from './env.js';
import { placeReplicas, type PlacementBroker } from './placement.js';
import { checkTopicName, collidingTopic } from './topic-names.js';

type Failure = { errorCode: number; errorMessage: string };
type Plan = { replicas: number[][]; configs: Map<string, string> };

export function createTopics(env: ControllerEnv, image: MetadataImage, req: CreateTopicsRequest): ControllerResult<CreateTopicsResponse> {
  const records: MetadataRecord[] = [];
  const counts = new Map<string, number>();
  for (const t of req.topics) counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
  const created = new Set<string>();
  const topics = req.topics.map((topic): CreatableTopicResult => {
    if (counts.get(topic.name)! > 1) {
      return failed(topic.name, { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Duplicate topic name.' });
    }
    const plan = planTopic(env, image, topic, created);
    if ('errorCode' in plan) return failed(topic.name, plan);
    const topicId = newTopicId(env.random, image);
    created.add(topic.name);
    if (!req.validateOnly) records.push(...topicRecords(topic.name, topicId, plan));
    const configs = effectiveTopicConfigs(env.config, dynamicBrokerConfigs(image, env.config.nodeId), plan.configs);
    return {
      name: topic.name, topicId: req.validateOnly ? ZERO_UUID : topicId, errorCode: 0, errorMessage: null,
      topicConfigErrorCode: 0, numPartitions: plan.replicas.length, replicationFactor: plan.replicas[0]!.length,
      configs: configs.map((c) => ({
        name: c.name, value: c.value, readOnly: c.readOnly, configSource: c.source, isSensitive: c.sensitive,
      })),
    };
  });
  return { records, response: { throttleTimeMs: 0, topics } };
}

function failed(name: string, f: Failure): CreatableTopicResult {
  return {
    name, topicId: ZERO_UUID, errorCode: f.errorCode, errorMessage: f.errorMessage, topicConfigErrorCode: 0,
    numPartitions: -1, replicationFactor: -1, configs: null,
  };
}

function planTopic(env: ControllerEnv, image: MetadataImage, topic: CreatableTopic, created: Set<string>): Plan | Failure {
  const nameError = checkTopicName(topic.name);
  if (nameError) return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, errorMessage: nameError };
  if (image.topicsByName.has(topic.name) || created.has(topic.name)) {
    return { errorCode: ErrorCode.TOPIC_ALREADY_EXISTS, errorMessage: `Topic '${topic.name}' already exists.` };
  }
  const collision = collidingTopic(topic.name, (n) => image.topicsByName.has(n) || created.has(n),
    () => [...image.topicsByName.keys(), ...created]);
  if (collision) {
    return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, errorMessage: `Topic '${topic.name}' collides with existing topic: ${collision}` };
  }
  const configs = new Map<string, string>();
  for (const c of topic.configs) {
    const problem = checkTopicConfig(c.name, c.value);
    if (problem) return { errorCode: ErrorCode.INVALID_CONFIG, errorMessage: problem };
    if (configs.has(c.name)) return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Duplicate config key ${c.name}.` };
    if (c.value !== null) configs.set(c.name, c.value);
  }
  const brokers = liveBrokers(image);
  const replicas = topic.assignments.length > 0
    ? checkAssignments(topic, image)
    : planReplicas(env, topic, brokers);
  if ('errorCode' in replicas) return replicas;
  return { replicas, configs };
}

function planReplicas(env: ControllerEnv, topic: CreatableTopic, brokers: readonly PlacementBroker[]): number[][] | Failure {
  const partitions = topic.numPartitions === -1 ? env.config.int('num.partitions') : topic.numPartitions;
  if (partitions <= 0) {
    return { errorCode: ErrorCode.INVALID_PARTITIONS, errorMessage: 'Number of partitions was set to an invalid non-positive value.' };
  }
  const rf = topic.replicationFactor === -1 ? env.config.int('default.replication.factor') : topic.replicationFactor;
  if (rf <= 0) {
    return { errorCode: ErrorCode.INVALID_REPLICATION_FACTOR, errorMessage: 'Replication factor must be larger than 0, or -1 to use the default value.' };
  }
  if (rf > brokers.length) {
    return {
      errorCode: ErrorCode.INVALID_REPLICATION_FACTOR,
      errorMessage: `Unable to replicate the partition ${rf} time(s): The target replication factor of ${rf} cannot be reached because only ${brokers.length} broker(s) are registered.`,
    };
  }
  return placeReplicas(brokers, partitions, rf, Math.floor(env.random() * brokers.length));
}

function checkAssignments(topic: CreatableTopic, image: MetadataImage): number[][] | Failure {
  if (topic.numPartitions !== -1 || topic.replicationFactor !== -1) {
    return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: 'Both numPartitions or replicationFactor and replicasAssignments were set. Both cannot be used at the same time.' };
  }
  const sorted = [...topic.assignments].sort((a, b) => a.partitionIndex - b.partitionIndex);
  const out: number[][] = [];
  for (const [i, a] of sorted.entries()) {
    if (a.partitionIndex !== i) {
      return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: 'Partitions should be a consecutive 0-based integer sequence.' };
    }
    const problem = checkReplicaList(a.brokerIds, image);
    if (problem) return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: problem };
    if (out.length > 0 && a.brokerIds.length !== out[0]!.length) {
      return { errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT, errorMessage: 'All partitions should have the same number of replicas.' };
    }
    out.push(a.brokerIds);
  }
  return out;
}

export function checkReplicaList(ids: number[], image: MetadataImage): string | null {
  if (ids.length === 0) return 'The manual partition assignment includes an empty replica list.';
  if (new Set(ids).size !== ids.length) return `The manual partition assignment includes duplicate replicas: ${ids.join(',')}.`;
  const unknown = ids.find((id) => !image.brokers.has(id));
  if (unknown !== undefined) return `The manual partition assignment includes broker ${unknown}, but no such broker is registered.`;
  return null;
}

export function partitionRecord(topicId: string, partitionId: number, replicas: number[], image?: MetadataImage): MetadataRecord {
  // Replicas that are fenced cannot be in the ISR or lead; a new partition starts with the rest.
  const live = image ? replicas.filter((id) => image.brokers.get(id)?.fenced === false) : replicas;
  const isr = live.length > 0 ? live : replicas;
  return record(MetadataRecordType.PARTITION, {
    partitionId, topicId, replicas, isr, removingReplicas: [], addingReplicas: [],
    leader: isr[0]!, leaderRecoveryState: 0, leaderEpoch: 0, partitionEpoch: 0,
    directories: replicas.map(() => ZERO_UUID), eligibleLeaderReplicas: null, lastKnownElr: null,
  });
}

function topicRecords(name: string, topicId: string, plan: Plan): MetadataRecord[] {
  const out: MetadataRecord[] = [record(MetadataRecordType.TOPIC, { name, topicId })];
  plan.replicas.forEach((replicas, p) => out.push(partitionRecord(topicId, p, replicas)));
  for (const [key, value] of plan.configs) {
    out.push(record(MetadataRecordType.CONFIG, { resourceType: 2, resourceName: name, name: key, value }));
  }
  return out;
}
