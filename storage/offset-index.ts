// Kafka's sparse offset index (<base offset>.index): 8-byte entries of int32 offset relative to the
// segment's base offset and int32 byte position in the .log file. An entry names the last offset of
// the batch starting at that position; a lookup returns the greatest entry at or below the target
// offset, from where a short scan of batch headers finds the batch holding it.
import { invariant } from './errors.js';
import { EntryFile } from './entry-file.js';
import type { PartitionDir } from './partition-dir.js';
import { SegmentIndex, largestLowerBound } from './segment-index.js';

const OFFSET_INDEX_ENTRY_BYTES = 8;

export interface OffsetPosition {
  offset: number;
  position: number;
}

export class OffsetIndex extends SegmentIndex<OffsetPosition> {
  private constructor(file: EntryFile, baseOffset: number) {
    super(file, baseOffset);
  }

  /** A new or rebuilt index; its file is written when it takes an entry or is sealed. */
  static empty(dir: PartitionDir, path: string, baseOffset: number, maxIndexBytes: number): OffsetIndex {
    return new OffsetIndex(EntryFile.empty(dir, path, OFFSET_INDEX_ENTRY_BYTES, maxIndexBytes), baseOffset);
  }

  static load(dir: PartitionDir, path: string, baseOffset: number, maxIndexBytes: number): OffsetIndex | undefined {
    const file = EntryFile.load(dir, path, OFFSET_INDEX_ENTRY_BYTES, maxIndexBytes);
    return file && new OffsetIndex(file, baseOffset);
  }

  override entryAt(i: number): OffsetPosition {
    const entry = this.file.entry(i);
    return { offset: this.baseOffset + entry.readInt32BE(0), position: entry.readInt32BE(4) };
  }

  lastEntry(): OffsetPosition {
    return this.entries === 0 ? { offset: this.baseOffset, position: 0 } : this.entryAt(this.entries - 1);
  }

  append(offset: number, position: number): void {
    if (this.entries !== 0 && offset <= this.lastEntry().offset) throw invariant(`index offsets must grow in ${this.file.path}`);
    const entry = Buffer.alloc(OFFSET_INDEX_ENTRY_BYTES);
    entry.writeInt32BE(offset - this.baseOffset, 0);
    entry.writeInt32BE(position, 4);
    this.file.append(entry);
  }

  /** The greatest entry with offset <= target, or (baseOffset, 0) when there is none. */
  lookup(targetOffset: number): OffsetPosition {
    const slot = largestLowerBound(this.entries, (i) => this.entryAt(i).offset, targetOffset);
    return slot < 0 ? { offset: this.baseOffset, position: 0 } : this.entryAt(slot);
  }

  /** Relative offsets and positions strictly increasing, positions inside the log file. */
  isSane(logSizeBytes: number): boolean {
    let previous: OffsetPosition | undefined;
    for (let i = 0; i < this.entries; i++) {
      const entry = this.entryAt(i);
      if (entry.offset < this.baseOffset || entry.position < 0 || entry.position >= logSizeBytes) return false;
      if (previous && (entry.offset <= previous.offset || entry.position <= previous.position)) return false;
      previous = entry;
    }
    return true;
  }
}
