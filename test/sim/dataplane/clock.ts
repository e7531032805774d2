// Virtual time for the data-plane simulation. The replication and storage code is asynchronous
// (promises, and the in-memory file system completes a sync on the next setImmediate), so after
// each event the simulation lets every promise and pending setImmediate run out before the next
// one: then a run depends on the seed only, never on the machine's speed. Timers of the code under
// test go through the seams it offers (the replica fetcher's sleep); nothing here reads real time.
import { EventQueue } from '../event-queue.js';

type ImmediateFn = typeof setImmediate;

const MAX_TURNS_PER_EVENT = 100_000;

export class VirtualClock {
  nowMs = 0;
  events = 0;
  private readonly queue = new EventQueue();
  private pendingImmediates = 0;
  private realImmediate: ImmediateFn | undefined;

  /** Runs `run` `delayMs` from now. */
  at(delayMs: number, run: () => void): void {
    this.queue.push(this.nowMs + Math.max(0, delayMs), run);
  }

  /** A promise resolved by virtual time; never, once `alive()` turns false (a dead process). */
  sleep(delayMs: number, alive: () => boolean = () => true): Promise<void> {
    return new Promise((resolve) => this.at(delayMs, () => {
      if (alive()) resolve();
    }));
  }

  /** Counts setImmediate callbacks in flight, so settle() knows when the storage code is idle. */
  install(): void {
    const real = globalThis.setImmediate;
    this.realImmediate = real;
    const counting = ((fn: (...args: unknown[]) => void, ...args: unknown[]) => {
      this.pendingImmediates++;
      return real(() => {
        this.pendingImmediates--;
        fn(...args);
      });
    }) as unknown as ImmediateFn;
    globalThis.setImmediate = counting;
  }

  uninstall(): void {
    if (this.realImmediate !== undefined) globalThis.setImmediate = this.realImmediate;
    this.realImmediate = undefined;
  }

  /**
   * Lets every promise chain and setImmediate of the code under test run to completion. Node drains
   * the microtasks after each immediate callback, so when ours runs and none of theirs is pending,
   * nothing is left to run.
   */
  async settle(): Promise<void> {
    const real = this.realImmediate ?? globalThis.setImmediate;
    for (let turns = 0; ; turns++) {
      // Code that keeps scheduling work without time passing is a hot loop: a bug to report.
      if (turns > MAX_TURNS_PER_EVENT) throw new Error(`the code under test does not settle at ${this.nowMs} ms (a hot loop?)`);
      await new Promise<void>((resolve) => real(() => resolve()));
      if (this.pendingImmediates === 0) return;
    }
  }

  /** Runs events in time order until `untilMs` (or the queue empties), settling after each and
   * calling `check` then. */
  async runUntil(untilMs: number, check: () => void): Promise<void> {
    while (this.queue.peekTimeMs() <= untilMs) {
      const event = this.queue.pop()!;
      this.nowMs = event.timeMs;
      this.events++;
      event.run();
      await this.settle();
      check();
    }
    this.nowMs = Math.max(this.nowMs, untilMs);
  }
}
