// Builders for the single-partition requests and responses of the Raft APIs, and the reverse: the
// one metadata partition of a request or response, or undefined when it names anything else.
import {
  defaultBeginQuorumEpochRequest,
  defaultBeginQuorumEpochRequestPartitionData,
  defaultBeginQuorumEpochResponse,
  defaultBeginQuorumEpochResponsePartitionData,
  type BeginQuorumEpochResponse,
  type BeginQuorumEpochRequest,
} from '../../protocol/generated/api/53-begin-quorum-epoch.js';
import {
  defaultEndQuorumEpochRequest,
  defaultEndQuorumEpochRequestPartitionData,
  defaultEndQuorumEpochResponse,
  defaultEndQuorumEpochResponsePartitionData,
  type EndQuorumEpochRequest,
  type EndQuorumEpochResponse,
} from '../../protocol/generated/api/54-end-quorum-epoch.js';
import {
  defaultFetchPartition,
  defaultFetchRequest,
  defaultFetchResponse,
  defaultPartitionData,
  type FetchRequest,
  type FetchResponse,
  type PartitionData,
} from '../../protocol/generated/api/01-fetch.js';
import {
  defaultFetchSnapshotRequest,
  defaultFetchSnapshotRequestPartitionSnapshot,
  defaultFetchSnapshotResponse,
  defaultFetchSnapshotResponsePartitionSnapshot,
  type FetchSnapshotRequest,
  type FetchSnapshotResponse,
  type FetchSnapshotResponsePartitionSnapshot,
} from '../../protocol/generated/api/59-fetch-snapshot.js';
import { defaultVoteRequest, defaultVoteRequestPartitionData, defaultVoteResponse, defaultVoteResponsePartitionData, type VoteRequest, type VoteRequestPartitionData, type VoteResponse } from '../../protocol/generated/api/52-vote.js';
import { METADATA_PARTITION, METADATA_TOPIC, METADATA_TOPIC_ID } from './config.js';
import type { SnapshotId } from './log-seams.js';

/** The partition of a one-topic, one-partition message when it is the metadata partition. */
export function metadataPartition<T extends { partitions: readonly unknown[] }>(
  topics: readonly T[],
  topicMatches: (topic: T) => boolean,
  partitionIndex: (partition: T['partitions'][number]) => number,
): T['partitions'][number] | undefined {
  if (topics.length !== 1 || !topicMatches(topics[0]!)) return undefined;
  const partitions = topics[0]!.partitions;
  if (partitions.length !== 1 || partitionIndex(partitions[0]) !== METADATA_PARTITION) return undefined;
  return partitions[0];
}

export const byTopicName = (t: { topicName: string }): boolean => t.topicName === METADATA_TOPIC;
export const byName = (t: { name: string }): boolean => t.name === METADATA_TOPIC;
/** Fetch names the topic by id from v13 and by name before; the codec leaves the other empty. */
export const byTopicOrId = (t: { topic: string; topicId: string }): boolean =>
  t.topic === METADATA_TOPIC || t.topicId === METADATA_TOPIC_ID;

export interface LeaderAndEpoch {
  leaderId: number;
  leaderEpoch: number;
}

export function voteRequest(clusterId: string | null, voterId: number, fields: Omit<VoteRequestPartitionData, 'partitionIndex' | 'candidateDirectoryId' | 'voterDirectoryId'>): VoteRequest {
  const partition = { ...defaultVoteRequestPartitionData(), ...fields, partitionIndex: METADATA_PARTITION };
  return { ...defaultVoteRequest(), clusterId, voterId, topics: [{ topicName: METADATA_TOPIC, partitions: [partition] }] };
}

export function voteResponse(errorCode: number, current: LeaderAndEpoch, voteGranted: boolean): VoteResponse {
  const partition = { ...defaultVoteResponsePartitionData(), errorCode, ...current, voteGranted };
  return { ...defaultVoteResponse(), topics: [{ topicName: METADATA_TOPIC, partitions: [partition] }] };
}

export function beginQuorumEpochRequest(clusterId: string | null, voterId: number, leader: LeaderAndEpoch): BeginQuorumEpochRequest {
  const partition = { ...defaultBeginQuorumEpochRequestPartitionData(), ...leader };
  return { ...defaultBeginQuorumEpochRequest(), clusterId, voterId, topics: [{ topicName: METADATA_TOPIC, partitions: [partition] }] };
}

