// Elections: Vote and Pre-Vote (KIP-595, KIP-996), BeginQuorumEpoch and EndQuorumEpoch, with the
// timers and requests of the unattached, prospective, candidate and resigned roles.
import { ErrorCode } from '../../protocol/errors.js';
import { defaultVoteResponse, type VoteResponse } from '../../protocol/generated/api/52-vote.js';
import { defaultBeginQuorumEpochResponse, type BeginQuorumEpochResponse } from '../../protocol/generated/api/53-begin-quorum-epoch.js';
import { defaultEndQuorumEpochResponse, type EndQuorumEpochResponse } from '../../protocol/generated/api/54-end-quorum-epoch.js';
import { assert } from './assert.js';
import type { RaftCore } from './core.js';
import { compareOffsetAndEpoch } from './log-seams.js';
import {
  beginQuorumEpochRequest,
  beginQuorumEpochResponse,
  byTopicName,
  endQuorumEpochRequest,
  endQuorumEpochResponse,
  metadataPartition,
  topLevelError,
  voteRequest,
  voteResponse,
} from './message-builders.js';
import type { InboundRequest, InboundResponse } from './messages.js';
import { isMajority, isMajorityLost } from './quorum-math.js';
import type { RoleState } from './roles.js';

type Request<K extends number> = Extract<InboundRequest, { apiKey: K }>;
type Response<K extends number> = Extract<InboundResponse, { apiKey: K }>;

/**
 * Whether this node and the sender agree that both are voters. With static voters (kraft.version
 * 0) both must be in controller.quorum.voters. In a dynamic quorum (KIP-853) a node's voter set
 * may lag the sender's (the VotersRecord that made it a voter has not reached it yet), so, as in
 * Kafka 3.9, a request addressed to this node is answered whatever its local voter set says;
 * otherwise a change that is not committed yet could leave no majority that agrees to elect.
 */
function votersAgree(core: RaftCore, senderId: number): boolean {
  return core.quorum.kraftVersion >= 1 || (core.isVoter && core.isVoterId(senderId));
}

/** Whether a node in this state may vote for candidateId in its epoch (a real vote). */
function canGrantVote(state: RoleState, candidateId: number, logUpToDate: boolean): boolean {
  if (state.role !== 'unattached' && state.role !== 'prospective') return false;
  if (state.votedId >= 0) return state.votedId === candidateId;
  return state.leaderId < 0 && logUpToDate;
}

/** Whether a node in this state grants a pre-vote: never while it hears from a live leader. */
function canGrantPreVote(state: RoleState, logUpToDate: boolean): boolean {
  if (state.role === 'leader') return false;
  if (state.role === 'follower' && state.hasFetchedFromLeader) return false;
  return logUpToDate;
}

export function handleVoteRequest(core: RaftCore, request: Request<52>): void {
  const reply = (body: VoteResponse) => core.respond(request, { apiKey: 52, body });
  if (core.clusterIdMismatch(request.body.clusterId)) return reply(topLevelError(defaultVoteResponse, ErrorCode.INCONSISTENT_CLUSTER_ID));
  const p = metadataPartition(request.body.topics, byTopicName, (x) => x.partitionIndex);
  if (p === undefined) return reply(topLevelError(defaultVoteResponse, ErrorCode.INVALID_REQUEST));
  const preVote = p.preVote;
  const refuse = (errorCode: number) => reply(voteResponse(errorCode, core.currentLeader(), false));
  // A candidate bumps its epoch past its log's last epoch; a prospective asks in its current one.
  const epochTooHigh = preVote ? p.lastOffsetEpoch > p.candidateEpoch : p.lastOffsetEpoch >= p.candidateEpoch;
  if (p.lastOffset < 0 || p.lastOffsetEpoch < 0 || epochTooHigh) return refuse(ErrorCode.INVALID_REQUEST);
  const intendedForUs = request.body.voterId < 0 || request.body.voterId === core.nodeId;
  if (!intendedForUs || !votersAgree(core, p.candidateId)) return refuse(ErrorCode.INCONSISTENT_VOTER_SET);
  if (p.candidateEpoch < core.state.epoch) return refuse(ErrorCode.FENCED_LEADER_EPOCH);
  if (!preVote && p.candidateEpoch > core.state.epoch) core.becomeUnattached(p.candidateEpoch, -1);

  const ours = { offset: core.log.logEndOffset, epoch: core.log.lastFetchedEpoch };
  const logUpToDate = compareOffsetAndEpoch({ offset: p.lastOffset, epoch: p.lastOffsetEpoch }, ours) >= 0;
  const granted = preVote ? canGrantPreVote(core.state, logUpToDate) : canGrantVote(core.state, p.candidateId, logUpToDate);
  if (granted && !preVote && core.state.votedId < 0) {
    // The vote goes into quorum-state; the Ready writes it before this response leaves.
    core.becomeUnattached(core.state.epoch, p.candidateId);
  }
  reply(voteResponse(ErrorCode.NONE, core.currentLeader(), granted));
}

