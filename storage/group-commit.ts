// Group commit: appends that must be durable wait for a sync covering their end offset. At most one
// sync runs at a time; everyone who wrote while it ran shares the next one, so N concurrent
// fsync-before-ack producers cost about one fsync per round trip of the disk, not N.

interface Waiter {
  offset: number;
  lost: boolean;
}

/** What is committed: a log (an object, not two closures, to keep an idle log small). */
export interface SyncTarget {
  /** Syncs everything written so far. */
  sync(): Promise<void>;
  /** The offset up to which data has been written (the log end offset). */
  writtenOffset(): number;
}

export class GroupCommit {
  private synced: number;
  private inFlight: Promise<void> | undefined;
  /** Bumped by reset(): a sync that started before a truncation must not count after it. */
  private generation = 0;
  /** Created by the first wait: most logs of a large broker never have one. */
  private waiters: Set<Waiter> | undefined;

  constructor(
    private readonly target: SyncTarget,
    syncedOffset: number,
  ) {
    this.synced = syncedOffset;
  }

  get syncedOffset(): number {
    return this.synced;
  }

  /**
   * Resolves true once everything below `offset` is synced, false if a truncation removed some of
   * that data first; rejects if a sync it waited on failed.
   */
  async waitFor(offset: number): Promise<boolean> {
    if (this.synced >= offset) return true;
    const waiter: Waiter = { offset, lost: false };
    const waiters = (this.waiters ??= new Set());
    waiters.add(waiter);
    try {
      while (this.synced < offset) {
        if (waiter.lost) return false;
        if (this.inFlight === undefined) this.start();
        await this.inFlight;
      }
      return !waiter.lost;
    } finally {
      waiters.delete(waiter);
    }
  }

  /** The log was truncated to end at `offset`, and synced there. */
  reset(offset: number): void {
    this.generation++;
    this.synced = offset;
    for (const waiter of this.waiters ?? []) {
      if (waiter.offset > offset) waiter.lost = true;
    }
  }

  private start(): void {
    const target = this.target.writtenOffset();
    const generation = this.generation;
    const run: Promise<void> = this.target.sync()
      .then(() => {
        if (generation === this.generation) this.synced = Math.max(this.synced, target);
      })
      .finally(() => {
        if (this.inFlight === run) this.inFlight = undefined;
      });
    this.inFlight = run;
  }
}
