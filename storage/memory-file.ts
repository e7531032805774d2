// The file of the in-memory file system: its current bytes (the page cache) and the bytes of its
// last completed sync (the disk). crash() reverts a file to the latter, optionally keeping a torn
// prefix of what was appended since.

/** A growable byte array; bytes past `length` are stale until written or zero-filled. */
class Bytes {
  buf = Buffer.alloc(0);
  length = 0;

  view(): Buffer {
    return this.buf.subarray(0, this.length);
  }

  write(src: Uint8Array, position: number): void {
    this.extendTo(position);
    this.reserve(position + src.length);
    this.buf.set(src, position);
    this.length = Math.max(this.length, position + src.length);
  }

  truncate(length: number): void {
    if (length > this.length) this.extendTo(length);
    else this.length = length;
  }

  private extendTo(length: number): void {
    if (length <= this.length) return;
    this.reserve(length);
    this.buf.fill(0, this.length, length);
    this.length = length;
  }

  private reserve(capacity: number): void {
    if (capacity <= this.buf.length) return;
    const grown = Buffer.alloc(Math.max(capacity, this.buf.length * 2, 4096));
    this.buf.copy(grown, 0, 0, this.length);
    this.buf = grown;
  }
}

interface PendingSync {
  /** Lowest position written since the sync was called: only bytes below it still match. */
  dirtyFrom: number;
}

export class MemFile {
  readonly kind = 'file';
  data = new Bytes();
  synced = new Bytes();
  /** data and synced agree on [0, stable). */
  stable = 0;
  private readonly pendingSyncs = new Set<PendingSync>();

  /** Records a write or truncation at `position`. */
  touched(position: number): void {
    this.stable = Math.min(this.stable, position);
    for (const pending of this.pendingSyncs) pending.dirtyFrom = Math.min(pending.dirtyFrom, position);
  }

  /** Starts a sync of the bytes as they are now; calling the result completes it. */
  startSync(): () => void {
    const from = this.stable;
    const bytes = Buffer.from(this.data.view().subarray(from));
    const pending: PendingSync = { dirtyFrom: Infinity };
    this.pendingSyncs.add(pending);
    return () => {
      this.pendingSyncs.delete(pending);
      this.synced.truncate(from);
      this.synced.write(bytes, from);
      this.stable = Math.min(from + bytes.length, pending.dirtyFrom);
    };
  }

  /** Back to the synced bytes, plus with `random` a torn prefix of what was appended after them. */
  revert(random: (() => number) | undefined): void {
    const surviving = new Bytes();
    surviving.write(this.synced.view(), 0);
    const extra = this.data.length - this.synced.length;
    if (random && this.stable === this.synced.length && extra > 0) {
      const kept = Math.floor(random() * (extra + 1));
      const written = Math.floor(random() * (kept + 1));
      surviving.write(this.data.view().subarray(this.synced.length, this.synced.length + written), this.synced.length);
      surviving.truncate(this.synced.length + kept);
    }
    this.data = surviving;
    this.synced = new Bytes();
    this.synced.write(surviving.view(), 0);
    this.stable = surviving.length;
    this.pendingSyncs.clear();
  }
}
