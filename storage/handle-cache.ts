// A FileSystem that bounds the descriptors a log directory holds open. Each partition has up to three
// files per segment, so 100,000 partitions would hold hundreds of thousands of descriptors (and hit
// EMFILE) if every handle stayed open. Handles returned here are cheap stand-ins for a path: the
// descriptor behind one is opened when the handle is used and closed again, least recently used
// first, once more than `maxOpenFiles` are open; the next use reopens it.
//
// A descriptor with an fsync or a thread-pool write or read in flight is never closed (the fd
// number could be reused by another open under it). So the count exceeds the limit only while
// more of those run at once than the limit, and returns under it as they finish. Closing and
// reopening loses nothing: the page cache belongs to the file, not the descriptor, so an fsync on a
// new descriptor covers writes made through an old one (and Linux reports a writeback error to the
// first fsync that has not seen it, whichever fd).
import { FileSystemError } from './errors.js';
import { writeFileAtomicWith, type FileHandle, type FileSystem } from './file-system.js';
import { ForwardingFileSystem } from './forwarding-file-system.js';

/** Well under the usual descriptor limits (Node raises the soft one to the hard one at start), and
 * far more than the partitions a broker writes at once. */
export const DEFAULT_MAX_OPEN_FILES = 4096;

class CachedHandle implements FileHandle {
  /** The open descriptor, while the cache keeps it. */
  inner: FileHandle | undefined;
  /** fsyncs, writes and reads in flight on `inner`. */
  ioInFlight = 0;
  closed = false;

  constructor(
    private readonly cache: HandleCache,
    readonly path: string,
  ) {}

  write(data: Uint8Array, position: number): void {
    this.cache.acquire(this).write(data, position);
  }

  async writev(chunks: readonly Uint8Array[], position: number): Promise<void> {
    const inner = this.cache.acquire(this);
    this.ioInFlight++;
    try {
      await inner.writev(chunks, position);
    } finally {
      this.ioInFlight--;
      this.cache.released(this);
    }
  }

  read(target: Uint8Array, position: number): number {
    return this.cache.acquire(this).read(target, position);
  }

  /** The descriptor's own readAsync where it has one (else a read at once), kept open meanwhile. */
  async readAsync(target: Uint8Array, position: number): Promise<number> {
    const inner = this.cache.acquire(this);
    if (inner.readAsync === undefined) return inner.read(target, position);
    this.ioInFlight++;
    try {
      return await inner.readAsync(target, position);
    } finally {
      this.ioInFlight--;
      this.cache.released(this);
    }
  }

  size(): number {
    return this.cache.acquire(this).size();
  }

  truncate(length: number): void {
    this.cache.acquire(this).truncate(length);
  }

  async sync(): Promise<void> {
    const inner = this.cache.acquire(this);
    this.ioInFlight++;
    try {
      await inner.sync();
    } finally {
      this.ioInFlight--;
      this.cache.released(this);
    }
  }

  close(): void {
    this.closed = true;
    this.cache.released(this);
  }
}

export class HandleCache extends ForwardingFileSystem {
  /** Handles with an open descriptor, least recently used first (a Map keeps insertion order). */
  private readonly lru = new Map<CachedHandle, true>();

  constructor(
    inner: FileSystem,
    readonly maxOpenFiles = DEFAULT_MAX_OPEN_FILES,
  ) {
    super(inner);
    if (!Number.isInteger(maxOpenFiles) || maxOpenFiles < 1) throw new RangeError(`maxOpenFiles ${maxOpenFiles}`);
  }

  /** Descriptors open right now. */
  get openFiles(): number {
    return this.lru.size;
  }

  /** Opens at once (so a missing file or a create fails here), then lets the cache manage it. */
  override open(path: string, options: { create?: boolean } = {}): FileHandle {
    const handle = new CachedHandle(this, path);
    this.makeRoom(this.maxOpenFiles - 1);
    handle.inner = this.inner.open(path, options);
    this.lru.set(handle, true);
    return handle;
  }

  /** @internal The handle's descriptor, reopened if it was closed; now the most recently used. */
  acquire(handle: CachedHandle): FileHandle {
    if (handle.closed) throw new FileSystemError('EBADF', 'use of a closed handle', handle.path);
    const inner = handle.inner;
    if (inner !== undefined) {
      this.lru.delete(handle);
      this.lru.set(handle, true);
      return inner;
    }
    this.makeRoom(this.maxOpenFiles - 1);
    handle.inner = this.inner.open(handle.path);
    this.lru.set(handle, true);
    return handle.inner;
  }

  /** @internal A sync ended or the handle was closed: close what may be closed now. */
  released(handle: CachedHandle): void {
    if (handle.closed && handle.ioInFlight === 0) this.closeInner(handle);
    this.makeRoom(this.maxOpenFiles);
  }

  /** Through a cached handle, so the temp file's descriptor counts against the limit too. */
  override writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
    return writeFileAtomicWith(this, path, data);
  }

  /** Closes least recently used descriptors without a sync in flight until at most `target` stay. */
  private makeRoom(target: number): void {
    if (this.lru.size <= target) return;
    for (const handle of this.lru.keys()) {
      if (handle.ioInFlight > 0) continue;
      this.closeInner(handle);
      if (this.lru.size <= target) return;
    }
  }

  private closeInner(handle: CachedHandle): void {
    const inner = handle.inner;
    if (inner === undefined) return;
    handle.inner = undefined;
    this.lru.delete(handle);
    inner.close();
  }
}
