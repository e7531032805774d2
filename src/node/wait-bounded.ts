// A wait with an upper bound whose timer does not outlive it: a timer left running after the wait
// is over would hold the process (an embedding test runner's) open after the node stopped.

/** Resolves when `event` settles (a rejection included) or after `ms`, whichever is first. */
export async function waitBounded(event: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([event.catch(() => undefined), new Promise((resolve) => { timer = setTimeout(resolve, ms); })]);
  } finally {
    clearTimeout(timer);
  }
}
