// Partition reassignments on the active controller (KIP-455), as Kafka's KRaft controller does
// them. A new target puts replicas = target followed by the replicas being removed, and records
// addingReplicas / removingReplicas; the leader then brings the new replicas into the ISR through
// AlterPartition, and the change that makes every target replica in-sync completes the
// reassignment (replicas = target, the removed ones leave the ISR, leadership moves if the leader
// was removed: see partition-change.ts). Null replicas cancel: the adding replicas are dropped
// and the original replica set comes back.
import type {
  AlterPartitionReassignmentsRequest, AlterPartitionReassignmentsResponse, ReassignablePartition,
} from '../../protocol/generated/api/45-alter-partition-reassignments.js';
import type {
  ListPartitionReassignmentsRequest, ListPartitionReassignmentsResponse, OngoingTopicReassignment,
} from '../../protocol/generated/api/46-list-partition-reassignments.js';
import { ErrorCode, kafkaError } from '../../protocol/errors.js';
import type { MetadataImage, PartitionState, TopicState } from '../metadata/image.js';
import type { MetadataRecord } from '../metadata/records.js';
import { checkReplicaList } from './create-topics.js';
import type { ControllerEnv, ControllerResult } from './env.js';
import { buildPartitionChange, reassigning } from './partition-change.js';
import { uncleanAllowed } from './leader-elections.js';

type Outcome = { errorCode: number; errorMessage: string | null };
const OK: Outcome = { errorCode: ErrorCode.NONE, errorMessage: null };

export function alterPartitionReassignments(env: ControllerEnv, image: MetadataImage,
  req: AlterPartitionReassignmentsRequest): ControllerResult<AlterPartitionReassignmentsResponse> {
  const records: MetadataRecord[] = [];
  const staged: Staged = { records, after: new Map() };
  const responses = req.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, ...reassign(env, image, t.name, p, staged) })),
  }));
  return { records, response: { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, responses } };
}

/** Records proposed so far by this request, and the partitions as they leave them. */
interface Staged {
  records: MetadataRecord[];
  after: Map<string, PartitionState>;
}

function reassign(env: ControllerEnv, image: MetadataImage, topicName: string, target: ReassignablePartition,
  staged: Staged): Outcome {
  const topic = image.topicsByName.get(topicName);
  if (!topic) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Unable to find a topic named ${topicName}.`);
  // Requests are answered in order: a second change to one partition builds on the first.
  const p = staged.after.get(`${topic.topicId}:${target.partitionIndex}`) ?? topic.partitions[target.partitionIndex];
  if (!p) return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Unable to find partition ${topicName}:${target.partitionIndex}.`);
  if (target.replicas === null) return cancel(env, image, topic, p, staged);
  const problem = checkReplicaList(target.replicas, image);
  if (problem) return fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT, problem);
  // As Kafka: the current replica set (adding ones included) is what the new target replaces.
  const removing = sorted(p.replicas.filter((id) => !target.replicas!.includes(id)));
  const adding = sorted(target.replicas.filter((id) => !p.replicas.includes(id)));
  const change = buildPartitionChange(image, p, { replicas: [...target.replicas, ...removing], adding, removing });
  stage(staged, change.record, change.after);
  return OK;
}

function cancel(env: ControllerEnv, image: MetadataImage, topic: TopicState, p: PartitionState, staged: Staged): Outcome {
  if (!reassigning(p)) return fail(ErrorCode.NO_REASSIGNMENT_IN_PROGRESS, kafkaError(ErrorCode.NO_REASSIGNMENT_IN_PROGRESS)!.message);
  // Kafka's PartitionReassignmentRevert: drop what was being added, keep what was being removed.
  const adding = p.addingReplicas ?? [];
  const replicas = p.replicas.filter((id) => !adding.includes(id));
  let isr = p.isr.filter((id) => !adding.includes(id));
  const unclean = uncleanAllowed(env, image, topic.name);
  if (isr.length === 0) {
    if (!unclean) {
      return fail(ErrorCode.INVALID_REPLICA_ASSIGNMENT,
        `Unable to revert partition assignment for ${topic.name}:${p.partitionId} because it would require an unclean leader election.`);
    }
    isr = [replicas[0]!];
  }
  const change = buildPartitionChange(image, p, { replicas, isr, adding: [], removing: [], election: unclean ? 'unclean' : 'any' });
  stage(staged, change.record, change.after);
  return OK;
}

export function listPartitionReassignments(_env: ControllerEnv, image: MetadataImage,
  req: ListPartitionReassignmentsRequest): ControllerResult<ListPartitionReassignmentsResponse> {
  const topics: OngoingTopicReassignment[] = [];
  const wanted = req.topics ?? [...image.topicsByName.values()].map((t) => ({ name: t.name, partitionIndexes: t.partitions.map((_, i) => i) }));
  for (const w of wanted) {
    const topic = image.topicsByName.get(w.name);
    // Kafka leaves out topics and partitions it does not know, and those not being reassigned.
    const partitions = w.partitionIndexes.flatMap((i) => {
      const p = topic?.partitions[i];
      if (!p || !reassigning(p)) return [];
      return [{ partitionIndex: i, replicas: [...p.replicas], addingReplicas: [...(p.addingReplicas ?? [])], removingReplicas: [...(p.removingReplicas ?? [])] }];
    });
    if (partitions.length > 0) topics.push({ name: w.name, partitions });
  }
  return { records: [], response: { throttleTimeMs: 0, errorCode: ErrorCode.NONE, errorMessage: null, topics } };
}

function stage(staged: Staged, record: MetadataRecord | null, after: PartitionState): void {
  if (record === null) return;
  staged.records.push(record);
  staged.after.set(`${after.topicId}:${after.partitionId}`, after);
}

function fail(errorCode: number, errorMessage: string | null): Outcome {
  return { errorCode, errorMessage };
}

function sorted(ids: number[]): number[] {
  return ids.sort((a, b) => a - b);
}
