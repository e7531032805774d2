// Leader elections the active controller runs on request (ElectLeaders, KIP-460) or on its own:
// preferred-leader elections (auto.leader.rebalance.enable) and unclean elections of leaderless
// partitions whose topic allows them (unclean.leader.election.enable). Each builds its records
// with partition-change.ts, as Kafka's ReplicationControlManager does with PartitionChangeBuilder.
import type { ElectLeadersRequest, ElectLeadersResponse, PartitionResult, ReplicaElectionResult } from '../../protocol/generated/api/43-elect-leaders.js';
import { ErrorCode, kafkaError } from '../../protocol/errors.js';
import { topicConfigValue } from '../config/effective.js';
import { topicConfigs, type MetadataImage, type PartitionState } from '../metadata/image.js';
import type { MetadataRecord } from '../metadata/records.js';
import { dynamicBrokerConfigs } from '../metadata/image.js';
import type { ControllerEnv, ControllerResult } from './env.js';
import { acceptableLeader, buildPartitionChange, NO_LEADER } from './partition-change.js';

const PREFERRED = 0;
const UNCLEAN = 1;

/** The effective unclean.leader.election.enable of a topic: its own, else the brokers'. */
export function uncleanAllowed(env: ControllerEnv, image: MetadataImage, topic: string): boolean {
  const dynamic = dynamicBrokerConfigs(image, env.config.nodeId);
  return topicConfigValue(env.config, dynamic, topicConfigs(image, topic), 'unclean.leader.election.enable') === 'true';
}

export function electLeaders(_env: ControllerEnv, image: MetadataImage, req: ElectLeadersRequest): ControllerResult<ElectLeadersResponse> {
  const records: MetadataRecord[] = [];
  if (req.electionType !== PREFERRED && req.electionType !== UNCLEAN) {
    const invalid = (req.topicPartitions ?? []).map((t) => ({
      topic: t.topic, partitionResult: t.partitions.map((partitionId) => result(partitionId, ErrorCode.INVALID_REQUEST, `Unknown election type ${req.electionType}`)),
    }));
    return { records, response: { throttleTimeMs: 0, errorCode: ErrorCode.INVALID_REQUEST, replicaElectionResults: invalid } };
  }
  const unclean = req.electionType === UNCLEAN;
  const done = new Set<string>();
  let results: ReplicaElectionResult[];
  if (req.topicPartitions === null) {
    // Every partition; as Kafka, those that already have the wanted leader are left out.
    results = [...image.topicsByName.values()].map((t) => ({
      topic: t.name,
      partitionResult: t.partitions.map((_, i) => electOne(image, t.name, i, unclean, records, done))
        .filter((r) => r.errorCode !== ErrorCode.ELECTION_NOT_NEEDED),
    }));
  } else {
    results = req.topicPartitions.map((t) => ({
      topic: t.topic, partitionResult: t.partitions.map((i) => electOne(image, t.topic, i, unclean, records, done)),
    }));
  }
  return { records, response: { throttleTimeMs: 0, errorCode: ErrorCode.NONE, replicaElectionResults: results } };
}

function electOne(image: MetadataImage, topicName: string, partitionId: number, unclean: boolean, records: MetadataRecord[],
  done: Set<string>): PartitionResult {
  const topic = image.topicsByName.get(topicName);
  if (!topic) return result(partitionId, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `No such topic as ${topicName}`);
  const p = topic.partitions[partitionId];
  if (!p) return result(partitionId, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `No such partition as ${topicName}-${partitionId}`);
  // A partition named twice in one request is elected once.
  const key = `${p.topicId}:${partitionId}`;
  if (done.has(key)) return result(partitionId, ErrorCode.NONE, null);
  if (unclean ? p.leader !== NO_LEADER : p.leader === p.replicas[0]) return result(partitionId, ErrorCode.ELECTION_NOT_NEEDED);
  const change = buildPartitionChange(image, p, { election: unclean ? 'unclean' : 'preferred' });
  if (change.record === null) {
    return result(partitionId, unclean ? ErrorCode.ELIGIBLE_LEADERS_NOT_AVAILABLE : ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE);
  }
  records.push(change.record);
  done.add(key);
  return result(partitionId, ErrorCode.NONE, null);
}

function result(partitionId: number, errorCode: number, errorMessage?: string | null): PartitionResult {
  return { partitionId, errorCode, errorMessage: errorMessage === undefined ? kafkaError(errorCode)?.message ?? null : errorMessage };
}

function* allPartitions(image: MetadataImage): Generator<PartitionState> {
  for (const topic of image.topicsById.values()) for (const p of topic.partitions) if (p) yield p;
}

/**
 * Moves leadership back to preferred replicas that are in the ISR and may lead (Kafka's
 * maybeBalancePartitionLeaders), at most `limit` partitions at a time.
 */
export function preferredElections(image: MetadataImage, limit: number): MetadataRecord[] {
  const records: MetadataRecord[] = [];
  for (const p of allPartitions(image)) {
    if (records.length >= limit) break;
    const preferred = p.replicas[0]!;
    if (p.leader === preferred || !p.isr.includes(preferred) || !acceptableLeader(image, preferred)) continue;
    const change = buildPartitionChange(image, p, { election: 'preferred' });
    if (change.record) records.push(change.record);
  }
  return records;
}

/** Leaderless partitions whose topic allows it get a live replica from outside the ISR as leader. */
export function uncleanElections(env: ControllerEnv, image: MetadataImage): MetadataRecord[] {
  const records: MetadataRecord[] = [];
  for (const topic of image.topicsById.values()) {
    let allowed: boolean | undefined;
    for (const p of topic.partitions) {
      if (!p || p.leader !== NO_LEADER) continue;
      allowed ??= uncleanAllowed(env, image, topic.name);
      if (!allowed) break;
      const change = buildPartitionChange(image, p, { election: 'unclean' });
      if (change.record) records.push(change.record);
    }
  }
  return records;
}
