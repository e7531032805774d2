// An in-memory FileSystem for tests and simulations that behaves like a disk behind a page cache:
// what is written is readable at once but survives crash() only once synced. Per file, crash() keeps
// the bytes of the last completed sync (optionally plus a torn prefix of what came after); per
// directory, it keeps the entries of the last completed syncDir, so a create, rename or unlink not
// followed by one is undone. Faults are injected one at a time with failNext().
import { FileSystemError } from './errors.js';
import { TEMP_SUFFIX, parentPath, type FileHandle, type FileStat, type FileSystem } from './file-system.js';
import { MemFile } from './memory-file.js';

export type FaultOp = 'open' | 'write' | 'truncate' | 'sync' | 'syncDir' | 'rename' | 'unlink';

export interface CrashOptions {
  /** With a random source, each file keeps a random prefix of its unsynced appended bytes, whose
   * end may read as zeros (the size reached the disk, the data did not): a torn write. */
  random?: () => number;
}

class MemDir {
  readonly kind = 'dir';
  entries = new Map<string, MemNode>();
  syncedEntries = new Map<string, MemNode>();
}

type MemNode = MemFile | MemDir;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A promise that never settles: what a call in flight sees when the machine dies under it. */
function never(): Promise<never> {
  return new Promise(() => undefined);
}

class MemHandle implements FileHandle {
  private closed = false;

  constructor(
    private readonly fs: MemoryFileSystem,
    private readonly file: MemFile,
    private readonly path: string,
    private readonly generation: number,
  ) {}

  write(data: Uint8Array, position: number): void {
    this.check('write');
    this.fs.fault('write', this.path);
    this.file.touched(position);
    this.file.data.write(data, position);
  }

  /** The bytes land at once (a fault throws before any of them do); the promise only says so. */
  async writev(chunks: readonly Uint8Array[], position: number): Promise<void> {
    for (const c of chunks) {
      this.write(c, position);
      position += c.length;
    }
  }

  read(target: Uint8Array, position: number): number {
    this.check('read');
    const view = this.file.data.view();
    const n = Math.max(0, Math.min(target.length, view.length - position));
    target.set(view.subarray(position, position + n));
    return n;
  }

  size(): number {
    this.check('fstat');
    return this.file.data.length;
  }

  truncate(length: number): void {
    this.check('ftruncate');
    this.fs.fault('truncate', this.path);
    this.file.touched(length);
    this.file.data.truncate(length);
  }

  async sync(): Promise<void> {
    this.check('fdatasync');
    this.fs.fault('sync', this.path);
    const complete = this.file.startSync();
    await nextTurn();
    if (this.generation !== this.fs.generation) return never();
    complete();
  }

  close(): void {
    this.closed = true;
  }

  private check(syscall: string): void {
    if (this.closed || this.generation !== this.fs.generation) {
      throw new FileSystemError('EBADF', syscall, this.path);
    }
  }
}

export class MemoryFileSystem implements FileSystem {
  private crashes = 0;
  private readonly root = new MemDir();
  private readonly faults = new Map<FaultOp, string>();

  /** Makes the next call of `op` throw FileSystemError with `code` (one shot). */
  failNext(op: FaultOp, code = 'EIO'): void {
    this.faults.set(op, code);
  }

  /** Bumped by crash(): handles and syncs from before it are dead. */
  get generation(): number {
    return this.crashes;
  }

  /** Loses everything not synced, as a power cut does. Open handles stop working. */
  crash(options: CrashOptions = {}): void {
    this.crashes++;
    this.faults.clear();
    const revert = (dir: MemDir): void => {
      dir.entries = new Map(dir.syncedEntries);
      for (const node of dir.entries.values()) {
        if (node.kind === 'dir') revert(node);
        else node.revert(options.random);
      }
    };
    revert(this.root);
  }

  /** @internal called by handles */
  fault(op: FaultOp, path: string): void {
    const code = this.faults.get(op);
    if (code === undefined) return;
    this.faults.delete(op);
    throw new FileSystemError(code, op, path);
  }

  open(path: string, options: { create?: boolean } = {}): FileHandle {
    this.fault('open', path);
    const { dir, name } = this.parent(path, 'open');
    let node = dir.entries.get(name);
    if (node === undefined) {
      if (!options.create) throw new FileSystemError('ENOENT', 'open', path);
      node = new MemFile();
      dir.entries.set(name, node);
    }
    if (node.kind !== 'file') throw new FileSystemError('EISDIR', 'open', path);
    return new MemHandle(this, node, path, this.generation);
  }

