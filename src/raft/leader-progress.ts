// What a leader knows of the replicas fetching from it (Kafka's LeaderState): each voter's and
// observer's end offset and fetch times, who has acknowledged the new epoch, the check-quorum
// timer, and the high watermark those offsets allow.
import type { ReplicaState } from '../../protocol/generated/api/55-describe-quorum.js';
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';
import { isMajority, majorityEndOffset, type Weights } from './quorum-math.js';

/** Observers that have not fetched for this long drop out of DescribeQuorum, as in Kafka. */
const OBSERVER_SESSION_TIMEOUT_MS = 300_000;

export interface ReplicaProgress {
  endOffset: number;
  lastFetchMs: number;
  lastCaughtUpMs: number;
  /** The leader's end offset at that fetch, to tell when the replica caught up. */
  lastFetchLeaderEndOffset: number;
  /** The replica's metadata log directory id, from its fetches (Fetch v17). */
  directoryId: string;
}

function unknownProgress(): ReplicaProgress {
  return { endOffset: -1, lastFetchMs: -1, lastCaughtUpMs: -1, lastFetchLeaderEndOffset: -1, directoryId: ZERO_UUID };
}

export class LeaderProgress {
  readonly voters = new Map<number, ReplicaProgress>();
  readonly observers = new Map<number, ReplicaProgress>();
  /** Voters known to follow this epoch (BeginQuorumEpoch answered or a fetch seen). */
  readonly acknowledged = new Set<number>();
  /** Voters seen fetching since the check-quorum timer was last reset. */
  private fetchedVoters = new Set<number>();
  checkQuorumDeadlineMs: number;

  /** The leader's own durable end offset; counted only while it is a voter. */
  private localEndOffset = -1;

  constructor(
    private readonly nodeId: number,
    private weights: Weights,
    /** The first offset of this epoch: the LeaderChange record. */
    readonly epochStartOffset: number,
    private readonly fetchTimeoutMs: number,
    nowMs: number,
  ) {
    for (const id of weights.keys()) this.voters.set(id, unknownProgress());
    this.acknowledged.add(nodeId);
    this.checkQuorumDeadlineMs = nowMs + fetchTimeoutMs;
  }

  /** The leader's own durable end offset counts like a follower's fetch offset. */
  updateLocalEndOffset(endOffset: number): void {
    this.localEndOffset = Math.max(this.localEndOffset, endOffset);
    const own = this.voters.get(this.nodeId);
    if (own !== undefined) own.endOffset = this.localEndOffset;
  }

  /**
   * The voter set changed (a VotersRecord appended or rolled back): a new voter keeps what it did as
   * an observer, a removed one becomes an observer. The leader itself may be removed: it then leads
   * until the change commits without counting towards the majority.
   */
  setVoters(weights: Weights, nowMs: number): void {
    // A new majority gets a whole fetch timeout to show up (a sole voter's timer never ran).
    this.checkQuorumDeadlineMs = nowMs + this.fetchTimeoutMs;
    const ids = new Set(weights.keys());
    for (const [id, p] of this.voters) {
      if (ids.has(id)) continue;
      this.voters.delete(id);
      if (id !== this.nodeId) this.observers.set(id, p);
    }
    for (const id of ids) {
      if (this.voters.has(id)) continue;
      const p = this.observers.get(id) ?? unknownProgress();
      this.observers.delete(id);
      if (id === this.nodeId) p.endOffset = this.localEndOffset;
      this.voters.set(id, p);
    }
    this.weights = weights;
  }

  /** Kafka's LeaderState.isReplicaCaughtUp: an observer may become a voter once it has caught up
   * with the leader's log end at least once and still fetches (within the last hour, as Kafka). */
  isObserverCaughtUp(replicaId: number, directoryId: string, nowMs: number): boolean {
    const p = this.observers.get(replicaId);
    if (p === undefined || (directoryId !== ZERO_UUID && p.directoryId !== directoryId)) return false;
    return p.lastCaughtUpMs >= 0 && p.lastFetchMs >= 0 && p.lastFetchMs > nowMs - 3_600_000;
  }

