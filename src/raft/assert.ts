// Broken invariants of the Raft core. They mean a bug here or a peer that breaks the protocol in a
// way Raft cannot survive (two leaders in one epoch, truncation below the high watermark), so the
// core stops rather than guess.

export class RaftInvariantError extends Error {
  override readonly name = 'RaftInvariantError';
  readonly code = 'RAFT_INVARIANT';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new RaftInvariantError(`assertion failed: ${message}`);
}
