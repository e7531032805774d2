// What a leader knows of the replicas fetching from it (Kafka's LeaderState): each voter's and
// observer's end offset and fetch times, who has acknowledged the new epoch, the check-quorum
// timer, and the high watermark those offsets allow.
import type { ReplicaState } from '../../protocol/generated/api/55-describe-quorum.js';
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';
import { isMajority, majorityEndOffset } from './quorum-math.js';

/** Observers that have not fetched for this long drop out of DescribeQuorum, as in Kafka. */
const OBSERVER_SESSION_TIMEOUT_MS = 300_000;

export interface ReplicaProgress {
  endOffset: number;
  lastFetchMs: number;
  lastCaughtUpMs: number;
  /** The leader's end offset at that fetch, to tell when the replica caught up. */
  lastFetchLeaderEndOffset: number;
}

function unknownProgress(): ReplicaProgress {
  return { endOffset: -1, lastFetchMs: -1, lastCaughtUpMs: -1, lastFetchLeaderEndOffset: -1 };
}

export class LeaderProgress {
  readonly voters = new Map<number, ReplicaProgress>();
  readonly observers = new Map<number, ReplicaProgress>();
  /** Voters known to follow this epoch (BeginQuorumEpoch answered or a fetch seen). */
  readonly acknowledged = new Set<number>();
  /** Voters seen fetching since the check-quorum timer was last reset. */
  private fetchedVoters = new Set<number>();
  checkQuorumDeadlineMs: number;

  constructor(
    private readonly nodeId: number,
    readonly voterIds: readonly number[],
    /** The first offset of this epoch: the LeaderChange record. */
    readonly epochStartOffset: number,
    private readonly fetchTimeoutMs: number,
    nowMs: number,
  ) {
    for (const id of voterIds) this.voters.set(id, unknownProgress());
    this.acknowledged.add(nodeId);
    this.checkQuorumDeadlineMs = nowMs + fetchTimeoutMs;
  }

  /** The leader's own durable end offset counts like a follower's fetch offset. */
  updateLocalEndOffset(endOffset: number): void {
    const own = this.voters.get(this.nodeId)!;
    own.endOffset = Math.max(own.endOffset, endOffset);
  }

  /** A Fetch (with the replica's end offset) or a FetchSnapshot (without) from `replicaId`. */
  recordFetch(replicaId: number, fetchOffset: number | undefined, leaderEndOffset: number, nowMs: number): void {
    const isVoter = this.voters.has(replicaId);
    const progress = isVoter ? this.voters.get(replicaId)! : this.observerProgress(replicaId);
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

  /** The offset a majority of voters has reached (not yet the high watermark: see the caller). */
  majorityEndOffset(): number {
    return majorityEndOffset([...this.voters.values()].map((p) => p.endOffset));
  }

  /** Voters ordered for EndQuorumEpoch's preferred successors: most caught up first. */
  successorsByEndOffset(): number[] {
    return [...this.voters.entries()]
      .filter(([id]) => id !== this.nodeId)
      .sort(([a, pa], [b, pb]) => pb.endOffset - pa.endOffset || a - b)
      .map(([id]) => id);
  }

  describe(nowMs: number): { currentVoters: ReplicaState[]; observers: ReplicaState[] } {
    const state = (replicaId: number, p: ReplicaProgress): ReplicaState =>
      replicaId === this.nodeId
        ? { replicaId, replicaDirectoryId: ZERO_UUID, logEndOffset: p.endOffset, lastFetchTimestamp: nowMs, lastCaughtUpTimestamp: nowMs }
        : { replicaId, replicaDirectoryId: ZERO_UUID, logEndOffset: p.endOffset, lastFetchTimestamp: p.lastFetchMs, lastCaughtUpTimestamp: p.lastCaughtUpMs };
    for (const [id, p] of this.observers) if (p.lastFetchMs + OBSERVER_SESSION_TIMEOUT_MS < nowMs) this.observers.delete(id);
    return {
      currentVoters: [...this.voters].map(([id, p]) => state(id, p)),
      observers: [...this.observers].map(([id, p]) => state(id, p)),
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
    if (!isMajority(this.voterIds, new Set([...this.fetchedVoters, this.nodeId]))) return;
    this.fetchedVoters = new Set();
    this.checkQuorumDeadlineMs = nowMs + this.fetchTimeoutMs;
  }
}
