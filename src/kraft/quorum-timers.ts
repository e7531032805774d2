// The one timer of the KRaft driver, as a seam: real timers in a node, virtual ones in the driver
// simulation, where time moves only when its event queue says so.

export interface QuorumTimers {
  setTimeout(run: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: QuorumTimers = {
  setTimeout: (run, delayMs) => setTimeout(run, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
