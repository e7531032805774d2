// The roles of a KRaft replica (Kafka's EpochState classes) as plain data, and what of them goes
// into the quorum-state file. Every role carries the epoch, the leader it knows and the vote it
// cast in that epoch, which is exactly the persistent part.
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';
import type { QuorumStateData } from '../../protocol/generated/data/quorum-state-data.js';
import type { LeaderProgress } from './leader-progress.js';
import type { SnapshotId } from './log-seams.js';
import type { Voter } from './voter-set.js';

export type RoleName = 'unattached' | 'prospective' | 'candidate' | 'leader' | 'follower' | 'resigned';

interface EpochFields {
  epoch: number;
  /** The leader of this epoch, or -1. A prospective remembers the leader it stopped hearing from. */
  leaderId: number;
  /** The candidate this node voted for in this epoch, or -1. */
  votedId: number;
}

/** Votes collected by a prospective (pre-votes) or a candidate; the node's own is in granted. */
export interface Election {
  granted: Set<number>;
  rejected: Set<number>;
}

export interface UnattachedState extends EpochFields {
  role: 'unattached';
  /** When a voter starts an election; an observer instead looks for the leader when it can. */
  electionDeadlineMs: number;
}

export interface ProspectiveState extends EpochFields {
  role: 'prospective';
  election: Election;
  electionDeadlineMs: number;
}

export interface CandidateState extends EpochFields {
  role: 'candidate';
  election: Election;
  electionDeadlineMs: number;
  /** Set once the election is lost: the next election starts then. */
  backoffUntilMs: number | undefined;
}

export interface SnapshotDownload {
  snapshotId: SnapshotId;
  position: number;
}

export interface FollowerState extends EpochFields {
  role: 'follower';
  fetchDeadlineMs: number;
  /** Kafka's hasFetchedFromLeader: a follower that has heard from its leader rejects pre-votes. */
  hasFetchedFromLeader: boolean;
  snapshotDownload: SnapshotDownload | undefined;
}

export interface LeaderState extends EpochFields {
  role: 'leader';
  progress: LeaderProgress;
  /** At kraft.version 0: what each voter announced with UpdateRaftVoter (its directory id,
   * endpoints and kraft.version range), kept in memory for an upgrade to kraft.version 1. */
  announcedVoters: Map<number, Voter>;
}

export interface ResignedState extends EpochFields {
  role: 'resigned';
  electionDeadlineMs: number;
  /** Voters that have not acknowledged our EndQuorumEpoch yet. */
  unacknowledged: Set<number>;
  preferredSuccessors: number[];
}

export type RoleState = UnattachedState | ProspectiveState | CandidateState | FollowerState | LeaderState | ResignedState;

/** What the driver and the runtime are told of the role. */
export interface RoleInfo {
  role: RoleName;
  epoch: number;
  leaderId: number;
  votedId: number;
}

export function roleInfo(state: RoleState): RoleInfo {
  return { role: state.role, epoch: state.epoch, leaderId: state.leaderId, votedId: state.votedId };
}

/** Whether the leader of the current epoch is known (a prospective's memory does not count). */
export function hasLeader(state: RoleState): boolean {
  return state.role !== 'prospective' && state.leaderId >= 0;
}

export function quorumStateData(state: RoleState, clusterId: string | null, voterIds: readonly number[]): QuorumStateData {
  return {
    clusterId: clusterId ?? '',
    leaderId: state.leaderId,
    leaderEpoch: state.epoch,
    votedId: state.votedId,
    votedDirectoryId: ZERO_UUID,
    appliedOffset: 0,
    currentVoters: voterIds.map((voterId) => ({ voterId })),
  };
}

export function sameQuorumState(a: QuorumStateData, b: QuorumStateData): boolean {
  return a.leaderEpoch === b.leaderEpoch && a.leaderId === b.leaderId && a.votedId === b.votedId;
}
