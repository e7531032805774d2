// DeleteTopics and CreatePartitions on the active controller.
import type { CreatePartitionsRequest, CreatePartitionsResponse, CreatePartitionsTopicResult } from '../../protocol/generated/api/37-create-partitions.js';
import type { DeletableTopicResult, DeleteTopicsRequest, DeleteTopicsResponse } from '../../protocol/generated/api/20-delete-topics.js';
import { ErrorCode } from '../../protocol/errors.js';
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';
import { liveBrokers, type MetadataImage, type TopicState } from '../metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../metadata/records.js';
import { checkReplicaList, partitionRecord } from './create-topics.js';
import type { ControllerEnv, ControllerResult } from './env.js';
import { placeReplicas } from './placement.js';
import { CLUSTER_METADATA_TOPIC } from './topic-names.js';

export function deleteTopics(env: ControllerEnv, image: MetadataImage, req: DeleteTopicsRequest): ControllerResult<DeleteTopicsResponse> {
  const records: MetadataRecord[] = [];
  const deleted = new Set<string>();
  const byName = req.topicNames.map((name) => ({ name: name as string | null, topicId: ZERO_UUID }));
  const responses = [...byName, ...req.topics].map((t): DeletableTopicResult => {
    const topic = t.name !== null && t.topicId === ZERO_UUID ? image.topicsByName.get(t.name) : image.topicsById.get(t.topicId);
    const result = (errorCode: number, errorMessage: string | null): DeletableTopicResult =>
      ({ name: topic?.name ?? t.name, topicId: topic?.topicId ?? t.topicId, errorCode, errorMessage });
    if (t.name === CLUSTER_METADATA_TOPIC) {
      return result(ErrorCode.INVALID_TOPIC_EXCEPTION, 'The metadata log cannot be deleted.');
    }
    if (!env.config.bool('delete.topic.enable')) return result(ErrorCode.TOPIC_DELETION_DISABLED, 'Topic deletion is disabled.');
    if (!topic) {
      return t.topicId !== ZERO_UUID && t.name === null
        ? result(ErrorCode.UNKNOWN_TOPIC_ID, 'This server does not host this topic ID.')
        : result(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'This server does not host this topic-partition.');
    }
    if (!deleted.has(topic.topicId)) {
      deleted.add(topic.topicId);
      records.push(record(MetadataRecordType.REMOVE_TOPIC, { topicId: topic.topicId }));
    }
    return result(ErrorCode.NONE, null);
  });
  return { records, response: { throttleTimeMs: 0, responses } };
}

export function createPartitions(env: ControllerEnv, image: MetadataImage, req: CreatePartitionsRequest): ControllerResult<CreatePartitionsResponse> {
  const records: MetadataRecord[] = [];
  const results = req.topics.map((t): CreatePartitionsTopicResult => {
    const topic = image.topicsByName.get(t.name);
    const fail = (errorCode: number, errorMessage: string): CreatePartitionsTopicResult => ({ name: t.name, errorCode, errorMessage });
    if (!topic) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, 'This server does not host this topic-partition.');
    const current = topic.partitions.length;
    if (t.count < current) {
      return fail(ErrorCode.INVALID_PARTITIONS, `The topic ${t.name} currently has ${current} partition(s); ${t.count} would not be an increase.`);
    }
    if (t.count === current) return fail(ErrorCode.INVALID_PARTITIONS, `Topic already has ${current} partition(s).`);
    const replicas = newReplicas(env, image, topic, t.count - current, t.assignments);
    if (typeof replicas === 'string') return fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, replicas);
    if (!req.validateOnly) {
      replicas.forEach((r, i) => records.push(partitionRecord(topic.topicId, current + i, r, image)));
    }
    return { name: t.name, errorCode: ErrorCode.NONE, errorMessage: null };
  });
  return { records, response: { throttleTimeMs: 0, results } };
}

function newReplicas(env: ControllerEnv, image: MetadataImage, topic: TopicState, added: number,
  assignments: { brokerIds: number[] }[] | null): number[][] | string {
  const rf = topic.partitions[0]?.replicas.length ?? 1;
  if (assignments !== null) {
    if (assignments.length !== added) return `Attempted to add ${added} additional partition(s), but only ${assignments.length} assignment(s) were specified.`;
    for (const a of assignments) {
      const problem = checkReplicaList(a.brokerIds, image);
      if (problem) return problem;
      if (a.brokerIds.length !== rf) return `Inconsistent replication factor between partitions, partition 0 has ${rf} replicas.`;
    }
    return assignments.map((a) => a.brokerIds);
  }
  const brokers = liveBrokers(image);
  if (rf > brokers.length) return `Unable to replicate the partition ${rf} time(s): only ${brokers.length} broker(s) are registered.`;
  return placeReplicas(brokers, added, rf, Math.floor(env.random() * brokers.length));
}
