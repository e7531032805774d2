// Changing the voter set (KIP-853), on the leader: AddRaftVoter, RemoveRaftVoter and
// UpdateRaftVoter (and kraftling's weight changes) each append one VotersRecord, with Kafka's rules (AddVoterHandler,
// RemoveVoterHandler, UpdateVoterHandler): only a leader that has committed an offset in its own
// epoch, only at kraft.version 1, one change at a time (the previous VotersRecord is committed),
// and a new voter must be an observer that has caught up. The new set counts from the moment it is
// appended; a leader that removed itself hands over once the removal commits.
import { ErrorCode } from '../../protocol/errors.js';
import { describeBatch } from './batches.js';
import type { RaftCore } from './core.js';
import { noteStaticVoter } from './kraft-upgrade.js';
import { encodeVotersBatch } from './voter-history.js';
import { changeKeepsOverlap } from './quorum-math.js';
import { sameEndpoints, type Voter, type VoterSet } from './voter-set.js';

export type VoterChangeResult =
  | { errorCode: typeof ErrorCode.NONE; errorMessage: null; epoch: number; lastOffset: number }
  | { errorCode: number; errorMessage: string; epoch?: undefined; lastOffset?: undefined };

function refused(errorCode: number, errorMessage: string): VoterChangeResult {
  return { errorCode, errorMessage };
}

/** Why this node cannot change the voter set now, or undefined when it can. */
function changeRefusal(core: RaftCore): VoterChangeResult | undefined {
  const s = core.state;
  if (s.role !== 'leader') return refused(ErrorCode.NOT_LEADER_OR_FOLLOWER, `node ${core.nodeId} is not the leader`);
  // Until the leader commits in its epoch it does not know which VotersRecord of an earlier epoch
  // survives; a change then could be decided against a set that a truncation rolls back.
  if (core.highWatermark <= s.progress.epochStartOffset) {
    return refused(ErrorCode.REQUEST_TIMED_OUT, 'the leader has not committed an offset in its epoch yet');
  }
  if (core.quorum.kraftVersion < 1) {
    return refused(ErrorCode.UNSUPPORTED_VERSION, 'kraft.version is 0: the voters are static (controller.quorum.voters)');
  }
  if (core.quorum.votersOffset >= core.highWatermark) {
    return refused(ErrorCode.REQUEST_TIMED_OUT, `the voter change at offset ${core.quorum.votersOffset} is not committed yet`);
  }
  return undefined;
}

function appendVoters(core: RaftCore, voters: VoterSet): VoterChangeResult {
  // Weighted voters: a change that would let an old quorum and a new one decide apart is refused
  // (with weight 1 everywhere, one voter in or out always passes).
  if (!changeKeepsOverlap(core.voters.weights, voters.weights)) {
    return refused(ErrorCode.INVALID_REQUEST, `from weights ${describeWeights(core.voters)} to ${describeWeights(voters)} an old quorum and a new one could decide apart: change weights in smaller steps`);
  }
  const epoch = core.state.epoch;
  const batch = describeBatch(encodeVotersBatch(-1, voters, core.log.logEndOffset, epoch, core.nowMs));
  core.log.append(batch);
  return { errorCode: ErrorCode.NONE, errorMessage: null, epoch, lastOffset: batch.lastOffset };
}

export function addVoter(core: RaftCore, voter: Voter): VoterChangeResult {
  const refusal = changeRefusal(core);
  if (refusal !== undefined) return refusal;
  const s = core.state;
  if (s.role !== 'leader') return refused(ErrorCode.NOT_LEADER_OR_FOLLOWER, 'not the leader');
  if (core.voters.has(voter.id)) return refused(ErrorCode.DUPLICATE_VOTER, `node ${voter.id} is already a voter`);
  if (voter.endpoints.length === 0) return refused(ErrorCode.INVALID_REQUEST, `node ${voter.id} has no endpoints`);
  if (!s.progress.isObserverCaughtUp(voter.id, voter.directoryId, core.nowMs)) {
    return refused(ErrorCode.REQUEST_TIMED_OUT, `node ${voter.id} (directory ${voter.directoryId}) is not a caught-up observer`);
  }
  return appendVoters(core, core.voters.withVoter(voter));
}