  /** A Fetch (with the replica's end offset) or a FetchSnapshot (without) from `replicaId`. */
  recordFetch(replicaId: number, fetchOffset: number | undefined, leaderEndOffset: number, nowMs: number, directoryId = ZERO_UUID): void {
    const isVoter = this.voters.has(replicaId);
    const progress = isVoter ? this.voters.get(replicaId)! : this.observerProgress(replicaId);
    if (directoryId !== ZERO_UUID) progress.directoryId = directoryId;
    if (isVoter) {
      this.acknowledged.add(replicaId);
      this.noteVoterFetch(replicaId, nowMs);
    }
    if (fetchOffset === undefined) return;
    if (fetchOffset >= leaderEndOffset) progress.lastCaughtUpMs = nowMs;
    else if (fetchOffset >= progress.lastFetchLeaderEndOffset) progress.lastCaughtUpMs = progress.lastFetchMs;
    progress.endOffset = fetchOffset;
    progress.lastFetchMs = nowMs;
    progress.lastFetchLeaderEndOffset = leaderEndOffset;
  }

  /** The offset a quorum of voters (by weight) has reached (not yet the high watermark: see the caller). */
  majorityEndOffset(): number {
    return majorityEndOffset([...this.voters].map(([id, p]) => ({ endOffset: p.endOffset, weight: this.weights.get(id) ?? 0 })));
  }

  /** Voters ordered for EndQuorumEpoch's preferred successors: most caught up first. */
  successorsByEndOffset(): number[] {
    return [...this.voters.entries()]
      .filter(([id]) => id !== this.nodeId)
      .sort(([a, pa], [b, pb]) => pb.endOffset - pa.endOffset || a - b)
      .map(([id]) => id);
  }

  describe(nowMs: number, directoryIdOf: (id: number) => string | undefined): { currentVoters: ReplicaState[]; observers: ReplicaState[] } {
    const state = (replicaId: number, p: ReplicaProgress): ReplicaState => {
      const replicaDirectoryId = directoryIdOf(replicaId) ?? p.directoryId;
      return replicaId === this.nodeId
        ? { replicaId, replicaDirectoryId, logEndOffset: this.localEndOffset, lastFetchTimestamp: nowMs, lastCaughtUpTimestamp: nowMs }
        : { replicaId, replicaDirectoryId, logEndOffset: p.endOffset, lastFetchTimestamp: p.lastFetchMs, lastCaughtUpTimestamp: p.lastCaughtUpMs };
    };
    for (const [id, p] of this.observers) if (p.lastFetchMs + OBSERVER_SESSION_TIMEOUT_MS < nowMs) this.observers.delete(id);
    return {
      currentVoters: [...this.voters].map(([id, p]) => state(id, p)),
      // A leader that removed itself still leads until the change commits: it shows as an observer.
      observers: [...this.observers].map(([id, p]) => state(id, p))
        .concat(this.voters.has(this.nodeId) ? [] : [state(this.nodeId, unknownProgress())]),
    };
  }

  private observerProgress(replicaId: number): ReplicaProgress {
    let progress = this.observers.get(replicaId);
    if (progress === undefined) {
      progress = unknownProgress();
      this.observers.set(replicaId, progress);
    }
    return progress;
  }

  /** Check quorum (KIP-595): each time a majority (this node included) has fetched, the leader has
   * another fetchTimeoutMs; the caller resigns when the deadline passes. */
  private noteVoterFetch(replicaId: number, nowMs: number): void {
    this.fetchedVoters.add(replicaId);
    if (!isMajority(this.weights, new Set([...this.fetchedVoters, this.nodeId]))) return;
    this.fetchedVoters = new Set();
    this.checkQuorumDeadlineMs = nowMs + this.fetchTimeoutMs;
  }
}
