// The file-system seam of the storage layer: the few calls the log needs, so the same code runs on
// node:fs and on the in-memory twin that injects faults and crashes.
//
// Small writes, reads and truncations are synchronous: they touch the page cache and cost
// microseconds, less than a hop through libuv's thread pool. Appends of log data go through writev,
// which node:fs runs on the thread pool once they are large enough for the copy to outweigh the hop
// (or, smaller, while the event loop is busy), so the event loop reads and validates the next
// request while the last one is copied. The calls
// that wait for the device (fsync of a file or a directory, and the atomic file replace that needs
// them) are asynchronous, as are large reads where the file system offers them, so a slow disk
// never blocks the event loop. Paths use '/' and are joined with joinPath.

export interface FileHandle {
  /** Writes all of `data` at `position` (never O_APPEND: the log tracks its own end). */
  write(data: Uint8Array, position: number): void;
  /** Writes `chunks` back to back from `position` (one gathered write), off the event loop where the
   * file system can; resolves once every byte is written (to the page cache: sync() makes it durable). */
  writev(chunks: readonly Uint8Array[], position: number): Promise<void>;
  /** Reads into `target` from `position`; returns the bytes read, short only at end of file. */
  read(target: Uint8Array, position: number): number;
  /** read() on the thread pool, where the file system has one: for reads large enough that the
   * copy (or the device) outweighs the hop, so the event loop serves other requests meanwhile. The
   * handle is not closed under it. */
  readAsync?(target: Uint8Array, position: number): Promise<number>;
  size(): number;
  /** Shrinks or extends (with zeros) the file to `length` bytes. */
  truncate(length: number): void;
  /** fdatasync: the data and the size needed to read it back reach the device. */
  sync(): Promise<void>;
  /** Closes the handle, after any sync still in flight on it. */
  close(): void;
}

export interface FileStat {
  size: number;
  isDirectory: boolean;
}

export interface FileSystem {
  /** Opens for reading and writing. A created file's name is durable only after syncDir(parent). */
  open(path: string, options?: { create?: boolean }): FileHandle;
  readFile(path: string): Buffer;
  /** Writes a temp file, syncs it, renames it over `path` and syncs the directory. */
  writeFileAtomic(path: string, data: Uint8Array): Promise<void>;
  /** undefined when nothing is at `path`. */
  stat(path: string): FileStat | undefined;
  /** Names in the directory, sorted. */
  readdir(path: string): string[];
  /** readdir() on the thread pool, where the file system has one: listing a log directory of
   * 100,000 partitions takes 85-100 ms, which a start spends reading its checkpoints meanwhile. */
  readdirAsync?(path: string): Promise<string[]>;
  /** Creates the directory and missing parents; succeeds if it exists. */
  mkdir(path: string): void;
  rename(fromPath: string, toPath: string): void;
  unlink(path: string): void;
  /** unlink off the event loop: the kernel frees a large file's cached pages as it goes (660 ms
   * for 1.5 GB here), which would stall every other request. Durable once the directory is synced. */
  unlinkAsync(path: string): Promise<void>;
  /** Removes an empty directory. */
  rmdir(path: string): void;
  /** fsync of a directory: makes creates, renames and unlinks in it durable. */
  syncDir(path: string): Promise<void>;
  /** The size and free space of the volume holding `path` (DescribeLogDirs v4), where known. */
  volume?(path: string): VolumeSpace | undefined;
  /** Claims the directory for this process (dir-lock.ts) and returns the release; throws
   * DirInUseError when another live process has it. Absent where no other process can share it. */
  lockDir?(dir: string): () => void;
}

export interface VolumeSpace {
  totalBytes: number;
  /** What an unprivileged writer may still use (statfs's f_bavail, as Java's getUsableSpace). */
  usableBytes: number;
}

export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

export function parentPath(path: string): string {
  const slash = path.replace(/\/+$/, '').lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 ? '/' : path.slice(0, slash);
}

/** Suffix of the temp file writeFileAtomic renames from; loaders ignore and remove such files. */
export const TEMP_SUFFIX = '.tmp';

/** writeFileAtomic in terms of a file system's other calls: temp file, sync, rename, sync the dir. */
export async function writeFileAtomicWith(fs: Pick<FileSystem, 'open' | 'rename' | 'syncDir'>, path: string, data: Uint8Array): Promise<void> {
  const tempPath = path + TEMP_SUFFIX;
  const handle = fs.open(tempPath, { create: true });
  try {
    handle.truncate(0);
    handle.write(data, 0);
    await handle.sync();
  } finally {
    handle.close();
  }
  fs.rename(tempPath, path);
  await fs.syncDir(parentPath(path));
}
