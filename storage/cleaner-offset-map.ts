// The log cleaner's key => latest offset map over the dirty section of a log (Kafka's OffsetMap,
// SkimpyOffsetMap). Kafka stores a 16-byte hash per key in a fixed buffer; here the key bytes
// themselves index a Map (no collisions), bounded by an entry count the cleaner checks between
// segments (derived from log.cleaner.dedupe.buffer.size by the runtime).
export class CleanerOffsetMap {
  private readonly offsets = new Map<string, number>();
  /** The last offset the map covers: records after it are not judged by it. */
  latestOffset = -1;

  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.offsets.size;
  }

  get isFull(): boolean {
    return this.offsets.size >= this.maxEntries;
  }

  put(key: Buffer, offset: number): void {
    this.offsets.set(key.toString('latin1'), offset);
    if (offset > this.latestOffset) this.latestOffset = offset;
  }

  /** The latest offset of `key` in the mapped section, or -1 when it is not there. */
  get(key: Buffer): number {
    return this.offsets.get(key.toString('latin1')) ?? -1;
  }

  updateLatestOffset(offset: number): void {
    if (offset > this.latestOffset) this.latestOffset = offset;
  }
}
