// A file of fixed-size entries kept whole in memory, the common part of the offset and time indexes.
// Kafka memory-maps its indexes; we read them once and write each new entry through, which gives the
// same bytes on disk. The file of the active segment is preallocated to segment.index.bytes (rounded
// down to whole entries) and trimmed to its entries when the segment rolls or the log closes.
import { assert } from './errors.js';
import type { FileHandle, FileSystem } from './file-system.js';

export class EntryFile {
  private buf: Buffer;
  private count: number;
  private handle: FileHandle | undefined;

  private constructor(
    private readonly fs: FileSystem,
    readonly path: string,
    readonly entrySize: number,
    readonly maxEntries: number,
    content: Buffer,
  ) {
    this.buf = content;
    this.count = content.length / entrySize;
  }

  /** A new, empty, writable file (replacing any file at `path`). */
  static create(fs: FileSystem, path: string, entrySize: number, maxIndexBytes: number): EntryFile {
    const file = new EntryFile(fs, path, entrySize, maxEntriesFor(maxIndexBytes, entrySize), Buffer.alloc(0));
    file.handle = fs.open(path, { create: true });
    file.handle.truncate(0);
    file.preallocate();
    return file;
  }

  /** The file's entries, read-only; undefined if it is missing or not a whole number of entries. */
  static load(fs: FileSystem, path: string, entrySize: number, maxIndexBytes: number): EntryFile | undefined {
    const stat = fs.stat(path);
    if (stat === undefined || stat.isDirectory || stat.size % entrySize !== 0) return undefined;
    const content = fs.readFile(path);
    if (content.length % entrySize !== 0) return undefined;
    return new EntryFile(fs, path, entrySize, maxEntriesFor(maxIndexBytes, entrySize), content);
  }

  get entries(): number {
    return this.count;
  }

  get isFull(): boolean {
    return this.count >= this.maxEntries;
  }

  entry(i: number): Buffer {
    return this.buf.subarray(i * this.entrySize, (i + 1) * this.entrySize);
  }

  append(entry: Buffer): void {
    assert(this.handle !== undefined, `append to read-only index ${this.path}`);
    assert(entry.length === this.entrySize && !this.isFull, `index entry does not fit ${this.path}`);
    const position = this.count * this.entrySize;
    if (this.buf.length < position + this.entrySize) {
      const grown = Buffer.alloc(Math.max(position + this.entrySize, this.buf.length * 2, 64 * this.entrySize));
      this.buf.copy(grown, 0, 0, position);
      this.buf = grown;
    }
    entry.copy(this.buf, position);
    this.handle.write(entry, position);
    this.count++;
  }

  /** Drops the entries from `count` on. Stale bytes may stay in the preallocated tail of the file;
   * only `entries` counts, and a crash before the next trim makes recovery rebuild this index. */
  truncateTo(count: number): void {
    this.count = Math.min(this.count, count);
  }

  /** Opens the file for appends again and preallocates it (the segment became active). */
  makeWritable(): void {
    if (this.handle !== undefined) return;
    this.handle = this.fs.open(this.path, { create: true });
    this.preallocate();
  }

  /** Cuts the file to its entries (segment rolled or log closing); sync() and close() follow. */
  trim(): void {
    if (this.handle === undefined) return;
    this.handle.truncate(this.count * this.entrySize);
  }

  async sync(): Promise<void> {
    await this.handle?.sync();
  }

  close(): void {
    this.handle?.close();
    this.handle = undefined;
  }

  private preallocate(): void {
    const handle = this.handle as FileHandle;
    handle.truncate(this.maxEntries * this.entrySize);
  }
}

function maxEntriesFor(maxIndexBytes: number, entrySize: number): number {
  return Math.max(1, Math.floor(maxIndexBytes / entrySize));
}
