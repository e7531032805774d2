// Whether the event loop is busy: the share of time it spent outside its wait for I/O over the
// last sample (Node's event loop utilization). Writes use it to choose between copying at once
// and handing the copy to the thread pool (see node-file-system.ts).

export interface LoopTimes {
  /** Milliseconds the loop has spent waiting for I/O, and running, since it started. */
  idle: number;
  active: number;
}

/** A sample is this long at least: utilization over shorter spans is mostly one callback's. */
const SAMPLE_MS = 50;

export class EventLoopLoad {
  private last: LoopTimes;
  private sampledAtMs: number;
  private busy = false;

  constructor(
    private readonly threshold: number,
    private readonly times: () => LoopTimes = () => performance.eventLoopUtilization(),
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.last = times();
    this.sampledAtMs = nowMs();
  }

  /** Whether the loop ran at least `threshold` of the time over the last complete sample. */
  isBusy(): boolean {
    const now = this.nowMs();
    if (now - this.sampledAtMs < SAMPLE_MS) return this.busy;
    const times = this.times();
    const active = times.active - this.last.active;
    const total = active + times.idle - this.last.idle;
    this.busy = total > 0 && active / total >= this.threshold;
    this.last = times;
    this.sampledAtMs = now;
    return this.busy;
  }
}