export function beginQuorumEpochResponse(errorCode: number, current: LeaderAndEpoch): BeginQuorumEpochResponse {
  const partition = { ...defaultBeginQuorumEpochResponsePartitionData(), errorCode, ...current };
  return { ...defaultBeginQuorumEpochResponse(), topics: [{ topicName: METADATA_TOPIC, partitions: [partition] }] };
}

export function endQuorumEpochRequest(clusterId: string | null, leader: LeaderAndEpoch, preferredSuccessors: number[]): EndQuorumEpochRequest {
  const partition = { ...defaultEndQuorumEpochRequestPartitionData(), ...leader, preferredSuccessors };
  return { ...defaultEndQuorumEpochRequest(), clusterId, topics: [{ topicName: METADATA_TOPIC, partitions: [partition] }] };
}

export function endQuorumEpochResponse(errorCode: number, current: LeaderAndEpoch): EndQuorumEpochResponse {
  const partition = { ...defaultEndQuorumEpochResponsePartitionData(), errorCode, ...current };
  return { ...defaultEndQuorumEpochResponse(), topics: [{ topicName: METADATA_TOPIC, partitions: [partition] }] };
}

export interface FetchPosition {
  currentLeaderEpoch: number;
  fetchOffset: number;
  lastFetchedEpoch: number;
  logStartOffset: number;
}

export function fetchRequest(clusterId: string | null, replicaId: number, position: FetchPosition, maxWaitMs: number, maxBytes: number,
  replicaDirectoryId: string): FetchRequest {
  const partition = { ...defaultFetchPartition(), ...position, partition: METADATA_PARTITION, partitionMaxBytes: maxBytes, replicaDirectoryId };
  return {
    ...defaultFetchRequest(),
    clusterId,
    // v15 moved the replica id into ReplicaState; the codec writes whichever the version has.
    replicaId,
    replicaState: { replicaId, replicaEpoch: -1 },
    maxWaitMs,
    minBytes: 1,
    maxBytes,
    topics: [{ topic: METADATA_TOPIC, topicId: METADATA_TOPIC_ID, partitions: [partition] }],
  };
}

/** The fetching replica's id: ReplicaState from v15, the top-level field before. */
export function fetchReplicaId(request: FetchRequest): number {
  return request.replicaState.replicaId >= 0 ? request.replicaState.replicaId : request.replicaId;
}

export function fetchResponse(fields: Partial<PartitionData> & { currentLeader: LeaderAndEpoch }): FetchResponse {
  const partition = { ...defaultPartitionData(), ...fields, partitionIndex: METADATA_PARTITION };
  return {
    ...defaultFetchResponse(),
    responses: [{ topic: METADATA_TOPIC, topicId: METADATA_TOPIC_ID, partitions: [partition] }],
  };
}

export function fetchSnapshotRequest(
  clusterId: string | null,
  replicaId: number,
  currentLeaderEpoch: number,
  snapshotId: SnapshotId,
  position: number,
  maxBytes: number,
): FetchSnapshotRequest {
  const partition = {
    ...defaultFetchSnapshotRequestPartitionSnapshot(),
    partition: METADATA_PARTITION,
    currentLeaderEpoch,
    snapshotId: { endOffset: snapshotId.endOffset, epoch: snapshotId.epoch },
    position,
  };
  return { ...defaultFetchSnapshotRequest(), clusterId, replicaId, maxBytes, topics: [{ name: METADATA_TOPIC, partitions: [partition] }] };
}

export function fetchSnapshotResponse(
  fields: Partial<FetchSnapshotResponsePartitionSnapshot> & { currentLeader: LeaderAndEpoch },
): FetchSnapshotResponse {
  const partition = { ...defaultFetchSnapshotResponsePartitionSnapshot(), ...fields, index: METADATA_PARTITION };
  return { ...defaultFetchSnapshotResponse(), topics: [{ name: METADATA_TOPIC, partitions: [partition] }] };
}

/** A response with only a top-level error, for requests that could not be read as ours. */
export function topLevelError<T extends { errorCode: number }>(defaults: () => T, errorCode: number): T {
  return { ...defaults(), errorCode };
}
