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
