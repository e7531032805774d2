// A FileSystem that passes every call to another: the base of wrappers that change a few calls
// (the handle cache changes how files are opened) and leave the rest as they are.
import type { FileHandle, FileStat, FileSystem, VolumeSpace } from './file-system.js';

export class ForwardingFileSystem implements FileSystem {
  /** There only where the inner file system has it, as callers test for it. */
  readonly readdirAsync?: (path: string) => Promise<string[]>;

  constructor(protected readonly inner: FileSystem) {
    const listAsync = inner.readdirAsync?.bind(inner);
    if (listAsync !== undefined) this.readdirAsync = listAsync;
  }

  open(path: string, options?: { create?: boolean }): FileHandle {
    return this.inner.open(path, options);
  }

  readFile(path: string): Buffer {
    return this.inner.readFile(path);
  }

  writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
    return this.inner.writeFileAtomic(path, data);
  }

  stat(path: string): FileStat | undefined {
    return this.inner.stat(path);
  }

  readdir(path: string): string[] {
    return this.inner.readdir(path);
  }

  mkdir(path: string): void {
    this.inner.mkdir(path);
  }

  rename(fromPath: string, toPath: string): void {
    this.inner.rename(fromPath, toPath);
  }

  unlink(path: string): void {
    this.inner.unlink(path);
  }

  unlinkAsync(path: string): Promise<void> {
    return this.inner.unlinkAsync(path);
  }

  rmdir(path: string): void {
    this.inner.rmdir(path);
  }

  syncDir(path: string): Promise<void> {
    return this.inner.syncDir(path);
  }

  volume(path: string): VolumeSpace | undefined {
    return this.inner.volume?.(path);
  }

  lockDir(dir: string): () => void {
    return this.inner.lockDir?.(dir) ?? (() => undefined);
  }
}
