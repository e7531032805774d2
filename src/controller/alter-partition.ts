// AlterPartition (KIP-497) on the active controller: a partition leader asks to shrink or expand
// its ISR. The controller checks that the request comes from the current leader at the current
// leader and partition epochs, that every new ISR member is a live broker of the replica set, and
// commits the change as a PartitionChangeRecord. A leader elected uncleanly is RECOVERING (KIP-704):
// its ISR may not grow until it says RECOVERED, and nothing goes back to RECOVERING.
import type {
  AlterPartitionRequest, AlterPartitionRequestPartitionData, AlterPartitionResponse, AlterPartitionResponsePartitionData,
} from '../../protocol/generated/api/56-alter-partition.js';
import { ErrorCode } from '../../protocol/errors.js';
import { RECOVERED, RECOVERING, type MetadataImage, type PartitionState } from '../metadata/image.js';
import type { MetadataRecord } from '../metadata/records.js';
import type { ControllerEnv, ControllerResult } from './env.js';
import { buildPartitionChange } from './partition-change.js';

export function alterPartition(_env: ControllerEnv, image: MetadataImage, req: AlterPartitionRequest): ControllerResult<AlterPartitionResponse> {
  const broker = image.brokers.get(req.brokerId);
  if (!broker) return { records: [], response: { throttleTimeMs: 0, errorCode: ErrorCode.BROKER_ID_NOT_REGISTERED, topics: [] } };
  if (req.brokerEpoch !== -1 && broker.epoch !== req.brokerEpoch) {
    return { records: [], response: { throttleTimeMs: 0, errorCode: ErrorCode.STALE_BROKER_EPOCH, topics: [] } };
  }
  const records: MetadataRecord[] = [];
  const topics = req.topics.map((t) => {
    const topic = t.topicName !== '' ? image.topicsByName.get(t.topicName) : image.topicsById.get(t.topicId);
    return {
      topicName: t.topicName, topicId: t.topicId,
      partitions: t.partitions.map((p): AlterPartitionResponsePartitionData => {
        const state = topic?.partitions[p.partitionIndex];
        if (!state) return failed(p.partitionIndex, topic ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.UNKNOWN_TOPIC_ID);
        const error = check(image, req.brokerId, state, p);
        if (error !== ErrorCode.NONE) return failed(p.partitionIndex, error);
        // The new ISR may complete a reassignment (partition-change.ts), which can move leadership.
        const { record: change, after } = buildPartitionChange(image, state, { isr: requestedIsr(p), forceIsr: true, leaderRecoveryState: p.leaderRecoveryState });
        records.push(change!);
        return {
          partitionIndex: p.partitionIndex, errorCode: ErrorCode.NONE, leaderId: after.leader, leaderEpoch: after.leaderEpoch,
          isr: [...after.isr], leaderRecoveryState: after.leaderRecoveryState, partitionEpoch: after.partitionEpoch,
        };
      }),
    };
  });
  return { records, response: { throttleTimeMs: 0, errorCode: ErrorCode.NONE, topics } };
}

function requestedIsr(p: AlterPartitionRequestPartitionData): number[] {
  return p.newIsrWithEpochs.length > 0 ? p.newIsrWithEpochs.map((b) => b.brokerId) : p.newIsr;
}

function check(image: MetadataImage, brokerId: number, state: PartitionState, p: AlterPartitionRequestPartitionData): number {
  if (state.leader !== brokerId) return ErrorCode.NOT_LEADER_OR_FOLLOWER;
  if (p.leaderEpoch < state.leaderEpoch) return ErrorCode.FENCED_LEADER_EPOCH;
  if (p.leaderEpoch > state.leaderEpoch || p.partitionEpoch !== state.partitionEpoch) return ErrorCode.INVALID_UPDATE_VERSION;
  const isr = requestedIsr(p);
  if (isr.length === 0 || !isr.includes(brokerId)) return ErrorCode.INVALID_REQUEST;
  // Kafka's validateAlterPartitionData: a recovering leader is its ISR alone, and recovery is one way.
  if (p.leaderRecoveryState === RECOVERING && isr.length > 1) return ErrorCode.INVALID_REQUEST;
  if (state.leaderRecoveryState === RECOVERED && p.leaderRecoveryState === RECOVERING) return ErrorCode.INVALID_REQUEST;
  for (const b of p.newIsrWithEpochs.length > 0 ? p.newIsrWithEpochs : isr.map((id) => ({ brokerId: id, brokerEpoch: -1 }))) {
    const member = image.brokers.get(b.brokerId);
    if (!state.replicas.includes(b.brokerId) || !member || member.fenced || member.inControlledShutdown) return ErrorCode.INELIGIBLE_REPLICA;
    if (b.brokerEpoch !== -1 && member.epoch !== b.brokerEpoch) return ErrorCode.INELIGIBLE_REPLICA;
  }
  return ErrorCode.NONE;
}

function failed(partitionIndex: number, errorCode: number): AlterPartitionResponsePartitionData {
  return { partitionIndex, errorCode, leaderId: -1, leaderEpoch: -1, isr: [], leaderRecoveryState: 0, partitionEpoch: -1 };
}
