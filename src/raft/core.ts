// The state every handler shares (Kafka's QuorumState plus the client's outputs): the role, the
// log overlay, the high watermark, requests in flight, and what the next Ready hands the driver.
// Role transitions live here so that each one resets what belongs to the old role.
import type { QuorumStateData } from '../../protocol/generated/data/quorum-state-data.js';
import { ErrorCode } from '../../protocol/errors.js';
import { assert } from './assert.js';
import { describeBatch, encodeLeaderChangeBatch } from './batches.js';
import type { RaftConfig } from './config.js';
import { LeaderProgress } from './leader-progress.js';
import type { ReplicatedLog, SnapshotId, SnapshotStore } from './log-seams.js';
import { fetchResponse, type LeaderAndEpoch } from './message-builders.js';
import type { InboundRequest, OutboundMessage, RaftRequestBody, RaftResponseBody } from './messages.js';
import { isMajority, type Weights } from './quorum-math.js';
import { RaftLog } from './raft-log.js';
import { RequestTracker } from './request-tracker.js';
import { hasLeader, quorumStateData, sameQuorumState, type Election, type RoleState } from './roles.js';
import { QuorumVoters } from './quorum-voters.js';
import { restoredState } from './restored-state.js';
import { encodeVotersBatch } from './voter-history.js';
import type { VoterEndpoint, VoterSet } from './voter-set.js';

export interface RaftCoreOptions {
  config: RaftConfig;
  log: ReplicatedLog;
  snapshots: SnapshotStore;
  /** The quorum-state file as last written, or undefined on first start. */
  quorumState: QuorumStateData | undefined;
  nowMs: number;
  /** Uniform in [0, 1); the simulator passes a seeded generator. */
  random: () => number;
}

/** Bytes of a snapshot being downloaded, to write at `position` of its partial file. */
export interface SnapshotChunk {
  snapshotId: SnapshotId;
  position: number;
  bytes: Buffer;
}

/** A fetch the leader holds until there is data, a new high watermark, or its wait ends. */
export interface ParkedFetch {
  request: Extract<InboundRequest, { apiKey: 1 }>;
  replicaId: number;
  directoryId: string;
  fetchOffset: number;
  maxBytes: number;
  deadlineMs: number;
}

export class RaftCore {
  readonly config: RaftConfig;
  readonly log: RaftLog;
  readonly random: () => number;
  /** The voter set and kraft.version at the log's end (KIP-853). */
  readonly quorum: QuorumVoters;
  /** Controller endpoints of nodes learned from responses (a leader named by a bootstrap server). */
  readonly knownEndpoints = new Map<number, VoterEndpoint[]>();
  /** The leader epoch in which the leader accepted this voter's UpdateRaftVoter: once per epoch. */
  updateVoterAckedEpoch = -1;
  /** No UpdateRaftVoter before this time: one in flight, and a failed one is retried later. */
  updateVoterNextMs = 0;
  /** Set when this node's committed log and the leader's disagree, which Raft never allows: it
   * happens to a voter that led alone on the lost side of a quorum recovered with force-voters. The
   * node then neither fetches nor stands, so it cannot disturb the quorum, until its metadata log
   * is wiped. */
  haltReason: string | undefined;
  /** The highest high watermark a leader has reported to this node (its own when it leads). */
  leaderHighWatermark = 0;
  nowMs: number;
  state: RoleState;
  /** Committed offset as this node knows it; never goes back while the process lives. */
  highWatermark: number;
  reportedHighWatermark: number;
  roleChanged = true;
  readonly requests = new RequestTracker();
  outbox: OutboundMessage[] = [];
  snapshotChunks: SnapshotChunk[] = [];
  parkedFetches: ParkedFetch[] = [];
  /**
   * The high watermark each replica was last told, while this node leads. A fetch is not held when
   * the replica has yet to learn a newer one: otherwise a follower would apply committed records a
   * whole long-poll late (what Fetch v18's follower high watermark, KIP-1166, later fixes on the wire).
   */
  sentHighWatermarks = new Map<number, number>();
  /** The quorum state the driver has (or is about to have) on disk. */
  persisted: QuorumStateData | undefined;

