// Replication throttles, after Kafka's ReplicationQuotaManager: one byte rate for what a leader
// sends to throttled followers (leader.replication.throttled.rate) and one for what a follower
// fetches of throttled partitions (follower.replication.throttled.rate), each measured as Kafka's
// Rate measures it, over replication.quota.window.num windows of replication.quota.window.size.seconds.
// A partition is throttled on this broker when its topic's leader/follower.replication.throttled.replicas
// names "partition:thisBroker" (or is "*"); only replicas out of the ISR are held back, so a
// throttle slows a reassignment's catching up, never the in-sync replicas acks=all waits for.

/** A topic's throttled replicas: every one ("*"), or partition -> broker ids. */
export type ThrottledReplicas = '*' | ReadonlyMap<number, ReadonlySet<number>>;

/** Parses Kafka's "*" or "p:b,p:b" (checked when set); empty or unset: none. */
export function throttledReplicas(value: string | undefined): ThrottledReplicas | null {
  if (value === undefined || value.trim() === '') return null;
  if (value.trim() === '*') return '*';
  const byPartition = new Map<number, Set<number>>();
  for (const entry of value.split(',')) {
    const [p, b] = entry.trim().split(':').map(Number) as [number, number];
    if (!Number.isInteger(p) || !Number.isInteger(b)) continue;
    let brokers = byPartition.get(p);
    if (!brokers) byPartition.set(p, (brokers = new Set()));
    brokers.add(b);
  }
  return byPartition.size > 0 ? byPartition : null;
}

export function isThrottled(replicas: ThrottledReplicas | null, partition: number, brokerId: number): boolean {
  if (replicas === null) return false;
  return replicas === '*' || replicas.get(partition)?.has(brokerId) === true;
}

interface Sample {
  startMs: number;
  bytes: number;
}

/** A byte rate checked against a bound that may change at any time (a dynamic broker config). */
export class ReplicationQuota {
  private readonly samples: Sample[] = [];

  constructor(
    /** The bound in bytes per second, read at each check. */
    private readonly bound: () => number,
    private readonly windows: number,
    private readonly windowMs: number,
  ) {}

  record(bytes: number, nowMs: number): void {
    if (bytes <= 0) return;
    this.purge(nowMs);
    const last = this.samples.at(-1);
    if (last !== undefined && nowMs - last.startMs < this.windowMs) {
      last.bytes += bytes;
      return;
    }
    this.samples.push({ startMs: nowMs, bytes });
    if (this.samples.length > this.windows) this.samples.shift();
  }

  /** Kafka's isQuotaExceeded: the measured rate is above the bound. */
  exceeded(nowMs: number): boolean {
    const bound = this.bound();
    if (bound >= Number.MAX_SAFE_INTEGER) return false;
    return this.rate(nowMs) > bound;
  }

  /** Bytes per second as Kafka's Rate measures them: the samples' total over their elapsed time,
   * counted as at least windows - 1 whole windows so that a young rate does not read high. */
  rate(nowMs: number): number {
    this.purge(nowMs);
    const first = this.samples[0];
    if (first === undefined) return 0;
    let total = 0;
    for (const s of this.samples) total += s.bytes;
    let elapsedMs = nowMs - first.startMs;
    const fullWindows = Math.floor(elapsedMs / this.windowMs);
    if (fullWindows < this.windows - 1) elapsedMs += (this.windows - 1 - fullWindows) * this.windowMs;
    return (total * 1000) / Math.max(elapsedMs, 1);
  }

  /** Drops samples older than the windows kept, as Kafka's SampledStat resets them. */
  private purge(nowMs: number): void {
    const horizon = nowMs - this.windows * this.windowMs;
    while (this.samples.length > 0 && this.samples[0]!.startMs + this.windowMs <= horizon) this.samples.shift();
  }
}
