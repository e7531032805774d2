// A response's frames may include buffers whose memory was lent (see storage/buffer-pool.ts): the
// lender registers a hook on the very Buffer the response carries, and the connection calls it
// once the socket has sent that buffer (its write completed, so nothing reads the memory any
// more). A response dropped unsent (a closed connection, a fetch answered another way) never calls
// it: the buffer is then left to the garbage collector, which is safe, merely not reused.
const hooks = new WeakMap<Buffer, () => void>();

/** Calls `sent` once `frame` (as it appears in a response's frames) has been written out. */
export function whenSent(frame: Buffer, sent: () => void): void {
  hooks.set(frame, sent);
}

/** The hook registered for `frame`, removed so it runs at most once. */
export function takeSentHook(frame: Buffer): (() => void) | undefined {
  const hook = hooks.get(frame);
  if (hook !== undefined) hooks.delete(frame);
  return hook;
}
