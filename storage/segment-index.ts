// What a segment's offset index and time index share: fixed-size entries in an EntryFile, offsets
// stored relative to the segment's base offset, binary search, and truncation by offset.
import type { EntryFile } from './entry-file.js';

export abstract class SegmentIndex<Entry extends { offset: number }> {
  protected constructor(
    readonly file: EntryFile,
    readonly baseOffset: number,
  ) {}

  get entries(): number {
    return this.file.entries;
  }

  get isFull(): boolean {
    return this.file.isFull;
  }

  abstract entryAt(i: number): Entry;

  /** Drops the entries for offsets >= `offset`. */
  truncateTo(offset: number): void {
    const slot = largestLowerBound(this.entries, (i) => this.entryAt(i).offset, offset - 1);
    this.file.truncateTo(slot + 1);
  }
}

/** Index of the greatest key <= target among `count` ascending keys, or -1. */
export function largestLowerBound(count: number, keyAt: (i: number) => number, target: number): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (keyAt(mid) <= target) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