  constructor(options: RaftCoreOptions) {
    this.config = options.config;
    this.log = new RaftLog(options.log, options.snapshots);
    this.random = options.random;
    this.nowMs = options.nowMs;
    this.quorum = new QuorumVoters(this.config, options.log, options.snapshots);
    this.log.watcher = this.quorum;
    this.persisted = options.quorumState;
    // A snapshot only ever covers committed records, so its end is a safe starting point.
    this.highWatermark = options.snapshots.latestSnapshotId()?.endOffset ?? 0;
    this.reportedHighWatermark = this.highWatermark;
    this.state = restoredState(this, options.quorumState);
    this.quorum.onChange = () => this.onVotersChanged();
  }

  get voters(): VoterSet {
    return this.quorum.voters;
  }

  get voterIds(): number[] {
    return this.quorum.voters.ids;
  }

  /** The voters' weights: a quorum weighs more than half of their total. */
  get voterWeights(): Weights {
    return this.quorum.voters.weights;
  }

  get isVoter(): boolean {
    return this.quorum.voters.has(this.nodeId);
  }

  /**
   * Whether this node stands for election: a voter, or (Raft thesis 4.2.2) a node that the latest
   * VotersRecord removed while, for all it knows, that record is not committed: it may still be
   * needed to elect the leader that commits it. Its own vote then does not count.
   */
  get canCampaign(): boolean {
    if (this.haltReason !== undefined) return false;
    if (this.isVoter) return true;
    if (this.quorum.votersOffset < this.highWatermark) return false;
    return this.quorum.previousVoters()?.has(this.nodeId) ?? false;
  }

  get nodeId(): number {
    return this.config.nodeId;
  }

  get otherVoters(): number[] {
    return this.voterIds.filter((id) => id !== this.nodeId);
  }

  currentLeader(): LeaderAndEpoch {
    return { leaderId: hasLeader(this.state) ? this.state.leaderId : -1, leaderEpoch: this.state.epoch };
  }

  isVoterId(id: number): boolean {
    return this.quorum.voters.has(id);
  }

  /** A node's controller endpoints: from the voter set, else as a response named them. */
  endpointsOf(id: number): VoterEndpoint[] {
    if (id < 0) return [];
    const endpoints = this.voters.get(id)?.endpoints ?? [];
    return endpoints.length > 0 ? endpoints : (this.knownEndpoints.get(id) ?? []);
  }

  clusterIdMismatch(clusterId: string | null): boolean {
    return this.config.clusterId !== null && clusterId !== null && clusterId !== this.config.clusterId;
  }

  randomElectionTimeoutMs(): number {
    return this.config.electionTimeoutMs + Math.floor(this.random() * this.config.electionTimeoutMs);
  }

  /**
   * When a follower gives up on a silent leader: the fetch timeout plus a random share of the
   * election backoff. Without the jitter, followers that heard the leader at the same moments all
   * stand at once and split the vote; with it one of them usually asks first and wins.
   */
  followerFetchDeadlineMs(): number {
    return this.nowMs + this.config.fetchTimeoutMs + Math.floor(this.random() * this.config.electionBackoffMaxMs);
  }

  randomElectionBackoffMs(): number {
    return Math.floor(this.random() * this.config.electionBackoffMaxMs);
  }

  raiseHighWatermark(offset: number): void {
    if (offset <= this.highWatermark) return;
    this.highWatermark = offset;
    this.quorum.committed(offset);
  }

  send(destinationId: number, message: RaftRequestBody): void {
    const correlationId = this.requests.register(destinationId, message.apiKey, this.nowMs, this.config.requestTimeoutMs);
    this.outbox.push({ ...message, kind: 'request', destinationId, correlationId } as OutboundMessage);
  }

  respond(request: InboundRequest, message: RaftResponseBody): void {
    this.outbox.push({ ...message, kind: 'response', destinationId: request.sourceId, correlationId: request.correlationId } as OutboundMessage);
  }

