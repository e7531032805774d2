// A byte rate kept to, as Kafka's Throttler (the log cleaner's) keeps it: the bytes observed are
// checked against the rate once CHECK_INTERVAL_MS have passed, and when they came faster the
// caller pauses long enough to bring them back to it. Unlike Kafka's, it also checks as soon as
// the bytes observed are an interval's worth at the rate: a pass that reads a few MB in less than
// an interval is held to the rate too, not only the work that follows it. The rate is read at
// each check, so a dynamic config change applies from the next one.
const CHECK_INTERVAL_MS = 300;

export class Throttler {
  private periodStartMs: number;
  private observed = 0;

  constructor(
    private readonly bytesPerSecond: () => number,
    private readonly nowMs: () => number,
  ) {
    this.periodStartMs = nowMs();
  }

  /** Counts `bytes`; returns how many milliseconds to pause to keep to the rate (0: none). */
  observe(bytes: number): number {
    this.observed += bytes;
    const now = this.nowMs();
    const elapsedMs = now - this.periodStartMs;
    const rate = this.bytesPerSecond();
    if (this.observed === 0 || (elapsedMs <= CHECK_INTERVAL_MS && this.observed * 1000 < rate * CHECK_INTERVAL_MS)) return 0;
    const waitMs = this.observed * 1000 > rate * elapsedMs ? Math.round((this.observed * 1000) / rate - elapsedMs) : 0;
    // The next period starts once the pause is over, as Kafka's does after its sleep.
    this.periodStartMs = now + Math.max(0, waitMs);
    this.observed = 0;
    return Math.max(0, waitMs);
  }
}
