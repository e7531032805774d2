// The data plane's simulated network: per message a drop chance and a random delay (so messages
// reorder), and links cut one way or both. Addresses: 0 is the controller, brokers 1..n, clients
// 100 and up. A cut link also drops what is on it at delivery time.
import type { Prng } from '../prng.js';
import type { VirtualClock } from './clock.js';

export const CONTROLLER = 0;

export interface LinkFaults {
  dropRate: number;
  minDelayMs: number;
  maxDelayMs: number;
}

export class DataNetwork {
  private readonly cut = new Set<string>();
  /** A delay spike: until this time, messages take up to `slowDelayMs`. */
  slowUntilMs = 0;
  slowDelayMs = 0;

  constructor(
    private readonly clock: VirtualClock,
    private readonly prng: Prng,
    public faults: LinkFaults,
  ) {}

  isCut(from: number, to: number): boolean {
    return this.cut.has(`${from}>${to}`);
  }

  cutLink(from: number, to: number): void {
    this.cut.add(`${from}>${to}`);
  }

  mendLink(from: number, to: number): void {
    this.cut.delete(`${from}>${to}`);
  }

  /** Cuts `node` off from every address in `others`, both ways. */
  isolate(node: number, others: readonly number[]): void {
    for (const o of others) {
      if (o === node) continue;
      this.cutLink(node, o);
      this.cutLink(o, node);
    }
  }

  heal(): void {
    this.cut.clear();
  }

  get cutLinks(): string[] {
    return [...this.cut];
  }

  /** Delivers `deliver` at `to` after a random delay, unless dropped or the link is cut. */
  send(from: number, to: number, deliver: () => void): void {
    if (this.isCut(from, to) || this.prng.chance(this.faults.dropRate)) return;
    const slow = this.clock.nowMs < this.slowUntilMs;
    const delayMs = this.prng.int(this.faults.minDelayMs, slow ? this.slowDelayMs : this.faults.maxDelayMs);
    this.clock.at(delayMs, () => {
      if (!this.isCut(from, to)) deliver();
    });
  }

  /**
   * A request and its response. `serve` runs at `to` (undefined when `to` is down); the response
   * goes back unless `from` died meanwhile. Rejects after `timeoutMs` without a response, as a
   * client's request timeout does; a dead caller's promise never settles.
   */
  request<T>(from: number, to: number, callerAlive: () => boolean, timeoutMs: number,
    serve: () => T | Promise<T> | undefined): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let done = false;
      this.clock.at(timeoutMs, () => {
        if (done || !callerAlive()) return;
        done = true;
        reject(new Error(`request ${from}>${to} timed out`));
      });
      this.send(from, to, () => {
        const answer = serve();
        if (answer === undefined) return;
        void Promise.resolve(answer).then((value) => {
          if (value === undefined) return;
          this.send(to, from, () => {
            if (done || !callerAlive()) return;
            done = true;
            resolve(value);
          });
        });
      });
    });
  }
}