  quorumStateChanged(): boolean {
    return this.persisted === undefined || !sameQuorumState(this.persisted, this.currentQuorumState());
  }

  /** The quorum state to write, when it differs from what the driver has. */
  takeQuorumState(): QuorumStateData | undefined {
    if (!this.quorumStateChanged()) return undefined;
    this.persisted = this.currentQuorumState();
    return this.persisted;
  }

  private currentQuorumState(): QuorumStateData {
    return quorumStateData(this.state, this.config.clusterId, this.voterIds);
  }

  // ---- transitions (Kafka's QuorumState.transitionTo*) ----

  becomeUnattached(epoch: number, votedId: number, electionDeadlineMs?: number): void {
    // Kafka's QuorumState.transitionToUnattached: a voter already waiting for an election keeps its
    // deadline when a newer epoch arrives without a leader. A fresh timeout each time would let a
    // candidate that cannot win (its log is behind) hold every other voter off for good, bumping
    // the epoch just before their timers run out. Granting a vote does restart the timer.
    const s = this.state as RoleState | undefined;
    const waiting = s !== undefined && votedId < 0 && (s.role === 'unattached' || s.role === 'prospective' || s.role === 'candidate');
    const kept = waiting ? s.electionDeadlineMs : undefined;
    const deadline = this.canCampaign ? (electionDeadlineMs ?? kept ?? this.nowMs + this.randomElectionTimeoutMs()) : Infinity;
    this.transitionTo({ role: 'unattached', epoch, leaderId: -1, votedId, electionDeadlineMs: deadline });
  }

  becomeFollower(epoch: number, leaderId: number): void {
    assert(leaderId !== this.nodeId, 'following ourselves');
    const votedId = epoch === this.state.epoch ? this.state.votedId : -1;
    this.transitionTo({
      role: 'follower',
      epoch,
      leaderId,
      votedId,
      fetchDeadlineMs: this.followerFetchDeadlineMs(),
      hasFetchedFromLeader: false,
      snapshotDownload: undefined,
    });
  }

  /** An expired timer: a Pre-Vote round first (KIP-996) unless that is switched off. */
  startElection(): void {
    // A voter removed while resigned or waiting for an election is an observer now.
    if (!this.canCampaign) return this.becomeUnattached(this.state.epoch, this.state.votedId);
    if (this.config.preVote) this.becomeProspective();
    else this.becomeCandidate();
  }

  becomeProspective(): void {
    const s = this.state;
    const leaderId = s.role === 'follower' ? s.leaderId : -1;
    const election: Election = { granted: new Set([this.nodeId]), rejected: new Set() };
    const electionDeadlineMs = this.nowMs + this.randomElectionTimeoutMs();
    this.transitionTo({ role: 'prospective', epoch: s.epoch, leaderId, votedId: s.votedId, election, electionDeadlineMs });
    if (isMajority(this.voterWeights, election.granted)) this.becomeCandidate();
  }

  becomeCandidate(): void {
    const election: Election = { granted: new Set([this.nodeId]), rejected: new Set() };
    this.transitionTo({
      role: 'candidate',
      epoch: this.state.epoch + 1,
      leaderId: -1,
      votedId: this.nodeId,
      election,
      electionDeadlineMs: this.nowMs + this.randomElectionTimeoutMs(),
      backoffUntilMs: undefined,
    });
    if (isMajority(this.voterWeights, election.granted)) this.becomeLeader();
  }

