// A partition directory and whether its entries changed since its last fsync. A file created in it
// (a segment's .log on its first append, an index when the segment is sealed) or removed from it is
// durable only once the directory is synced. Creating a file does not wait for that: the next flush
// syncs the directory before it counts the data as synced (Kafka's LocalLog.flush does the same),
// so a partition's first append costs no directory fsync of its own.
import { BackgroundWork } from './concurrency.js';
import type { FileSystem } from './file-system.js';

export class PartitionDir {
  private changedSinceSync = false;
  private inFlight: Promise<void> | undefined;
  /** Files being unlinked in the background (see removeLater). */
  private readonly removals = new BackgroundWork();

  constructor(
    readonly fs: FileSystem,
    readonly path: string,
  ) {}

  /** A file was created or removed here. */
  changed(): void {
    this.changedSinceSync = true;
  }

  /** Makes every change so far durable. */
  async sync(): Promise<void> {
    this.changedSinceSync = false;
    const run = this.fs.syncDir(this.path);
    this.inFlight = run;
    try {
      await run;
    } catch (err) {
      this.changedSinceSync = true;
      throw err;
    } finally {
      if (this.inFlight === run) this.inFlight = undefined;
    }
  }

  /**
   * Unlinks a file whose name already marks it as garbage (`.deleted`), off the event loop and in
   * the background: a large file's unlink takes the kernel long. One that fails stays until the
   * next opening of the log removes it.
   */
  removeLater(path: string): void {
    this.removals.start(this.fs.unlinkAsync(path));
  }

  /** Resolves once the removals started so far are done. */
  removed(): Promise<void> {
    return this.removals.settled();
  }

  /** Makes every change so far durable, syncing only if one is not yet covered by a sync. */
  async syncIfChanged(): Promise<void> {
    if (this.changedSinceSync) return this.sync();
    // A sync already running covers the changes it cleared; the caller must not pass it.
    await this.inFlight;
  }
}
