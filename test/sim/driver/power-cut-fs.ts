// One process incarnation's view of a node's disk (a MemoryFileSystem that outlives it), with the
// power cut the simulation arms: after a chosen number of disk steps (each write, truncate, fsync,
// directory fsync, create, rename, unlink), the machine loses power *before* the next step. What
// the disk kept is whatever was synced; the process is gone: every later call of this incarnation
// throws PowerCut (or, if it returns a promise, never settles), so no write of a dead process
// reaches the disk the next incarnation recovers from.
import { writeFileAtomicWith, type FileHandle, type FileStat, type FileSystem } from '../../../storage/file-system.js';
import type { MemoryFileSystem } from '../../../storage/memory-file-system.js';

export class PowerCut extends Error {
  override readonly name = 'PowerCut';
}

function never(): Promise<never> {
  return new Promise(() => undefined);
}

export class PowerCutFileSystem implements FileSystem {
  private stepsLeft = Infinity;
  private dead = false;
  /** Disk steps taken by this incarnation. */
  steps = 0;

  /** fsyncs waiting for their (virtual) disk latency. */
  waiting = 0;

  constructor(
    private readonly disk: MemoryFileSystem,
    /** Called at the moment of the cut: the simulation crashes the disk and buries the process. */
    private readonly onCut: () => void,
    /** The latency of one fsync, in virtual time: resolves when it has passed. */
    private readonly latency: () => Promise<void>,
    /** Counts every call, so the simulation can tell when the process stopped moving. */
    private readonly onActivity: () => void,
  ) {}

  /** The power goes before the `steps`-th next disk step (1: before the very next one). */
  cutAfter(steps: number): void {
    this.stepsLeft = Math.max(1, steps);
  }

  cancelCut(): void {
    this.stepsLeft = Infinity;
  }

  /** The process died by other means (crash at an event boundary): nothing more reaches the disk. */
  bury(): void {
    this.dead = true;
  }

  get isDead(): boolean {
    return this.dead;
  }

  /** A disk step: throws PowerCut (and the power is cut) when the cut comes before it. */
  step(): void {
    this.check();
    if (--this.stepsLeft <= 0) {
      this.dead = true;
      this.onCut();
      throw new PowerCut('power cut');
    }
    this.steps++;
  }

  check(): void {
    this.onActivity();
    if (this.dead) throw new PowerCut('the process is gone');
  }

  /** An async disk step: a cut before it leaves the caller waiting forever, as a dead process does. */
  private async asyncStep(run: () => Promise<void>): Promise<void> {
    try {
      this.step();
    } catch (err) {
      if (err instanceof PowerCut) return never();
      throw err;
    }
    // The data reaches the disk only once the latency has passed: a cut meanwhile loses it.
    this.waiting++;
    try {
      await this.latency();
    } finally {
      this.waiting--;
    }
    if (this.dead) return never();
    await run();
    if (this.dead) return never();
  }

  open(path: string, options?: { create?: boolean }): FileHandle {
    if (options?.create && this.disk.stat(path) === undefined) this.step();
    else this.check();
    return new CutHandle(this, this.disk.open(path, options));
  }

  readFile(path: string): Buffer {
    this.check();
    return this.disk.readFile(path);
  }

  writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
    return writeFileAtomicWith(this, path, data);
  }

  stat(path: string): FileStat | undefined {
    this.check();
    return this.disk.stat(path);
  }

  readdir(path: string): string[] {
    this.check();
    return this.disk.readdir(path);
  }

  mkdir(path: string): void {
    this.step();
    this.disk.mkdir(path);
  }

  rename(fromPath: string, toPath: string): void {
    this.step();
    this.disk.rename(fromPath, toPath);
  }

  unlink(path: string): void {
    this.step();
    this.disk.unlink(path);
  }

  unlinkAsync(path: string): Promise<void> {
    return this.asyncStep(async () => this.disk.unlink(path));
  }

  rmdir(path: string): void {
    this.step();
    this.disk.rmdir(path);
  }

  syncDir(path: string): Promise<void> {
    return this.asyncStep(() => this.disk.syncDir(path));
  }

  /** @internal for handles */
  handleSync(handle: FileHandle): Promise<void> {
    return this.asyncStep(() => handle.sync());
  }
}

class CutHandle implements FileHandle {
  constructor(
    private readonly fs: PowerCutFileSystem,
    private readonly inner: FileHandle,
  ) {}

  write(data: Uint8Array, position: number): void {
    this.fs.step();
    this.inner.write(data, position);
  }

  /** One disk step like write(); a cut before it leaves the caller waiting, as a dead process does. */
  async writev(chunks: readonly Uint8Array[], position: number): Promise<void> {
    try {
      this.fs.step();
    } catch (err) {
      if (err instanceof PowerCut) return never();
      throw err;
    }
    await this.inner.writev(chunks, position);
  }

  read(target: Uint8Array, position: number): number {
    this.fs.check();
    return this.inner.read(target, position);
  }

  size(): number {
    this.fs.check();
    return this.inner.size();
  }

  truncate(length: number): void {
    this.fs.step();
    this.inner.truncate(length);
  }

  sync(): Promise<void> {
    return this.fs.handleSync(this.inner);
  }

  close(): void {
    this.inner.close();
  }
}
