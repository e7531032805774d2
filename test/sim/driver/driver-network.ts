// The network of the driver simulation: per message a drop, a duplicate, a random delay (so
// messages reorder) and, now and then, a delay longer than the request timeout (the sender has
// given up and moved on when it arrives); links cut one way or both ways.
import type { Prng } from '../prng.js';

export interface DriverNetworkFaults {
  dropRate: number;
  duplicateRate: number;
  minDelayMs: number;
  maxDelayMs: number;
  /** Share of messages held for slowDelayMs: longer than the request timeout. */
  slowRate: number;
  slowDelayMs: number;
}

export const CALM: DriverNetworkFaults = { dropRate: 0, duplicateRate: 0, minDelayMs: 1, maxDelayMs: 10, slowRate: 0, slowDelayMs: 0 };

export class DriverNetwork {
  private readonly cut = new Set<string>();

  constructor(
    private readonly prng: Prng,
    public faults: DriverNetworkFaults,
  ) {}

  isCut(from: number, to: number): boolean {
    return this.cut.has(`${from}>${to}`);
  }

  /** Messages from `from` to `to` are lost; the other way still works. */
  cutOneWay(from: number, to: number): void {
    this.cut.add(`${from}>${to}`);
  }

  /** Cuts every link between `group` and the other nodes, both ways. */
  isolate(group: readonly number[], all: readonly number[]): void {
    for (const a of group) {
      for (const b of all) {
        if (group.includes(b)) continue;
        this.cutOneWay(a, b);
        this.cutOneWay(b, a);
      }
    }
  }

  heal(): void {
    this.cut.clear();
  }

  describeCuts(): string {
    return [...this.cut].sort().join(' ');
  }

  /** When copies of one message arrive, relative to now; empty when it is lost. */
  deliveryDelaysMs(): number[] {
    const f = this.faults;
    if (this.prng.chance(f.dropRate)) return [];
    const copies = this.prng.chance(f.duplicateRate) ? 2 : 1;
    const delays: number[] = [];
    for (let i = 0; i < copies; i++) {
      const slow = this.prng.chance(f.slowRate);
      delays.push(slow ? f.slowDelayMs + this.prng.int(0, f.slowDelayMs) : this.prng.int(f.minDelayMs, f.maxDelayMs));
    }
    return delays;
  }
}