  readFile(path: string): Buffer {
    const node = this.lookup(path);
    if (node === undefined) throw new FileSystemError('ENOENT', 'read', path);
    if (node.kind !== 'file') throw new FileSystemError('EISDIR', 'read', path);
    return Buffer.from(node.data.view());
  }

  async writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
    const tempPath = path + TEMP_SUFFIX;
    const handle = this.open(tempPath, { create: true });
    handle.truncate(0);
    handle.write(data, 0);
    await handle.sync();
    handle.close();
    this.rename(tempPath, path);
    await this.syncDir(parentPath(path));
  }

  stat(path: string): FileStat | undefined {
    const node = this.lookup(path);
    if (node === undefined) return undefined;
    return node.kind === 'dir' ? { size: 0, isDirectory: true } : { size: node.data.length, isDirectory: false };
  }

  readdir(path: string): string[] {
    return [...this.dir(path, 'readdir').entries.keys()].sort();
  }

  mkdir(path: string): void {
    let dir = this.root;
    for (const name of segments(path)) {
      let node = dir.entries.get(name);
      if (node === undefined) {
        node = new MemDir();
        dir.entries.set(name, node);
      }
      if (node.kind !== 'dir') throw new FileSystemError('ENOTDIR', 'mkdir', path);
      dir = node;
    }
  }

  rename(fromPath: string, toPath: string): void {
    this.fault('rename', fromPath);
    const from = this.parent(fromPath, 'rename');
    const node = from.dir.entries.get(from.name);
    if (node === undefined) throw new FileSystemError('ENOENT', 'rename', fromPath);
    const to = this.parent(toPath, 'rename');
    from.dir.entries.delete(from.name);
    to.dir.entries.set(to.name, node);
  }

  unlink(path: string): void {
    this.fault('unlink', path);
    const { dir, name } = this.parent(path, 'unlink');
    const node = dir.entries.get(name);
    if (node === undefined) throw new FileSystemError('ENOENT', 'unlink', path);
    if (node.kind !== 'file') throw new FileSystemError('EISDIR', 'unlink', path);
    dir.entries.delete(name);
  }

  /** At once: a simulation stays deterministic. */
  async unlinkAsync(path: string): Promise<void> {
    this.unlink(path);
  }

  rmdir(path: string): void {
    const { dir, name } = this.parent(path, 'rmdir');
    const node = dir.entries.get(name);
    if (node === undefined) throw new FileSystemError('ENOENT', 'rmdir', path);
    if (node.kind !== 'dir') throw new FileSystemError('ENOTDIR', 'rmdir', path);
    if (node.entries.size > 0) throw new FileSystemError('ENOTEMPTY', 'rmdir', path);
    dir.entries.delete(name);
  }

  async syncDir(path: string): Promise<void> {
    this.fault('syncDir', path);
    const dir = this.dir(path, 'fsync');
    const snapshot = new Map(dir.entries);
    const generation = this.generation;
    await nextTurn();
    if (generation !== this.generation) return never();
    dir.syncedEntries = snapshot;
  }

  /** The bytes of `path` a crash() now would keep (without any torn tail), or undefined when the
   * file would not survive it: what a checker reads to tell durable state from the page cache. */
  durableFile(path: string): Buffer | undefined {
    let node: MemNode = this.root;
    for (const name of segments(path)) {
      if (node.kind !== 'dir') return undefined;
      const child: MemNode | undefined = node.syncedEntries.get(name);
      if (child === undefined) return undefined;
      node = child;
    }
    return node.kind === 'file' ? Buffer.from(node.synced.view()) : undefined;
  }

  private lookup(path: string): MemNode | undefined {
    let node: MemNode = this.root;
    for (const name of segments(path)) {
      if (node.kind !== 'dir') return undefined;
      const child: MemNode | undefined = node.entries.get(name);
      if (child === undefined) return undefined;
      node = child;
    }
    return node;
  }

  private dir(path: string, syscall: string): MemDir {
    const node = this.lookup(path);
    if (node === undefined) throw new FileSystemError('ENOENT', syscall, path);
    if (node.kind !== 'dir') throw new FileSystemError('ENOTDIR', syscall, path);
    return node;
  }

  private parent(path: string, syscall: string): { dir: MemDir; name: string } {
    const names = segments(path);
    const name = names.pop();
    if (name === undefined) throw new FileSystemError('EINVAL', syscall, path);
    return { dir: this.dir(names.join('/'), syscall), name };
  }
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '' && s !== '.');
}