  becomeLeader(): void {
    const s = this.state;
    assert(s.role === 'candidate' && isMajority(this.voterWeights, s.election.granted), 'leader without a won election');
    const epochStartOffset = this.log.logEndOffset;
    const progress = new LeaderProgress(this.nodeId, this.voterWeights, epochStartOffset, this.config.fetchTimeoutMs, this.nowMs);
    progress.updateLocalEndOffset(this.log.durableEndOffset);
    this.transitionTo({ role: 'leader', epoch: s.epoch, leaderId: this.nodeId, votedId: this.nodeId, progress, announcedVoters: new Map() });
    const granted = [...s.election.granted].sort((a, b) => a - b);
    const batch = encodeLeaderChangeBatch(this.nodeId, this.voterIds, granted, epochStartOffset, s.epoch, this.nowMs);
    this.log.append(describeBatch(batch));
    // KafkaRaftClient: voters that came from the bootstrap snapshot (kraftling format --standalone or
    // --initial-controllers) go into the log with the first leader's epoch, so that later snapshots
    // and the nodes that join carry them.
    if (this.quorum.kraftVersion >= 1 && this.quorum.votersOffset < 0) {
      this.log.append(describeBatch(encodeVotersBatch(this.quorum.kraftVersion, this.voters, this.log.logEndOffset, s.epoch, this.nowMs)));
    } else if (this.quorum.forced?.needsRecord === true) {
      // A quorum recovered with force-voters: its voters go into the log in this leader's epoch.
      this.log.append(describeBatch(encodeVotersBatch(-1, this.quorum.forced.set, this.log.logEndOffset, s.epoch, this.nowMs)));
    }
  }

  /**
   * A VotersRecord was appended or a truncation rolled one back. The leader counts the new set at
   * once (for the high watermark and check quorum); a node that became a voter gets an election
   * timer; one that stopped being a voter stops campaigning.
   */
  private onVotersChanged(): void {
    const s = this.state;
    if (s.role === 'leader') s.progress.setVoters(this.voterWeights, this.nowMs);
    if (this.canCampaign && s.role === 'unattached' && s.electionDeadlineMs === Infinity) {
      s.electionDeadlineMs = this.nowMs + this.randomElectionTimeoutMs();
    } else if (!this.canCampaign && (s.role === 'prospective' || s.role === 'candidate')) {
      this.becomeUnattached(s.epoch, s.votedId);
    }
  }

  becomeResigned(preferredSuccessors: number[]): void {
    const s = this.state;
    this.transitionTo({
      role: 'resigned',
      epoch: s.epoch,
      leaderId: this.nodeId,
      votedId: s.votedId,
      electionDeadlineMs: this.nowMs + this.randomElectionTimeoutMs(),
      unacknowledged: new Set(this.otherVoters),
      preferredSuccessors,
    });
  }

  /**
   * A peer reported (leaderId, epoch): move to a newer epoch, or follow a leader of our epoch that
   * we did not know. Returns whether the role changed.
   */
  onLeaderHint(leaderId: number, epoch: number): boolean {
    const s = this.state;
    if (epoch > s.epoch) {
      if (leaderId >= 0 && leaderId !== this.nodeId) this.becomeFollower(epoch, leaderId);
      else this.becomeUnattached(epoch, -1);
      return true;
    }
    if (epoch < s.epoch || leaderId < 0) return false;
    // A prospective already knows the leader it stopped hearing from; others telling it about
    // that leader must not pull it back before its pre-vote round ends.
    if (s.leaderId >= 0) {
      assert(s.leaderId === leaderId, `leaders ${s.leaderId} and ${leaderId} in epoch ${epoch}`);
      return false;
    }
    if (leaderId === this.nodeId) return false;
    this.becomeFollower(epoch, leaderId);
    return true;
  }

  private transitionTo(next: RoleState): void {
    const previous = this.state as RoleState | undefined;
    if (previous !== undefined) assert(next.epoch >= previous.epoch, `epoch ${previous.epoch} -> ${next.epoch}`);
    this.state = next;
    this.requests.reset();
    this.roleChanged = true;
    if (previous?.role === 'leader') this.releaseParkedFetches();
  }

  /** Held fetches are answered when the leader steps down, so followers look for the next one. */
  private releaseParkedFetches(): void {
    for (const parked of this.parkedFetches) {
      this.respond(parked.request, {
        apiKey: 1,
        body: fetchResponse({ errorCode: ErrorCode.NOT_LEADER_OR_FOLLOWER, currentLeader: this.currentLeader(), highWatermark: this.highWatermark }),
      });
    }
    this.parkedFetches = [];
    this.sentHighWatermarks.clear();
  }
}
