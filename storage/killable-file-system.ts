// The file system as one node of an in-process cluster sees it, so that killing the node is what
// SIGKILL is to a process: from kill() on, nothing it left running (a write after an await, a
// flush on a timer) touches a file again, and its open files are closed, as the kernel closes a
// dead process's descriptors. What it wrote before stays, in the page cache, as after a real kill.
// After kill(), writes do nothing, reads find nothing, and waits for the device never end: the
// dead node's leftovers run into the void instead of throwing where nobody catches.
import { writeFileAtomicWith, type FileHandle, type FileStat, type FileSystem, type VolumeSpace } from './file-system.js';

const EMPTY = Buffer.alloc(0);

function never(): Promise<never> {
  return new Promise(() => undefined);
}

class KillableHandle implements FileHandle {
  constructor(private readonly owner: KillableFileSystem, readonly inner: FileHandle) {}

  write(data: Uint8Array, position: number): void {
    if (!this.owner.killed) this.inner.write(data, position);
  }

  /** A write the kill overtook never completes: its caller must not acknowledge anything. */
  async writev(chunks: readonly Uint8Array[], position: number): Promise<void> {
    if (this.owner.killed) return never();
    await this.inner.writev(chunks, position);
    if (this.owner.killed) return never();
  }

  read(target: Uint8Array, position: number): number {
    return this.owner.killed ? 0 : this.inner.read(target, position);
  }

  /** A read the kill overtook finds nothing, as a read after it does. */
  async readAsync(target: Uint8Array, position: number): Promise<number> {
    if (this.owner.killed) return 0;
    const n = this.inner.readAsync !== undefined ? await this.inner.readAsync(target, position) : this.inner.read(target, position);
    return this.owner.killed ? 0 : n;
  }

  size(): number {
    return this.owner.killed ? 0 : this.inner.size();
  }

  truncate(length: number): void {
    if (!this.owner.killed) this.inner.truncate(length);
  }

  sync(): Promise<void> {
    return this.owner.killed ? never() : this.inner.sync();
  }

  close(): void {
    if (this.owner.killed) return;
    this.owner.forget(this);
    this.inner.close();
  }
}

/** What a dead owner opens: nothing. */
const DEAD_HANDLE: FileHandle = {
  write: () => undefined,
  writev: never,
  read: () => 0,
  size: () => 0,
  truncate: () => undefined,
  sync: never,
  close: () => undefined,
};

export class KillableFileSystem implements FileSystem {
  killed = false;
  private readonly open_ = new Set<KillableHandle>();

  /** There only where the inner file system has it, as callers test for it. A listing the kill
   * overtook finds nothing, as one after it does. */
  readonly readdirAsync?: (path: string) => Promise<string[]>;

  constructor(private readonly inner: FileSystem) {
    const listAsync = inner.readdirAsync?.bind(inner);
    if (listAsync === undefined) return;
    this.readdirAsync = async (path) => {
      if (this.killed) return [];
      const names = await listAsync(path);
      return this.killed ? [] : names;
    };
  }

  /** The owner is dead: close its files, and make every later call a no-op. */
  kill(): void {
    if (this.killed) return;
    this.killed = true;
    for (const h of this.open_) {
      try {
        h.inner.close();
      } catch {
        // Already closed underneath: nothing to release.
      }
    }
    this.open_.clear();
  }

  forget(handle: KillableHandle): void {
    this.open_.delete(handle);
  }

  open(path: string, options?: { create?: boolean }): FileHandle {
    if (this.killed) return DEAD_HANDLE;
    const handle = new KillableHandle(this, this.inner.open(path, options));
    this.open_.add(handle);
    return handle;
  }

  readFile(path: string): Buffer {
    return this.killed ? EMPTY : this.inner.readFile(path);
  }

  /** Step by step through this wrapper, so a kill between the steps stops the rest. */
  writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
    return this.killed ? never() : writeFileAtomicWith(this, path, data);
  }

  stat(path: string): FileStat | undefined {
    return this.killed ? undefined : this.inner.stat(path);
  }

  readdir(path: string): string[] {
    return this.killed ? [] : this.inner.readdir(path);
  }

  mkdir(path: string): void {
    if (!this.killed) this.inner.mkdir(path);
  }

  rename(fromPath: string, toPath: string): void {
    if (!this.killed) this.inner.rename(fromPath, toPath);
  }

  unlink(path: string): void {
    if (!this.killed) this.inner.unlink(path);
  }

  unlinkAsync(path: string): Promise<void> {
    return this.killed ? never() : this.inner.unlinkAsync(path);
  }

  rmdir(path: string): void {
    if (!this.killed) this.inner.rmdir(path);
  }

  volume(path: string): VolumeSpace | undefined {
    return this.inner.volume?.(path);
  }

  lockDir(dir: string): () => void {
    return this.inner.lockDir?.(dir) ?? (() => undefined);
  }

  syncDir(path: string): Promise<void> {
    return this.killed ? never() : this.inner.syncDir(path);
  }
}
