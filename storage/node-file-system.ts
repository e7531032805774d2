// FileSystem on node:fs. Positional reads and small writes use the synchronous calls (page-cache
// copies of microseconds; measured faster than the thread-pool round trip of the async ones for
// 1 KiB batches); writev of log appends from ASYNC_WRITE_BYTES up (from BUSY_ASYNC_WRITE_BYTES while
// the event loop is busy) runs on the thread pool, where the copy of a large produce overlaps the
// event loop's next request (a quarter of the broker's CPU profile was writeSync on the event loop). fsync uses the asynchronous fdatasync so the event loop
// runs while the device works and many appends can share one sync.
import * as fs from 'node:fs';
import * as pathLib from 'node:path';
import { lockDir } from './dir-lock.js';
import { FileSystemError } from './errors.js';
import { EventLoopLoad } from './event-loop-load.js';
import { writeFileAtomicWith, type FileHandle, type FileStat, type FileSystem, type VolumeSpace } from './file-system.js';

const FILE_MODE = 0o644;

/** Below this a gathered write is done at once while the event loop has time for it. The thread
 * pool's round trip cost about 20 us of CPU per write on the 2-core bench VM, which only writes of
 * a few hundred KiB (librdkafka's 1 MB batches, follower fetches) amortize on their own; smaller
 * ones stay on the event loop unless it is busy (BUSY_ASYNC_WRITE_BYTES). */
const ASYNC_WRITE_BYTES = 256 * 1024;

/**
 * From this size a gathered write goes to the thread pool too while the event loop is busy (it ran
 * BUSY_LOOP of the time over the last sample). Then the copy into the page cache is the largest
 * single cost on the loop, and on the pool it runs beside the loop's reading and validating of
 * the next requests on the second core. Produce of 64 KiB batches on one node (the bench's raw
 * generator, alternating runs): acks=1 931-1,056 -> 1,313-1,482 MB/s, 100 B records 9.1-9.4 ->
 * 9.5-14.2 M records/s, replication factor 1 acks=all 1,040-1,069 -> 1,178-1,244 MB/s; replication
 * factor 3 392-409 -> 371-389. At the latency bench's 50,000 records/s the loop is not that busy,
 * and the end-to-end p99 stayed where it was (4.9-9.8 ms, against 6.0-7.7 in the same runs), where
 * sending every write of 32 KiB or more to the pool, busy or not, took it to 13-18 ms.
 */
const BUSY_ASYNC_WRITE_BYTES = 32 * 1024;
const BUSY_LOOP = 0.8;
/** One for the process: the nodes of an in-process cluster share its event loop. */
const loopLoad = new EventLoopLoad(BUSY_LOOP);

function wrap<T>(syscall: string, path: string, call: () => T): T {
  try {
    return call();
  } catch (err) {
    throw toFileSystemError(err, syscall, path);
  }
}

function toFileSystemError(err: unknown, syscall: string, path: string): FileSystemError {
  const code = (err as NodeJS.ErrnoException).code ?? 'EIO';
  return new FileSystemError(code, syscall, path, { cause: err });
}

/**
 * mkdir -p, one level at a time. Node's own recursive mkdirSync loops for ever where mkdir fails
 * with ENOENT although the parent exists (a path under /proc, for one); here it fails with the error.
 */
