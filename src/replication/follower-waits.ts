// Follower fetches parked on this leader (a long poll of up to replica.fetch.wait.max.ms), by
// follower. A follower asks only for the partitions it knew of when it sent its fetch: when this
// broker starts leading a partition a follower replicates (a topic just created, a leadership
// moved here), the follower cannot follow it before its parked fetch returns. So that fetch is
// answered at once, and until the follower's fetches ask for the partition (its metadata may not
// have caught up when it sent the next one), for a short while at most, they wait briefly only.
// Without this, the first acks=all produce to a new topic of replication factor 3 waited out a
// whole long poll (about 500 ms).

/** How long after a follower was last given a partition its fetches may wait briefly. */
const NEWS_WINDOW_MS = 250;
const BRIEF_WAIT_MS = 10;

/** The partitions a follower was given and has not fetched yet, and when it was last given one. */
interface News<P> {
  givenAtMs: number;
  partitions: Set<P>;
}

export class FollowerWaits<P> {
  private readonly parked = new Map<number, Set<() => void>>();
  private readonly news = new Map<number, News<P>>();

  constructor(private readonly nowMs: () => number) {}

  /**
   * How long a fetch from `followerId` that asked to wait `askedMs` for `fetched` may be parked.
   * Briefly only while it still misses a partition it was given: every fetch waiting briefly as
   * long as any partition was given lately made each follower fetch its whole session a hundred
   * times a second while topics were being created (a CreateTopics with 10,000 topics present took
   * 70-80 ms at p50 instead of 6).
   */
  maxWaitMs(followerId: number, askedMs: number, fetched: readonly P[]): number {
    const news = this.news.get(followerId);
    if (news === undefined) return askedMs;
    if (this.nowMs() - news.givenAtMs > NEWS_WINDOW_MS) {
      this.news.delete(followerId);
      return askedMs;
    }
    for (const p of fetched) if (news.partitions.delete(p) && news.partitions.size === 0) break;
    if (news.partitions.size > 0) return Math.min(askedMs, BRIEF_WAIT_MS);
    this.news.delete(followerId);
    return askedMs;
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

  /** This broker now leads `partition` of these replicas: the others must fetch again to follow it. */
  led(partition: P, replicas: readonly number[], self: number): void {
    // No clock read for a partition of one replica (a restart hosting 100,000 of them).
    let now: number | undefined;
    for (const follower of replicas) {
      if (follower === self) continue;
      now ??= this.nowMs();
      let news = this.news.get(follower);
      if (news === undefined) this.news.set(follower, (news = { givenAtMs: now, partitions: new Set() }));
      news.givenAtMs = now;
      news.partitions.add(partition);
      const waiting = this.parked.get(follower);
      if (waiting === undefined) continue;
      this.parked.delete(follower);
      for (const wake of waiting) wake();
    }
  }
}
