// A small seeded PRNG (mulberry32) so every generated case can be replayed from its seed.

import { seededRandom } from '../../../../helpers/seeded-random.js';

export class Prng {
  private readonly random: () => number;

  constructor(readonly seed: number) {
    this.random = seededRandom(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.random();
  }

  /** Integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max], both inclusive; exact for ranges up to 2^53. */
  between(min: number, max: number): number {
    const span = max - min + 1;
    if (span <= 4294967296) return min + this.below(span);
    const hi = this.below(Math.floor(span / 4294967296));
    return min + hi * 4294967296 + this.below(4294967296);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  bytes(n: number): Buffer {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = this.below(256);
    return b;
  }
}