function mkdirParents(dir: string): void {
  // The common case first, in one call: a new partition directory whose parent exists. Looking
  // for the parents first cost three more calls per directory, about 45% of creating 100,000.
  try {
    fs.mkdirSync(dir);
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && (err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const missing: string[] = [];
  let at = pathLib.resolve(dir);
  while (!fs.existsSync(at)) {
    missing.push(at);
    const parent = pathLib.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const d of missing.reverse()) {
    try {
      fs.mkdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  if (!fs.statSync(dir).isDirectory()) throw Object.assign(new Error(`not a directory: ${dir}`), { code: 'ENOTDIR' });
}

function fsyncFd(fd: number, path: string, data: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err: NodeJS.ErrnoException | null): void => {
      if (err) reject(toFileSystemError(err, data ? 'fdatasync' : 'fsync', path));
      else resolve();
    };
    if (data) fs.fdatasync(fd, done);
    else fs.fsync(fd, done);
  });
}

/** Writes all of `chunks` from `position` on the thread pool, continuing after short writes. */
function writevFd(fd: number, chunks: readonly Uint8Array[], position: number, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let rest = chunks;
    let at = position;
    const done = (err: NodeJS.ErrnoException | null, written: number): void => {
      if (err) return reject(toFileSystemError(err, 'pwritev', path));
      at += written;
      rest = dropBytes(rest, written);
      if (rest.length === 0) resolve();
      else fs.writev(fd, rest as NodeJS.ArrayBufferView[], at, done);
    };
    fs.writev(fd, rest as NodeJS.ArrayBufferView[], at, done);
  });
}

/** Fills `target` from `position` on the thread pool, continuing after short reads; stops at end of file. */
function readFd(fd: number, target: Uint8Array, position: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let total = 0;
    const done = (err: NodeJS.ErrnoException | null, n: number): void => {
      if (err) return reject(toFileSystemError(err, 'pread', path));
      total += n;
      if (n === 0 || total === target.length) resolve(total);
      else fs.read(fd, target, total, target.length - total, position + total, done);
    };
    fs.read(fd, target, 0, target.length, position, done);
  });
}

/** `chunks` without their first `n` bytes (what a short write left to do). */
function dropBytes(chunks: readonly Uint8Array[], n: number): readonly Uint8Array[] {
  let i = 0;
  while (i < chunks.length && n >= chunks[i]!.length) n -= chunks[i++]!.length;
  if (i === chunks.length) return [];
  return n === 0 ? chunks.slice(i) : [chunks[i]!.subarray(n), ...chunks.slice(i + 1)];
}

class NodeFileHandle implements FileHandle {
  /** fsyncs, thread-pool writes and reads running on the descriptor: close waits for them. */
  private ioInFlight = 0;
  private closeRequested = false;

  constructor(
    private readonly fd: number,
    private readonly path: string,
    private readonly durable: boolean,
  ) {}

  write(data: Uint8Array, position: number): void {
    let written = 0;
    while (written < data.length) {
      const n = wrap('write', this.path, () =>
        fs.writeSync(this.fd, data, written, data.length - written, position + written),
      );
      written += n;
    }
  }

  async writev(chunks: readonly Uint8Array[], position: number): Promise<void> {
    let bytes = 0;
    for (const c of chunks) bytes += c.length;
    if (bytes < ASYNC_WRITE_BYTES && (bytes < BUSY_ASYNC_WRITE_BYTES || !loopLoad.isBusy())) {
      if (chunks.length === 1) return this.write(chunks[0]!, position);
      // One system call for the lot: appends gathered from many produce requests arrive here.
      let rest = chunks;
      while (rest.length > 0) {
        const n = wrap('pwritev', this.path, () => fs.writevSync(this.fd, rest as NodeJS.ArrayBufferView[], position));
        position += n;
        rest = dropBytes(rest, n);
      }
      return;
    }
    this.ioInFlight++;
    try {
      await writevFd(this.fd, chunks, position, this.path);
    } finally {
      this.ioInFlight--;
      if (this.closeRequested && this.ioInFlight === 0) this.closeNow();
    }
  }

  read(target: Uint8Array, position: number): number {
    let total = 0;
    while (total < target.length) {
      const n = wrap('read', this.path, () =>
        fs.readSync(this.fd, target, total, target.length - total, position + total),
      );
      if (n === 0) break;
      total += n;
    }
    return total;
  }

