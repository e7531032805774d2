// The role a node starts in, from the quorum-state file as last written (Kafka's
// QuorumState.initialize): a stored leadership of its own resigns, a known leader is followed, and
// otherwise it waits for an election (at once when it alone can win).
import type { QuorumStateData } from '../../protocol/generated/data/quorum-state-data.js';
import type { RaftCore } from './core.js';
import type { RoleState } from './roles.js';

export function restoredState(core: RaftCore, stored: QuorumStateData | undefined): RoleState {
  const epoch = Math.max(0, stored?.leaderEpoch ?? 0);
  const leaderId = stored?.leaderId ?? -1;
  const votedId = stored?.votedId ?? -1;
  // A sole voter has nobody to wait for: it stands for election at once (KafkaRaftClient does too).
  // With eagerFirstElection, in a brand-new quorum the lowest voter id stands at once as well, so
  // voters started together elect in one round trip instead of splitting votes; others wait.
  const fresh = core.config.eagerFirstElection && stored === undefined && epoch === 0 && core.isVoter &&
    core.nodeId === Math.min(...core.voterIds);
  const firstDeadlineMs = (): number =>
    (core.otherVoters.length === 0 || fresh ? core.nowMs : core.nowMs + core.randomElectionTimeoutMs());
  if (leaderId === core.nodeId && !core.canCampaign) {
    // A leader that removed itself (RemoveRaftVoter) and stopped: an observer now.
    return { role: 'unattached', epoch, leaderId: -1, votedId, electionDeadlineMs: Infinity };
  }
  if (leaderId === core.nodeId) {
    // A leader that restarts has lost its leader state; it resigns and lets the others elect.
    const others = core.otherVoters;
    const electionDeadlineMs = firstDeadlineMs();
    return { role: 'resigned', epoch, leaderId, votedId, electionDeadlineMs, unacknowledged: new Set(others), preferredSuccessors: others };
  }
  if (leaderId >= 0) {
    const fetchDeadlineMs = core.nowMs + core.config.fetchTimeoutMs;
    return { role: 'follower', epoch, leaderId, votedId, fetchDeadlineMs, hasFetchedFromLeader: false, snapshotDownload: undefined };
  }
  const electionDeadlineMs = core.canCampaign ? firstDeadlineMs() : Infinity;
  return { role: 'unattached', epoch, leaderId: -1, votedId, electionDeadlineMs };
}
