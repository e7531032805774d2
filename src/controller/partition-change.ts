// One change to a partition, built the way Kafka's PartitionChangeBuilder builds it: the wanted
// ISR, replicas and reassignment lists go in; a reassignment whose target replicas are all in the
// ISR completes (replicas = target, the removed ones leave); a leader is elected when the current
// one is out of the ISR, fenced, or not preferred in a preferred election; an unclean leader is the
// whole ISR and RECOVERING (KIP-704) until it says otherwise; and the record carries only what
// changed (null when nothing did).
import { RECOVERING, type MetadataImage, type PartitionState } from '../metadata/image.js';
import { MetadataRecordType, record, type MetadataRecord } from '../metadata/records.js';

export const NO_LEADER = -1;
/** A PartitionChangeRecord's leader value meaning "unchanged". */
export const NO_LEADER_CHANGE = -2;

/** 'preferred' moves leadership to the first replica; 'unclean' may pick a replica outside the ISR. */
export type Election = 'any' | 'preferred' | 'unclean';

export interface PartitionTarget {
  isr?: readonly number[];
  replicas?: readonly number[];
  adding?: readonly number[];
  removing?: readonly number[];
  election?: Election;
  /** Write the ISR into the record even when it is unchanged (AlterPartition always does). */
  forceIsr?: boolean;
  /** The leader's recovery state (AlterPartition's); default unchanged. */
  leaderRecoveryState?: number;
}

export interface PartitionChange {
  /** The record to append, or null when nothing changes. */
  record: MetadataRecord | null;
  /** The partition as it is once the record applies. */
  after: PartitionState;
  /** True when the new leader came from outside the ISR (data may be lost). */
  unclean: boolean;
}

/** A broker that may lead: registered, unfenced and not shutting down. */
export function acceptableLeader(image: MetadataImage, id: number): boolean {
  const b = image.brokers.get(id);
  return b !== undefined && !b.fenced && !b.inControlledShutdown;
}

export function reassigning(p: PartitionState): boolean {
  return (p.addingReplicas?.length ?? 0) > 0 || (p.removingReplicas?.length ?? 0) > 0;
}

export function buildPartitionChange(image: MetadataImage, p: PartitionState, target: PartitionTarget): PartitionChange {
  let replicas = target.replicas ?? p.replicas;
  let isr = target.isr ?? p.isr;
  let adding = target.adding ?? p.addingReplicas ?? [];
  let removing = target.removing ?? p.removingReplicas ?? [];
  if (adding.length > 0 || removing.length > 0) {
    // Kafka's maybeCompleteReassignment: done once every target replica is in the ISR.
    const targetIsr = isr.filter((id) => !removing.includes(id));
    const targetReplicas = replicas.filter((id) => !removing.includes(id));
    if (targetIsr.length > 0 && targetReplicas.length > 0 && targetReplicas.every((id) => targetIsr.includes(id))) {
      replicas = targetReplicas;
      isr = targetIsr;
      adding = [];
      removing = [];
    }
  }
  const election = target.election ?? 'any';
  let leader = p.leader;
  let unclean = false;
  let recovery = target.leaderRecoveryState ?? p.leaderRecoveryState;
  if (needsElection(image, p, replicas, isr, election)) {
    const elected = electLeader(image, p.leader, replicas, isr, election);
    leader = elected.leader;
    unclean = elected.unclean;
    // An unclean leader is the whole ISR: what the others had beyond its log is gone. It recovers
    // before anyone joins it (Kafka's tryElection).
    if (unclean) {
      isr = [leader];
      recovery = RECOVERING;
    }
  }
  const data = {
    partitionId: p.partitionId, topicId: p.topicId,
    isr: target.forceIsr || !sameList(isr, p.isr) ? [...isr] : null,
    leader: leader !== p.leader ? leader : NO_LEADER_CHANGE,
    replicas: sameList(replicas, p.replicas) ? null : [...replicas],
    addingReplicas: sameList(adding, p.addingReplicas ?? []) ? null : [...adding],
    removingReplicas: sameList(removing, p.removingReplicas ?? []) ? null : [...removing],
    leaderRecoveryState: recovery !== p.leaderRecoveryState ? recovery : -1, directories: null, eligibleLeaderReplicas: null, lastKnownElr: null,
  };
  const changed = data.isr !== null || data.leader !== NO_LEADER_CHANGE || data.replicas !== null ||
    data.addingReplicas !== null || data.removingReplicas !== null || data.leaderRecoveryState !== -1;
  const after: PartitionState = {
    ...p, replicas, isr, leader, leaderRecoveryState: recovery, partitionEpoch: changed ? p.partitionEpoch + 1 : p.partitionEpoch,
    leaderEpoch: leader !== p.leader ? p.leaderEpoch + 1 : p.leaderEpoch,
  };
  delete after.addingReplicas;
  delete after.removingReplicas;
  if (adding.length > 0) after.addingReplicas = adding;
  if (removing.length > 0) after.removingReplicas = removing;
  return { record: changed ? record(MetadataRecordType.PARTITION_CHANGE, data) : null, after, unclean };
}

function needsElection(image: MetadataImage, p: PartitionState, replicas: readonly number[], isr: readonly number[],
  election: Election): boolean {
  if (!isr.includes(p.leader) || !replicas.includes(p.leader) || !acceptableLeader(image, p.leader)) return true;
  return election === 'preferred' && replicas[0] !== p.leader;
}

/** Kafka's electPreferredLeader / electAnyLeader, without eligible leader replicas (KIP-966). */
function electLeader(image: MetadataImage, current: number, replicas: readonly number[], isr: readonly number[],
  election: Election): { leader: number; unclean: boolean } {
  const valid = (id: number): boolean => isr.includes(id) && replicas.includes(id) && acceptableLeader(image, id);
  if (election === 'preferred' && valid(replicas[0]!)) return { leader: replicas[0]!, unclean: false };
  if (valid(current)) return { leader: current, unclean: false };
  const clean = replicas.find(valid);
  if (clean !== undefined) return { leader: clean, unclean: false };
  if (election === 'unclean') {
    const any = replicas.find((id) => acceptableLeader(image, id));
    if (any !== undefined) return { leader: any, unclean: true };
  }
  return { leader: NO_LEADER, unclean: false };
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