  async readAsync(target: Uint8Array, position: number): Promise<number> {
    this.ioInFlight++;
    try {
      return await readFd(this.fd, target, position, this.path);
    } finally {
      this.ioInFlight--;
      if (this.closeRequested && this.ioInFlight === 0) this.closeNow();
    }
  }

  size(): number {
    return wrap('fstat', this.path, () => fs.fstatSync(this.fd).size);
  }

  truncate(length: number): void {
    wrap('ftruncate', this.path, () => fs.ftruncateSync(this.fd, length));
  }

  async sync(): Promise<void> {
    if (!this.durable) return;
    this.ioInFlight++;
    try {
      await fsyncFd(this.fd, this.path, true);
    } finally {
      this.ioInFlight--;
      if (this.closeRequested && this.ioInFlight === 0) this.closeNow();
    }
  }

  close(): void {
    // Closing under an fsync, write or read in flight would let the fd number be reused by another open.
    this.closeRequested = true;
    if (this.ioInFlight === 0) this.closeNow();
  }

  private closeNow(): void {
    wrap('close', this.path, () => fs.closeSync(this.fd));
  }
}

export interface NodeFileSystemOptions {
  /**
   * false skips every fsync: for data that must not outlive the process anyway (an ephemeral
   * cluster's temporary directory), where waiting for the device buys nothing. A kill -9 still
   * loses nothing written: the page cache belongs to the operating system, not the process.
   */
  durable?: boolean;
}

export class NodeFileSystem implements FileSystem {
  private readonly durable: boolean;

  constructor(options: NodeFileSystemOptions = {}) {
    this.durable = options.durable ?? true;
  }

  open(path: string, options: { create?: boolean } = {}): FileHandle {
    const flags = fs.constants.O_RDWR | (options.create ? fs.constants.O_CREAT : 0);
    const fd = wrap('open', path, () => fs.openSync(path, flags, FILE_MODE));
    return new NodeFileHandle(fd, path, this.durable);
  }

  readFile(path: string): Buffer {
    return wrap('read', path, () => fs.readFileSync(path));
  }

  writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
    return writeFileAtomicWith(this, path, data);
  }

  stat(path: string): FileStat | undefined {
    const stats = wrap('stat', path, () => fs.statSync(path, { throwIfNoEntry: false }));
    return stats && { size: stats.size, isDirectory: stats.isDirectory() };
  }

  readdir(path: string): string[] {
    return wrap('readdir', path, () => fs.readdirSync(path)).sort();
  }

  async readdirAsync(path: string): Promise<string[]> {
    try {
      return (await fs.promises.readdir(path)).sort();
    } catch (err) {
      throw toFileSystemError(err, 'readdir', path);
    }
  }

  mkdir(path: string): void {
    wrap('mkdir', path, () => mkdirParents(path));
  }

  rename(fromPath: string, toPath: string): void {
    wrap('rename', fromPath, () => fs.renameSync(fromPath, toPath));
  }

  unlink(path: string): void {
    wrap('unlink', path, () => fs.unlinkSync(path));
  }

  async unlinkAsync(path: string): Promise<void> {
    try {
      await fs.promises.unlink(path);
    } catch (err) {
      throw toFileSystemError(err, 'unlink', path);
    }
  }

  rmdir(path: string): void {
    wrap('rmdir', path, () => fs.rmdirSync(path));
  }

  async syncDir(path: string): Promise<void> {
    if (!this.durable) return;
    const fd = wrap('open', path, () => fs.openSync(path, fs.constants.O_RDONLY));
    try {
      await fsyncFd(fd, path, false);
    } finally {
      fs.closeSync(fd);
    }
  }

  volume(path: string): VolumeSpace | undefined {
    try {
      const s = fs.statfsSync(path);
      return { totalBytes: s.blocks * s.bsize, usableBytes: s.bavail * s.bsize };
    } catch {
      return undefined;
    }
  }

  lockDir(dir: string): () => void {
    return lockDir(dir);
  }
}
