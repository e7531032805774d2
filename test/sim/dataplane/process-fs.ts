// The file system as one process sees it: the machine's (in-memory) file system until the process
// is killed. A killed process does no more I/O: its calls fail, its fsyncs never return. Unlike a
// power cut, a kill loses nothing already written: the page cache outlives the process.
import { FileSystemError } from '../../../storage/errors.js';
import { writeFileAtomicWith, type FileHandle, type FileStat, type FileSystem } from '../../../storage/file-system.js';

function never(): Promise<never> {
  return new Promise(() => undefined);
}

export class ProcessFileSystem implements FileSystem {
  private killed = false;

  constructor(private readonly machine: FileSystem) {}

  kill(): void {
    this.killed = true;
  }

  private check(syscall: string, path: string): void {
    if (this.killed) throw new FileSystemError('EBADF', syscall, path);
  }

  open(path: string, options?: { create?: boolean }): FileHandle {
    this.check('open', path);
    const handle = this.machine.open(path, options);
    const check = (syscall: string): void => this.check(syscall, path);
    const isKilled = (): boolean => this.killed;
    return {
      write(data, position) { check('write'); handle.write(data, position); },
      async writev(chunks, position) {
        check('pwritev');
        await handle.writev(chunks, position);
        if (isKilled()) return never();
      },
      read(target, position) { check('read'); return handle.read(target, position); },
      size() { check('fstat'); return handle.size(); },
      truncate(length) { check('ftruncate'); handle.truncate(length); },
      async sync() {
        check('fdatasync');
        await handle.sync();
        if (isKilled()) return never();
      },
      close() { handle.close(); },
    };
  }

  readFile(path: string): Buffer {
    this.check('read', path);
    return this.machine.readFile(path);
  }

  writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
    return writeFileAtomicWith(this, path, data);
  }

  stat(path: string): FileStat | undefined {
    this.check('stat', path);
    return this.machine.stat(path);
  }

  readdir(path: string): string[] {
    this.check('readdir', path);
    return this.machine.readdir(path);
  }

  mkdir(path: string): void {
    this.check('mkdir', path);
    this.machine.mkdir(path);
  }

  rename(fromPath: string, toPath: string): void {
    this.check('rename', fromPath);
    this.machine.rename(fromPath, toPath);
  }

  unlink(path: string): void {
    this.check('unlink', path);
    this.machine.unlink(path);
  }

  async unlinkAsync(path: string): Promise<void> {
    this.unlink(path);
  }

  rmdir(path: string): void {
    this.check('rmdir', path);
    this.machine.rmdir(path);
  }

  async syncDir(path: string): Promise<void> {
    this.check('fsync', path);
    await this.machine.syncDir(path);
    if (this.killed) return never();
  }
}
