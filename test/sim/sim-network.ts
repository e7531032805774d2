// The simulated network: per message, a drop, a duplicate, a random delay (so messages reorder),
// and links that partitions cut. A cut link drops what is on it at delivery time too.
import type { Prng } from './prng.js';

export interface NetworkFaults {
  dropRate: number;
  duplicateRate: number;
  minDelayMs: number;
  maxDelayMs: number;
}

export class SimNetwork {
  private readonly cut = new Set<string>();

  constructor(
    private readonly prng: Prng,
    public faults: NetworkFaults,
  ) {}

  isCut(from: number, to: number): boolean {
    return this.cut.has(`${from}>${to}`);
  }

  /** Cuts every link between `group` and the other nodes, both ways. */
  isolate(group: readonly number[], all: readonly number[]): void {
    for (const a of group) {
      for (const b of all) {
        if (group.includes(b)) continue;
        this.cut.add(`${a}>${b}`);
        this.cut.add(`${b}>${a}`);
      }
    }
  }

  heal(): void {
    this.cut.clear();
  }

  /** When copies of one message arrive, relative to now; empty when it is lost. */
  deliveryDelaysMs(): number[] {
    const f = this.faults;
    if (this.prng.chance(f.dropRate)) return [];
    const copies = this.prng.chance(f.duplicateRate) ? 2 : 1;
    const delays: number[] = [];
    for (let i = 0; i < copies; i++) delays.push(this.prng.int(f.minDelayMs, f.maxDelayMs));
    return delays;
  }
}
