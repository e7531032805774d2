// Metadata snapshots on disk, beside the metadata log: `<20-digit end offset>-<10-digit
// epoch>.checkpoint`, written (by this node's controller, or downloaded chunk by chunk with
// FetchSnapshot) to `<name>.checkpoint.part`, synced, then renamed, so a crash never leaves a
// half snapshot under the real name. Implements the Raft core's read-only SnapshotStore seam.
import { joinPath, type FileHandle, type FileSystem } from '../../storage/file-system.js';
import { sameSnapshotId, snapshotFileStem, type SnapshotId, type SnapshotStore } from '../raft/index.js';

const SUFFIX = '.checkpoint';
const PARTIAL = '.checkpoint.part';

function parseName(name: string): SnapshotId | undefined {
  const m = /^(\d{20})-(\d{10})\.checkpoint$/.exec(name);
  return m ? { endOffset: Number(m[1]), epoch: Number(m[2]) } : undefined;
}

export class FileSnapshotStore implements SnapshotStore {
  /** Complete snapshots, oldest first. */
  private ids: SnapshotId[] = [];
  /** Forgotten snapshots whose files are still to be deleted. */
  private retired: SnapshotId[] = [];
  private readonly handles = new Map<string, FileHandle>();
  private partial: { id: SnapshotId; handle: FileHandle; size: number } | undefined;

  private constructor(private readonly fs: FileSystem, private readonly dir: string) {}

  /** Lists the complete snapshots and removes partial ones a crash left behind. */
  static open(fs: FileSystem, dir: string): FileSnapshotStore {
    const store = new FileSnapshotStore(fs, dir);
    for (const name of fs.readdir(dir)) {
      if (name.endsWith(PARTIAL)) fs.unlink(joinPath(dir, name));
      const id = parseName(name);
      if (id) store.ids.push(id);
    }
    store.ids.sort((a, b) => a.endOffset - b.endOffset);
    return store;
  }

  latestSnapshotId(): SnapshotId | undefined {
    return this.ids.at(-1);
  }

  earliestSnapshotId(): SnapshotId | undefined {
    return this.ids[0];
  }

  snapshotSizeBytes(id: SnapshotId): number | undefined {
    if (!this.ids.some((s) => sameSnapshotId(s, id))) return undefined;
    return this.fs.stat(this.path(id))?.size;
  }

  readSnapshot(id: SnapshotId, position: number, maxBytes: number): Buffer {
    const size = this.snapshotSizeBytes(id) ?? 0;
    const target = Buffer.allocUnsafe(Math.max(0, Math.min(maxBytes, size - position)));
    const n = this.handle(id).read(target, position);
    return target.subarray(0, n);
  }

  /** The whole snapshot, to load it into the metadata image. */
  readAll(id: SnapshotId): Buffer {
    return this.fs.readFile(this.path(id));
  }

  /** A chunk of a snapshot being downloaded; position 0 starts it afresh. */
  writeChunk(id: SnapshotId, position: number, bytes: Buffer): void {
    if (position === 0 || !this.partial || !sameSnapshotId(this.partial.id, id)) {
      this.partial?.handle.close();
      const handle = this.fs.open(this.path(id) + '.part', { create: true });
      handle.truncate(0);
      this.partial = { id, handle, size: 0 };
    }
    this.partial.handle.write(bytes, position);
    this.partial.size = Math.max(this.partial.size, position + bytes.length);
  }

  /**
   * Publishes the downloaded snapshot: its partial file is synced, renamed to the real name and the
   * directory synced, so from here on it survives a power cut whole. The caller then restarts the
   * log at its end and deletes the older snapshots, in that order.
   */
  async install(id: SnapshotId): Promise<void> {
    const partial = this.partial;
    if (!partial || !sameSnapshotId(partial.id, id)) throw new Error(`no downloaded snapshot ${snapshotFileStem(id)}`);
    await partial.handle.sync();
    partial.handle.close();
    this.partial = undefined;
    await this.publish(id);
  }

  /** Writes a snapshot this node produced. */
  async create(id: SnapshotId, bytes: Buffer): Promise<void> {
    if (this.ids.some((s) => sameSnapshotId(s, id))) return;
    const handle = this.fs.open(this.path(id) + '.part', { create: true });
    handle.truncate(0);
    handle.write(bytes, 0);
    await handle.sync();
    handle.close();
    await this.publish(id);
  }

  /**
   * Stops offering the snapshots ending below `offset`, at once (their files go at the next
   * deleteBefore). Called before the log start rises to `offset`: the core takes the earliest
   * snapshot for the one at the log start, and while the rise is on its way to disk a fetch must not
   * find an older one there (Kafka forgets the ids first too, in removeSnapshotFilesBefore).
   */
  forgetBefore(offset: number): void {
    for (const id of this.ids.filter((s) => s.endOffset < offset)) {
      this.handles.get(snapshotFileStem(id))?.close();
      this.handles.delete(snapshotFileStem(id));
      this.retired.push(id);
    }
    this.ids = this.ids.filter((s) => s.endOffset >= offset);
  }

  /** Deletes the snapshots ending below `offset` (the log start: nothing needs them anymore). */
  async deleteBefore(offset: number): Promise<void> {
    this.forgetBefore(offset);
    const doomed = this.retired.splice(0);
    if (doomed.length === 0) return;
    for (const id of doomed) if (this.fs.stat(this.path(id))) this.fs.unlink(this.path(id));
    await this.fs.syncDir(this.dir);
  }

  close(): void {
    for (const h of this.handles.values()) h.close();
    this.handles.clear();
    this.partial?.handle.close();
    this.partial = undefined;
  }

  private async publish(id: SnapshotId): Promise<void> {
    // A reader of the old file under this name (the same snapshot fetched again) reopens it.
    this.handles.get(snapshotFileStem(id))?.close();
    this.handles.delete(snapshotFileStem(id));
    this.fs.rename(this.path(id) + '.part', this.path(id));
    await this.fs.syncDir(this.dir);
    if (this.ids.some((s) => sameSnapshotId(s, id))) return;
    this.ids.push(id);
    this.ids.sort((a, b) => a.endOffset - b.endOffset);
  }

  private handle(id: SnapshotId): FileHandle {
    const key = snapshotFileStem(id);
    let h = this.handles.get(key);
    if (!h) this.handles.set(key, (h = this.fs.open(this.path(id))));
    return h;
  }

  private path(id: SnapshotId): string {
    return joinPath(this.dir, snapshotFileStem(id) + SUFFIX);
  }
}
