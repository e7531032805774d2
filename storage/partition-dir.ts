// A partition directory and whether its entries changed since its last fsync. A file created in it
// (a segment's .log on its first append, an index when the segment is sealed) or removed from it is
// durable only once the directory is synced. Creating a file does not wait for that: the next flush
// syncs the directory before it counts the data as synced (Kafka's LocalLog.flush does the same),
// so a partition's first append costs no directory fsync of its own.
import type { FileSystem } from './file-system.js';

export class PartitionDir {
  private changedSinceSync = false;
  private inFlight: Promise<void> | undefined;

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

  /** Makes every change so far durable, syncing only if one is not yet covered by a sync. */
  async syncIfChanged(): Promise<void> {
    if (this.changedSinceSync) return this.sync();
    // A sync already running covers the changes it cleared; the caller must not pass it.
    await this.inFlight;
  }
}
