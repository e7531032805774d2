// From a static quorum (kraft.version 0, controller.quorum.voters) to a dynamic one (kraft.version
// 1), on a running cluster, as Kafka 4.1 does for `kafka-features upgrade --feature kraft.version=1`.
// A static voter set names ids only, so at kraft.version 0 every voter announces its directory id,
// controller endpoints and kraft.version range to the leader with UpdateRaftVoter, once per epoch;
// the leader keeps them in memory (there is no record to write them to yet). The upgrade is one
// control batch, KRaftVersionRecord(1) and a VotersRecord built from those announcements, so no
// node can see the new level without the voter set it needs. From then on the log owns the set and
// AddRaftVoter / RemoveRaftVoter work. There is no way back: Kafka has no kraft.version downgrade.
import { ErrorCode } from '../../protocol/errors.js';
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';
import { describeBatch } from './batches.js';
import type { RaftCore } from './core.js';
import type { VoterChangeResult } from './reconfig.js';
import { encodeVotersBatch } from './voter-history.js';
import { KRAFT_VERSION_RANGE, VoterSet, type Voter } from './voter-set.js';

function refused(errorCode: number, errorMessage: string): VoterChangeResult {
  return { errorCode, errorMessage };
}

/** UpdateRaftVoter at kraft.version 0: the leader remembers what the voter said; nothing is appended. */
export function noteStaticVoter(core: RaftCore, voter: Voter): VoterChangeResult {
  const s = core.state;
  if (s.role !== 'leader') return refused(ErrorCode.NOT_LEADER_OR_FOLLOWER, `node ${core.nodeId} is not the leader`);
  if (!core.voters.has(voter.id)) return refused(ErrorCode.VOTER_NOT_FOUND, `node ${voter.id} is not a voter`);
  if (voter.endpoints.length === 0) return refused(ErrorCode.INVALID_REQUEST, `node ${voter.id} has no endpoints`);
  s.announcedVoters.set(voter.id, { ...voter, weight: core.voters.get(voter.id)!.weight });
  return { errorCode: ErrorCode.NONE, errorMessage: null, epoch: s.epoch, lastOffset: core.quorum.votersOffset };
}

/** The leader itself, as its own configuration describes it. */
function self(core: RaftCore): Voter {
  return {
    id: core.nodeId, directoryId: core.config.directoryId, endpoints: core.config.endpoints.map((e) => ({ ...e })),
    kraftVersion: { ...KRAFT_VERSION_RANGE }, weight: core.voters.get(core.nodeId)?.weight ?? 1,
  };
}

/** Why a voter cannot be part of the upgrade to `level`, or undefined when it can. */
function voterProblem(voter: Voter | undefined, id: number, level: number): string | undefined {
  if (voter === undefined) return `voter ${id} has not announced its directory id and endpoints to this leader yet (is it running?)`;
  if (voter.directoryId === ZERO_UUID) return `voter ${id} has no directory id (format its metadata log directory with this version)`;
  if (level < voter.kraftVersion.min || level > voter.kraftVersion.max) {
    return `voter ${id} only supports kraft.version [${voter.kraftVersion.min}, ${voter.kraftVersion.max}]`;
  }
  return undefined;
}

/**
 * Raises kraft.version to `level` on the leader. The same level is a no-op; a lower one is refused.
 * Refused with INVALID_UPDATE_VERSION until every voter has announced itself and supports the level.
 */
export function upgradeKraftVersion(core: RaftCore, level: number, validateOnly: boolean): VoterChangeResult {
  const s = core.state;
  if (s.role !== 'leader') return refused(ErrorCode.NOT_LEADER_OR_FOLLOWER, `node ${core.nodeId} is not the leader`);
  if (core.highWatermark <= s.progress.epochStartOffset) {
    return refused(ErrorCode.REQUEST_TIMED_OUT, 'the leader has not committed an offset in its epoch yet');
  }
  const current = core.quorum.kraftVersion;
  if (level === current) return { errorCode: ErrorCode.NONE, errorMessage: null, epoch: s.epoch, lastOffset: core.quorum.votersOffset };
  if (level < current) return refused(ErrorCode.INVALID_UPDATE_VERSION, `kraft.version cannot be downgraded (it is ${current})`);
  if (level > KRAFT_VERSION_RANGE.max) {
    return refused(ErrorCode.INVALID_UPDATE_VERSION, `this node supports kraft.version up to ${KRAFT_VERSION_RANGE.max}`);
  }
  const voters: Voter[] = [];
  for (const id of core.voters.ids) {
    const voter = id === core.nodeId ? self(core) : s.announcedVoters.get(id);
    const problem = voterProblem(voter, id, level);
    if (problem !== undefined) return refused(ErrorCode.INVALID_UPDATE_VERSION, problem);
    voters.push(voter!);
  }
  if (validateOnly) return { errorCode: ErrorCode.NONE, errorMessage: null, epoch: s.epoch, lastOffset: core.quorum.votersOffset };
  const batch = describeBatch(encodeVotersBatch(level, new VoterSet(voters), core.log.logEndOffset, s.epoch, core.nowMs));
  core.log.append(batch);
  return { errorCode: ErrorCode.NONE, errorMessage: null, epoch: s.epoch, lastOffset: batch.lastOffset };
}
