// Waiting in integration tests for what a cluster does in its own time (an election, a metadata
// refresh): the operation is retried until it succeeds or the deadline passes.

/** Runs `op` until it resolves, pausing `pauseMs` between tries; rethrows its last error after `timeoutMs`. */
export async function retry<T>(op: () => Promise<T>, timeoutMs = 60_000, pauseMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await op();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
}

/** Runs `check` until it yields a value (a throw counts as not yet), pausing `pauseMs` between tries. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000, pauseMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch {
      // Not there yet.
    }
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, pauseMs));
  }
}
