// Kafka's time index (<base offset>.timeindex): 12-byte entries of int64 timestamp and int32 offset
// relative to the segment's base offset. An entry is added only when the segment's max timestamp
// grows, so timestamps strictly increase; the offset is the last offset of the batch that carried the
// max timestamp (Kafka's "shallow" offset). A lookup returns the greatest entry with timestamp <=
// the target, the point to start scanning from.
import { invariant } from './errors.js';
import { EntryFile } from './entry-file.js';
import type { PartitionDir } from './partition-dir.js';
import { readInt64, writeInt64 } from '../protocol/records/batch-header.js';
import { SegmentIndex, largestLowerBound } from './segment-index.js';

const TIME_INDEX_ENTRY_BYTES = 12;
export const NO_TIMESTAMP = -1;

export interface TimestampOffset {
  timestampMs: number;
  offset: number;
}

export class TimeIndex extends SegmentIndex<TimestampOffset> {
  private constructor(file: EntryFile, baseOffset: number) {
    super(file, baseOffset);
  }

  /** A new or rebuilt index; its file is written when it takes an entry or is sealed. */
  static empty(dir: PartitionDir, path: string, baseOffset: number, maxIndexBytes: number): TimeIndex {
    return new TimeIndex(EntryFile.empty(dir, path, TIME_INDEX_ENTRY_BYTES, maxIndexBytes), baseOffset);
  }

  static load(dir: PartitionDir, path: string, baseOffset: number, maxIndexBytes: number): TimeIndex | undefined {
    const file = EntryFile.load(dir, path, TIME_INDEX_ENTRY_BYTES, maxIndexBytes);
    return file && new TimeIndex(file, baseOffset);
  }

  override entryAt(i: number): TimestampOffset {
    const entry = this.file.entry(i);
    return { timestampMs: readInt64(entry, 0), offset: this.baseOffset + entry.readInt32BE(8) };
  }

  /** The last entry, or (NO_TIMESTAMP, baseOffset) when empty. */
  lastEntry(): TimestampOffset {
    return this.entries === 0 ? { timestampMs: NO_TIMESTAMP, offset: this.baseOffset } : this.entryAt(this.entries - 1);
  }

  /** Appends when `timestampMs` exceeds the last entry's and there is room. */
  maybeAppend(timestampMs: number, offset: number): void {
    const last = this.lastEntry();
    if (timestampMs <= last.timestampMs || this.isFull) return;
    if (offset < last.offset) throw invariant(`time index offsets must not shrink in ${this.file.path}`);
    const entry = Buffer.alloc(TIME_INDEX_ENTRY_BYTES);
    writeInt64(entry, 0, timestampMs);
    entry.writeInt32BE(offset - this.baseOffset, 8);
    this.file.append(entry);
  }

  /** The greatest entry with timestamp <= target, or (NO_TIMESTAMP, baseOffset). */
  lookup(targetTimestampMs: number): TimestampOffset {
    const slot = largestLowerBound(this.entries, (i) => this.entryAt(i).timestampMs, targetTimestampMs);
    return slot < 0 ? { timestampMs: NO_TIMESTAMP, offset: this.baseOffset } : this.entryAt(slot);
  }

  /** Timestamps strictly increasing, offsets non-decreasing and below the segment's next offset. */
  isSane(nextOffset: number): boolean {
    let previous: TimestampOffset | undefined;
    for (let i = 0; i < this.entries; i++) {
      const entry = this.entryAt(i);
      if (entry.offset < this.baseOffset || entry.offset >= nextOffset) return false;
      if (previous && (entry.timestampMs <= previous.timestampMs || entry.offset < previous.offset)) return false;
      previous = entry;
    }
    return true;
  }
}
