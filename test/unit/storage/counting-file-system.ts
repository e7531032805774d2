// A FileSystem over another that counts the descriptors open through it (what the handle cache
// bounds), remembers the peak, and checks the cache's promise at every open: more than `limit`
// descriptors are open only while syncs hold them, and then at most one more than those. One per
// life of a process: after a crash of the in-memory file system, the next life wraps it anew.
//
// The cache learns that a sync ended a few microtasks after the sync settles here, so for the limit
// a sync counts until the next turn of the event loop.
import { writeFileAtomicWith, type FileHandle, type FileSystem } from '../../../storage/file-system.js';
import { ForwardingFileSystem } from '../../../storage/forwarding-file-system.js';

export class CountingFileSystem extends ForwardingFileSystem {
  openNow = 0;
  peak = 0;
  opens = 0;
  /** Open descriptors per path. */
  readonly openPaths = new Map<string, number>();
  readonly violations: string[] = [];
  /** Syncs in flight per descriptor. */
  private readonly syncing = new Map<FileHandle, number>();
  /** The same, plus syncs that settled in this turn of the event loop. */
  private readonly holding = new Map<FileHandle, number>();

  constructor(
    inner: FileSystem,
    private readonly limit = Infinity,
  ) {
    super(inner);
  }

  override open(path: string, options?: { create?: boolean }): FileHandle {
    const handle = this.track(this.inner.open(path, options), path);
    this.openNow++;
    this.opens++;
    this.peak = Math.max(this.peak, this.openNow);
    this.openPaths.set(path, (this.openPaths.get(path) ?? 0) + 1);
    if (this.openNow > Math.max(this.limit, this.holding.size + 1)) {
      this.violations.push(`${this.openNow} open with ${this.holding.size} syncing at ${path}`);
    }
    return handle;
  }

  /** Through open(), so the temp file counts. */
  override writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
    return writeFileAtomicWith(this, path, data);
  }

  private track(inner: FileHandle, path: string): FileHandle {
    let closed = false;
    const handle: FileHandle = {
      write: (data, position) => inner.write(data, position),
      writev: (chunks, position) => inner.writev(chunks, position),
      read: (target, position) => inner.read(target, position),
      size: () => inner.size(),
      truncate: (length) => inner.truncate(length),
      sync: async () => {
        count(this.syncing, handle, 1);
        count(this.holding, handle, 1);
        try {
          await inner.sync();
        } finally {
          count(this.syncing, handle, -1);
          setImmediate(() => count(this.holding, handle, -1));
        }
      },
      close: () => {
        if (closed) throw new Error(`double close of ${path}`);
        if (this.syncing.has(handle)) this.violations.push(`closed ${path} under a sync`);
        closed = true;
        this.openNow--;
        this.openPaths.set(path, (this.openPaths.get(path) ?? 0) - 1);
        inner.close();
      },
    };
    return handle;
  }
}

function count(counts: Map<FileHandle, number>, handle: FileHandle, delta: number): void {
  const n = (counts.get(handle) ?? 0) + delta;
  if (n === 0) counts.delete(handle);
  else counts.set(handle, n);
}
