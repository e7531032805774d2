// Follower fetches parked on this leader (a long poll of up to replica.fetch.wait.max.ms), by
// follower. A follower asks only for the partitions it knew of when it sent its fetch: when this
// broker starts leading a partition a follower replicates (a topic just created, a leadership
// moved here), the follower cannot follow it before its parked fetch returns. So that fetch is
// answered at once, and for a short while the follower's fetches wait briefly only, in case its
// metadata had not caught up yet when it sent the next one. Without this, the first acks=all
// produce to a new topic of replication factor 3 waited out a whole long poll (about 500 ms).

/** How long after a follower was given a partition its fetches wait only briefly. */
const NEWS_WINDOW_MS = 250;
const BRIEF_WAIT_MS = 10;

export class FollowerWaits {
  private readonly parked = new Map<number, Set<() => void>>();
  /** When each follower was last given a partition to follow from this leader (within the window). */
  private readonly givenAtMs = new Map<number, number>();

  constructor(private readonly nowMs: () => number) {}

  /** How long a fetch from `followerId` that asked to wait `askedMs` may be parked. */
  maxWaitMs(followerId: number, askedMs: number): number {
    const given = this.givenAtMs.get(followerId);
    if (given === undefined) return askedMs;
    if (this.nowMs() - given > NEWS_WINDOW_MS) {
      this.givenAtMs.delete(followerId);
      return askedMs;
    }
    return Math.min(askedMs, BRIEF_WAIT_MS);
  }

  park(followerId: number, wake: () => void): void {
    let waiting = this.parked.get(followerId);
    if (waiting === undefined) this.parked.set(followerId, (waiting = new Set()));
    waiting.add(wake);
  }

  unpark(followerId: number, wake: () => void): void {
    const waiting = this.parked.get(followerId);
    if (waiting === undefined) return;
    waiting.delete(wake);
    if (waiting.size === 0) this.parked.delete(followerId);
  }

  /** This broker now leads a partition of these replicas: the others must fetch again to follow it. */
  led(replicas: readonly number[], self: number): void {
    // No clock read for a partition of one replica (a restart hosting 100,000 of them).
    let now: number | undefined;
    for (const follower of replicas) {
      if (follower === self) continue;
      this.givenAtMs.set(follower, (now ??= this.nowMs()));
      const waiting = this.parked.get(follower);
      if (waiting === undefined) continue;
      this.parked.delete(follower);
      for (const wake of waiting) wake();
    }
  }
}
