// A log's mutation queue and health. Mutations (appends, truncations, retention, close) run one at
// a time in call order; the first I/O failure takes the log offline: after a failed write or fsync
// the page cache no longer says what is on disk, so every later call throws LogOfflineError until
// the log is reopened and recovered.
import { LogOfflineError, UnexpectedAppendOffsetError, invariant } from './errors.js';

/** The tail of a queue with nothing in it, shared: one promise less per idle log. */
const IDLE: Promise<void> = Promise.resolve();

export class LogGuard {
  private tail: Promise<void> = IDLE;
  private offline: LogOfflineError | undefined;
  private closed = false;

  /** `pending`: durability work of the opening (a lazily opened log's settle) that every mutation
   * waits for; its failure takes the log offline. */
  constructor(private readonly dir: string, pending?: Promise<void>) {
    if (pending !== undefined) {
      this.tail = pending.catch((err: unknown) => {
        this.fail(err);
      });
    }
  }

  /** Runs `op` after every mutation queued before it; a failure other than a refused follower
   * append takes the log offline. */
  serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.tail.then(async () => {
      this.check();
      try {
        return await op();
      } catch (err) {
        throw err instanceof UnexpectedAppendOffsetError ? err : this.fail(err);
      }
    });
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Takes the log offline; returns `err` for the caller to throw. */
  fail(err: unknown): unknown {
    this.offline ??= new LogOfflineError(this.dir, { cause: err });
    return err;
  }

  /** Throws if the log is closed (a caller bug) or offline. */
  check(): void {
    if (this.closed) throw invariant(`log ${this.dir} is closed`);
    if (this.offline !== undefined) throw this.offline;
  }

  markClosed(): void {
    this.closed = true;
  }
}