export function handleVoteResponse(core: RaftCore, response: Response<52>): void {
  const p = metadataPartition(response.body.topics, byTopicName, (x) => x.partitionIndex);
  if (response.body.errorCode !== ErrorCode.NONE || p === undefined) return retryLater(core, response.sourceId);
  if (core.onLeaderHint(p.leaderId, p.leaderEpoch)) return;
  const s = core.state;
  if (s.role !== 'prospective' && s.role !== 'candidate') return;
  if (p.errorCode !== ErrorCode.NONE) return retryLater(core, response.sourceId);
  if (p.voteGranted) {
    s.election.granted.add(response.sourceId);
    if (!isMajority(core.voterWeights, s.election.granted)) return;
    if (s.role === 'prospective') core.becomeCandidate();
    else core.becomeLeader();
    return;
  }
  s.election.rejected.add(response.sourceId);
  if (!isMajorityLost(core.voterWeights, s.election.rejected)) return;
  if (s.role === 'prospective') loseProspectiveElection(core);
  else if (s.backoffUntilMs === undefined) s.backoffUntilMs = core.nowMs + core.randomElectionBackoffMs();
}

/** Back to the leader we lost if there was one (it may be fine after all), else wait a little. */
function loseProspectiveElection(core: RaftCore): void {
  const s = core.state;
  assert(s.role === 'prospective', 'not a prospective');
  if (s.leaderId >= 0) core.becomeFollower(s.epoch, s.leaderId);
  else core.becomeUnattached(s.epoch, s.votedId, core.nowMs + core.randomElectionBackoffMs());
}

function retryLater(core: RaftCore, destinationId: number): void {
  core.requests.backoff(destinationId, core.nowMs, core.config.retryBackoffMs);
}

/** Checks shared by BeginQuorumEpoch and EndQuorumEpoch requests; returns an error code or NONE. */
function checkLeaderAnnouncement(core: RaftCore, leaderId: number, leaderEpoch: number): number {
  if (!votersAgree(core, leaderId)) return ErrorCode.INCONSISTENT_VOTER_SET;
  if (leaderEpoch < core.state.epoch) return ErrorCode.FENCED_LEADER_EPOCH;
  const s = core.state;
  assert(!(s.role === 'leader' && leaderEpoch === s.epoch && leaderId !== core.nodeId), `second leader ${leaderId} in epoch ${s.epoch}`);
  return ErrorCode.NONE;
}

export function handleBeginQuorumEpochRequest(core: RaftCore, request: Request<53>): void {
  const reply = (body: BeginQuorumEpochResponse) => core.respond(request, { apiKey: 53, body });
  if (core.clusterIdMismatch(request.body.clusterId)) return reply(topLevelError(defaultBeginQuorumEpochResponse, ErrorCode.INCONSISTENT_CLUSTER_ID));
  const p = metadataPartition(request.body.topics, byTopicName, (x) => x.partitionIndex);
  if (p === undefined) return reply(topLevelError(defaultBeginQuorumEpochResponse, ErrorCode.INVALID_REQUEST));
  const error = checkLeaderAnnouncement(core, p.leaderId, p.leaderEpoch);
  if (error === ErrorCode.NONE) core.onLeaderHint(p.leaderId, p.leaderEpoch);
  reply(beginQuorumEpochResponse(error, core.currentLeader()));
}

export function handleBeginQuorumEpochResponse(core: RaftCore, response: Response<53>): void {
  const p = metadataPartition(response.body.topics, byTopicName, (x) => x.partitionIndex);
  if (response.body.errorCode !== ErrorCode.NONE || p === undefined) return retryLater(core, response.sourceId);
  if (core.onLeaderHint(p.leaderId, p.leaderEpoch)) return;
  const s = core.state;
  if (p.errorCode !== ErrorCode.NONE) return retryLater(core, response.sourceId);
  if (s.role === 'leader') s.progress.acknowledged.add(response.sourceId);
}