export function removeVoter(core: RaftCore, voterId: number, directoryId: string): VoterChangeResult {
  const refusal = changeRefusal(core);
  if (refusal !== undefined) return refusal;
  if (!core.voters.hasKey(voterId, directoryId)) return refused(ErrorCode.VOTER_NOT_FOUND, `node ${voterId} (directory ${directoryId}) is not a voter`);
  if (core.voters.size === 1) return refused(ErrorCode.INVALID_REQUEST, 'the last voter cannot be removed');
  return appendVoters(core, core.voters.without(voterId));
}

/** A voter's new endpoints or kraft.version range; a change that changes nothing appends nothing.
 * At kraft.version 0 the leader only remembers it (kraft-upgrade.ts). */
export function updateVoter(core: RaftCore, voter: Voter): VoterChangeResult {
  if (core.quorum.kraftVersion < 1) return noteStaticVoter(core, voter);
  const refusal = changeRefusal(core);
  if (refusal !== undefined) return refusal;
  const current = core.voters.get(voter.id);
  if (current === undefined || !core.voters.hasKey(voter.id, voter.directoryId)) {
    return refused(ErrorCode.VOTER_NOT_FOUND, `node ${voter.id} (directory ${voter.directoryId}) is not a voter`);
  }
  const level = core.quorum.kraftVersion;
  if (voter.kraftVersion.min > level || voter.kraftVersion.max < level) {
    return refused(ErrorCode.INVALID_REQUEST, `node ${voter.id} does not support kraft.version ${level}`);
  }
  if (voter.endpoints.length === 0) return refused(ErrorCode.INVALID_REQUEST, `node ${voter.id} has no endpoints`);
  const same = sameEndpoints(current.endpoints, voter.endpoints) &&
    current.kraftVersion.min === voter.kraftVersion.min && current.kraftVersion.max === voter.kraftVersion.max;
  if (same) return { errorCode: ErrorCode.NONE, errorMessage: null, epoch: core.state.epoch, lastOffset: core.quorum.votersOffset };
  return appendVoters(core, core.voters.withVoter({ ...voter, directoryId: current.directoryId, weight: current.weight }));
}

/** The highest weight a voter may have: enough for any layout, small enough to add up exactly. */
export const MAX_VOTER_WEIGHT = 1000;

function describeWeights(voters: VoterSet): string {
  return voters.voters.map((v) => `${v.id}:${v.weight}`).join(',');
}

/** A voter's weight, set by an operator (kraftling's extension): one VotersRecord, as other changes. */
export function setVoterWeight(core: RaftCore, voterId: number, directoryId: string, weight: number): VoterChangeResult {
  const refusal = changeRefusal(core);
  if (refusal !== undefined) return refusal;
  const current = core.voters.get(voterId);
  if (current === undefined || !core.voters.hasKey(voterId, directoryId)) {
    return refused(ErrorCode.VOTER_NOT_FOUND, `node ${voterId} (directory ${directoryId}) is not a voter`);
  }
  if (!Number.isInteger(weight) || weight < 0 || weight > MAX_VOTER_WEIGHT) {
    return refused(ErrorCode.INVALID_REQUEST, `a weight is an integer from 0 to ${MAX_VOTER_WEIGHT}, not ${weight}`);
  }
  if (weight === current.weight) return { errorCode: ErrorCode.NONE, errorMessage: null, epoch: core.state.epoch, lastOffset: core.quorum.votersOffset };
  const next = core.voters.withVoter({ ...current, weight });
  if (next.voters.every((v) => v.weight === 0)) return refused(ErrorCode.INVALID_REQUEST, 'the voters\' weights cannot all be 0');
  return appendVoters(core, next);
}

/** A leader no longer in the voter set steps down once that set is committed (KafkaRaftClient). */
export function maybeResignAfterRemoval(core: RaftCore): void {
  const s = core.state;
  if (s.role !== 'leader' || core.isVoter || core.highWatermark <= core.quorum.votersOffset) return;
  core.becomeResigned(s.progress.successorsByEndOffset());
}
