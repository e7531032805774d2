// The leader's view of who is in sync: a follower that has not caught up for
// replica.lag.time.max.ms leaves the ISR; one that has fetched up to the high watermark (and into
// the current leader epoch) joins it. Changes go to the controller as AlterPartition requests.
import type { AlterPartitionRequest, AlterPartitionResponse } from '../../protocol/generated/api/56-alter-partition.js';
import { ErrorCode } from '../../protocol/errors.js';
import { RECOVERED, type BrokerState } from '../metadata/image.js';
import type { Partition } from './partition.js';

/**
 * The ISR this leader wants, or null when the current one is right. `fetchedBy` is the follower
 * whose fetch asks (-1 for the periodic check): only it may join, on the progress that fetch just
 * recorded, as in Kafka (Partition.maybeExpandIsr runs in that follower's fetch). Progress recorded
 * earlier may be stale: the follower may have stopped fetching, died or restarted with less.
 */
export function desiredIsr(p: Partition, nodeId: number, nowMs: number, lagMaxMs: number, fetchedBy = -1): number[] | null {
  if (!p.isLeader || p.state.replicas.length <= 1) return null;
  const epochStart = p.leaderEpochStartOffset!;
  const inSync = (id: number): boolean => {
    if (id === nodeId) return true;
    const f = p.followers.get(id);
    if (!f) return false;
    if (p.state.isr.includes(id)) return f.lastCaughtUpMs >= nowMs - lagMaxMs;
    return id === fetchedBy && f.logEndOffset >= p.highWatermark && f.logEndOffset >= epochStart;
  };
  const next = p.state.replicas.filter(inSync);
  const same = next.length === p.state.isr.length && next.every((id) => p.state.isr.includes(id));
  return same ? null : next;
}

export function alterPartitionRequest(p: Partition, nodeId: number, brokerEpoch: number, isr: number[]): AlterPartitionRequest {
  return {
    brokerId: nodeId, brokerEpoch,
    topics: [{
      topicName: p.topic, topicId: p.state.topicId,
      partitions: [{
        partitionIndex: p.partition, leaderEpoch: p.leaderEpoch, newIsr: isr,
        // KIP-903: each member's broker epoch as it fetched (ours for us), so the controller refuses
        // a member whose incarnation has changed since (INELIGIBLE_REPLICA).
        newIsrWithEpochs: isr.map((id) => ({ brokerId: id, brokerEpoch: id === nodeId ? brokerEpoch : p.followers.get(id)?.brokerEpoch ?? -1 })),
        // A leader has recovered once it leads: its log is whole on this disk (Kafka's makeLeader
        // marks itself RECOVERED after an unclean election, and says so with its next ISR change).
        leaderRecoveryState: RECOVERED, partitionEpoch: p.state.partitionEpoch,
      }],
    }],
  };
}

/**
 * Kafka's isReplicaIsrEligible (KRaft): a follower joins the ISR only if the image has it unfenced,
 * not shutting down, and registered at the broker epoch it fetched with; else the controller would
 * refuse (INELIGIBLE_REPLICA) and every fetch of the follower would ask again. Members the ISR has
 * already are not checked (a shrink is the controller's to refuse); a broker the image does not
 * know yet is left to the controller. Null when nothing is left to change.
 */
export function withoutIneligible(p: Partition, isr: number[] | null, brokerOf: (id: number) => BrokerState | undefined): number[] | null {
  if (isr === null) return null;
  const eligible = (id: number): boolean => {
    if (p.state.isr.includes(id)) return true;
    const broker = brokerOf(id);
    if (broker === undefined) return true;
    const fetchedWith = p.followers.get(id)?.brokerEpoch ?? -1;
    return !broker.fenced && !broker.inControlledShutdown && (fetchedWith === -1 || fetchedWith === broker.epoch);
  };
  const next = isr.filter(eligible);
  const same = next.length === p.state.isr.length && next.every((id) => p.state.isr.includes(id));
  return same ? null : next;
}

/** What an AlterPartition answer means for the partition's pending ISR change. */
export function isrChangeOutcome(p: Partition, res: AlterPartitionResponse): 'answered' | 'refused' {
  const answer = res.topics.flatMap((t) => t.partitions).find((r) => r.partitionIndex === p.partition);
  const errorCode = res.errorCode !== ErrorCode.NONE ? res.errorCode : answer?.errorCode ?? ErrorCode.UNKNOWN_SERVER_ERROR;
  // Committed; or the controller has a newer partition epoch than our image (something changed the
  // partition, perhaps our own earlier request): either way the image must catch up first.
  return errorCode === ErrorCode.NONE || errorCode === ErrorCode.INVALID_UPDATE_VERSION ? 'answered' : 'refused';
}

export type AlterPartitionSender = (req: AlterPartitionRequest) => Promise<AlterPartitionResponse>;
