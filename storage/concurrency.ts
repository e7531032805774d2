// Bounded concurrency for work over many logs (creating, flushing, closing thousands of partitions):
// enough at once to share directory fsyncs and keep the disk busy, few enough that the descriptors
// held by syncs in flight stay far below the handle cache's limit. Also: turns of the event loop
// shared between bursts of blocking calls, and work left to run in the background.

/** Runs `task` for every item, at most `limit` at once. Every item is attempted; if any task failed,
 * rejects with the first failure once all have settled. */
export async function forEachConcurrently<T>(
  items: Iterable<T>,
  limit: number,
  task: (item: T) => Promise<unknown>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let failure: { err: unknown } | undefined;
  const worker = async (): Promise<void> => {
    for (let next = iterator.next(); next.done !== true; next = iterator.next()) {
      try {
        await task(next.value);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
  if (failure !== undefined) throw failure.err;
}

/**
 * Lets the event loop run between bursts of blocking calls: at most `perTurn` take() calls resolve
 * per turn of the loop, the rest wait for the next one (setImmediate). For the synchronous mkdir of
 * each new partition (100-200 us on ext4 here; the thread pool's mkdir measured twice as slow), so
 * creating thousands of partitions does not stall other requests for seconds.
 */
export class TurnBudget {
  private left: number;
  private nextTurn: Promise<void> | undefined;

  constructor(private readonly perTurn: number) {
    this.left = perTurn;
  }

  async take(): Promise<void> {
    while (this.left === 0) {
      this.nextTurn ??= new Promise((resolve) =>
        setImmediate(() => {
          this.left = this.perTurn;
          this.nextTurn = undefined;
          resolve();
        }),
      );
      await this.nextTurn;
    }
    this.left--;
  }
}

/**
 * Work left to run in the background (files unlinked off the event loop), which its owner waits
 * for before it closes. A failure is dropped: the work must leave nothing a later opening cannot
 * redo.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  start(work: Promise<unknown>): void {
    const run: Promise<void> = work.then(() => undefined, () => undefined).finally(() => {
      this.running.delete(run);
    });
    this.running.add(run);
  }

  /** Resolves once the work started so far is done. */
  async settled(): Promise<void> {
    await Promise.all([...this.running]);
  }
}

/** Runs work written as steps (a generator that yields between slices of it) to its end, at once. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}