/** KIP-595's strict exponential backoff by rank among the preferred successors: the first goes now. */
function endEpochElectionBackoffMs(core: RaftCore, preferredSuccessors: readonly number[]): number {
  const position = preferredSuccessors.indexOf(core.nodeId);
  if (position <= 0) return 0;
  const maxMs = core.config.electionBackoffMaxMs;
  return Math.min(maxMs, (maxMs >> (preferredSuccessors.length - 1)) << (position - 1));
}

export function handleEndQuorumEpochRequest(core: RaftCore, request: Request<54>): void {
  const reply = (body: EndQuorumEpochResponse) => core.respond(request, { apiKey: 54, body });
  if (core.clusterIdMismatch(request.body.clusterId)) return reply(topLevelError(defaultEndQuorumEpochResponse, ErrorCode.INCONSISTENT_CLUSTER_ID));
  const p = metadataPartition(request.body.topics, byTopicName, (x) => x.partitionIndex);
  if (p === undefined) return reply(topLevelError(defaultEndQuorumEpochResponse, ErrorCode.INVALID_REQUEST));
  const error = checkLeaderAnnouncement(core, p.leaderId, p.leaderEpoch);
  if (error === ErrorCode.NONE) {
    core.onLeaderHint(p.leaderId, p.leaderEpoch);
    const s = core.state;
    if (s.role === 'follower' && s.leaderId === p.leaderId && s.epoch === p.leaderEpoch) {
      // The leader is leaving: elect soon, and stop vouching for it to pre-voters.
      s.fetchDeadlineMs = core.nowMs + endEpochElectionBackoffMs(core, p.preferredSuccessors);
      s.hasFetchedFromLeader = false;
    }
  }
  reply(endQuorumEpochResponse(error, core.currentLeader()));
}

export function handleEndQuorumEpochResponse(core: RaftCore, response: Response<54>): void {
  const p = metadataPartition(response.body.topics, byTopicName, (x) => x.partitionIndex);
  if (response.body.errorCode !== ErrorCode.NONE || p === undefined) return retryLater(core, response.sourceId);
  if (core.onLeaderHint(p.leaderId, p.leaderEpoch)) return;
  const s = core.state;
  if (p.errorCode !== ErrorCode.NONE) return retryLater(core, response.sourceId);
  if (s.role === 'resigned') s.unacknowledged.delete(response.sourceId);
}

/** Timers of the electing roles. */
export function tickElection(core: RaftCore): void {
  const s = core.state;
  const now = core.nowMs;
  if (s.role === 'unattached' || s.role === 'resigned') {
    if (now >= s.electionDeadlineMs) core.startElection();
  } else if (s.role === 'prospective') {
    if (now >= s.electionDeadlineMs) loseProspectiveElection(core);
  } else if (s.role === 'candidate') {
    if (now >= (s.backoffUntilMs ?? s.electionDeadlineMs)) core.startElection();
  }
}

export function electionDeadlineMs(state: RoleState): number {
  switch (state.role) {
    case 'unattached':
    case 'resigned':
    case 'prospective':
      return state.electionDeadlineMs;
    case 'candidate':
      return state.backoffUntilMs ?? state.electionDeadlineMs;
    default:
      return Infinity;
  }
}

/** Requests the electing roles and a new leader keep sending until answered. */
export function sendElectionRequests(core: RaftCore): void {
  const s = core.state;
  const now = core.nowMs;
  const clusterId = core.config.clusterId;
  if (s.role === 'prospective' || s.role === 'candidate') {
    if (s.role === 'candidate' && s.backoffUntilMs !== undefined) return;
    const preVote = s.role === 'prospective';
    for (const voterId of core.otherVoters) {
      if (s.election.granted.has(voterId) || s.election.rejected.has(voterId) || !core.requests.canSend(voterId, now)) continue;
      const fields = { candidateEpoch: s.epoch, candidateId: core.nodeId, lastOffsetEpoch: core.log.lastFetchedEpoch, lastOffset: core.log.logEndOffset, preVote };
      core.send(voterId, { apiKey: 52, body: voteRequest(clusterId, voterId, fields) });
    }
  } else if (s.role === 'leader') {
    for (const voterId of core.otherVoters) {
      if (s.progress.acknowledged.has(voterId) || !core.requests.canSend(voterId, now)) continue;
      core.send(voterId, { apiKey: 53, body: beginQuorumEpochRequest(clusterId, voterId, core.currentLeader()) });
    }
  } else if (s.role === 'resigned') {
    for (const voterId of s.unacknowledged) {
      if (!core.requests.canSend(voterId, now)) continue;
      core.send(voterId, { apiKey: 54, body: endQuorumEpochRequest(clusterId, core.currentLeader(), s.preferredSuccessors) });
    }
  }
}
