// stdout whose reader has gone: `kraftling dump-log --files F | head`, or a supervisor that read the
// ready line and closed its end. Node raises the failed write (EPIPE) as an unhandled 'error'
// event, which crashed the process with a stack trace: a broker then stopped as if killed, without
// its graceful stop. A tool now ends quietly with 0, as a reader that stops reading expects (Kafka's
// tools write on into the void and also end with 0); the broker keeps serving (see whenStdoutCloses).

let onClosed: () => void = () => process.exit(0);

/** Handles a failed write to stdout once its reader has gone; any other stdout error still throws. */
export function watchStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    onClosed();
  });
}

/** What to do instead of exiting when stdout's reader has gone. */
export function whenStdoutCloses(action: () => void): void {
  onClosed = action;
}
