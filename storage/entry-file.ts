// A file of fixed-size entries kept whole in memory, the common part of the offset and time indexes.
// Kafka memory-maps its indexes; we read them once and write new entries out a few KiB at a time
// (and the rest when the segment is sealed), which gives the same bytes on disk. Written through one
// by one, the entries cost a system call each: with 64 KiB batches, nearly half the calls of a
// broker's log appends. Entries not yet written are lost with the process, as entries written but
// not synced are lost with the machine: either way the active segment's indexes are rebuilt by the
// recovery that follows any unclean shutdown.
//
// The file is touched only when needed: a new or rebuilt index opens (and creates) its file at its
// first entry, preallocated to segment.index.bytes (rounded down to whole entries) as Kafka does for
// the active segment, or when the segment is sealed, which cuts the file to its entries and syncs
// it. Entries are buffered from the first one on (a loaded file holds its own bytes).
import { invariant } from './errors.js';
import type { FileHandle } from './file-system.js';
import type { PartitionDir } from './partition-dir.js';

const NO_ENTRIES = Buffer.alloc(0);
/** Entries are written out once this many bytes of them wait (a page). */
const WRITE_BYTES = 4096;

export class EntryFile {
  private buf: Buffer;
  private count: number;
  /** How many of the entries the file holds (while open for appends). */
  private written = 0;
  /** Open for appends; the file then holds the entries followed by preallocated (or stale) bytes. */
  private handle: FileHandle | undefined;
  /** The file holds exactly the entries and is synced (it was loaded or sealed since the last change). */
  private exact: boolean;
  /** The file is known to exist: opening it creates no directory entry. */
  private exists: boolean;

  private constructor(
    private readonly dir: PartitionDir,
    readonly path: string,
    readonly entrySize: number,
    readonly maxEntries: number,
    content: Buffer,
    exact: boolean,
  ) {
    this.buf = content;
    this.count = content.length / entrySize;
    this.exact = exact;
    this.exists = exact;
  }

  /** A new or rebuilt index: no entries; its file (missing, or stale) is rewritten at first need. */
  static empty(dir: PartitionDir, path: string, entrySize: number, maxIndexBytes: number): EntryFile {
    return new EntryFile(dir, path, entrySize, maxEntriesFor(maxIndexBytes, entrySize), NO_ENTRIES, false);
  }

  /** The file's entries; undefined if it is missing or not a whole number of entries. */
  static load(dir: PartitionDir, path: string, entrySize: number, maxIndexBytes: number): EntryFile | undefined {
    const stat = dir.fs.stat(path);
    if (stat === undefined || stat.isDirectory || stat.size % entrySize !== 0) return undefined;
    const content = dir.fs.readFile(path);
    if (content.length % entrySize !== 0) return undefined;
    return new EntryFile(dir, path, entrySize, maxEntriesFor(maxIndexBytes, entrySize), content, true);
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
    if (entry.length !== this.entrySize || this.isFull) throw invariant(`index entry does not fit ${this.path}`);
    const handle = this.handle ?? this.openForAppends();
    const position = this.count * this.entrySize;
    if (this.buf.length < position + this.entrySize) {
      const grown = Buffer.alloc(Math.max(position + this.entrySize, this.buf.length * 2, 64 * this.entrySize));
      this.buf.copy(grown, 0, 0, position);
      this.buf = grown;
    }
    entry.copy(this.buf, position);
    this.count++;
    this.exact = false;
    if ((this.count - this.written) * this.entrySize >= WRITE_BYTES) this.writePending(handle);
  }

  /** Writes the entries the file does not hold yet. */
  private writePending(handle: FileHandle): void {
    const from = this.written * this.entrySize;
    const to = this.count * this.entrySize;
    if (to > from) handle.write(this.buf.subarray(from, to), from);
    this.written = this.count;
  }

  /** Drops the entries from `count` on. Stale bytes may stay in the file until it is sealed; only
   * `entries` counts, and a crash before then makes recovery rebuild this index. */
  truncateTo(count: number): void {
    if (count >= this.count) return;
    this.count = count;
    this.written = Math.min(this.written, count);
    this.exact = false;
  }

  /** Writes the file as exactly its entries (creating it if needed), syncs and closes it. */
  async seal(): Promise<void> {
    if (this.exact) return;
    const handle = this.handle ?? this.rewrite();
    this.writePending(handle);
    handle.truncate(this.count * this.entrySize);
    await handle.sync();
    this.close();
    this.exact = true;
  }

  close(): void {
    this.handle?.close();
    this.handle = undefined;
  }

  /** The segment is active and takes its first entry since it was loaded, rebuilt or sealed. */
  private openForAppends(): FileHandle {
    const handle = this.rewrite();
    handle.truncate(this.maxEntries * this.entrySize);
    return handle;
  }

  /** Opens the file (creating it) with exactly the entries in memory: the file may be missing, hold
   * a loaded copy, or hold what a rebuild replaced. */
  private rewrite(): FileHandle {
    const handle = this.dir.fs.open(this.path, { create: true });
    this.handle = handle;
    if (!this.exists) this.dir.changed();
    this.exists = true;
    handle.truncate(0);
    if (this.count > 0) handle.write(this.buf.subarray(0, this.count * this.entrySize), 0);
    this.written = this.count;
    return handle;
  }
}

function maxEntriesFor(maxIndexBytes: number, entrySize: number): number {
  return Math.max(1, Math.floor(maxIndexBytes / entrySize));
}
