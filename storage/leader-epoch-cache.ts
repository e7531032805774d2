// The leader epoch cache (Kafka's LeaderEpochFileCache): for each leader epoch, the first offset
// written in it. OffsetsForLeaderEpoch and Raft's divergence check ask endOffsetFor(epoch). Persisted
// as leader-epoch-checkpoint in the partition directory ("<epoch> <startOffset>" lines). Every batch
// also carries its epoch, so recovery re-derives entries for the batches it validates.
import { formatCheckpoint, parseCount, readCheckpoint } from './checkpoint-file.js';
import { CoalescedTask } from './coalesced-task.js';
import { joinPath, type FileSystem } from './file-system.js';
import { LEADER_EPOCH_CHECKPOINT } from './file-names.js';

export const UNDEFINED_EPOCH = -1;
export const UNDEFINED_EPOCH_OFFSET = -1;

export interface EpochEntry {
  epoch: number;
  startOffset: number;
}

export interface EpochEndOffset {
  epoch: number;
  endOffset: number;
}

export class LeaderEpochCache {
  private entries: EpochEntry[];
  private changed = false;
  /** Created by the first write: a log that is never written never needs one. */
  private writer: CoalescedTask | undefined;

  private constructor(
    private readonly fs: FileSystem,
    readonly path: string,
    entries: EpochEntry[],
  ) {
    this.entries = entries;
  }

  /** The cache of a new log: no entries and no file until an epoch is assigned. */
  static empty(fs: FileSystem, dir: string): LeaderEpochCache {
    return new LeaderEpochCache(fs, joinPath(dir, LEADER_EPOCH_CHECKPOINT), []);
  }

  /** Loads the checkpoint. When it is missing or malformed the cache starts empty, to be derived
   * from the batches; a malformed file is rewritten at the next persist(), a missing one once an
   * epoch is derived or assigned (no file and an empty file say the same). */
  static load(fs: FileSystem, dir: string): { cache: LeaderEpochCache; status: 'ok' | 'missing' | 'malformed' } {
    const path = joinPath(dir, LEADER_EPOCH_CHECKPOINT);
    const read = readCheckpoint(fs, path, 2);
    const entries = read.kind === 'ok' ? parseEntries(read.entries) : undefined;
    const cache = new LeaderEpochCache(fs, path, entries ?? []);
    const status = entries !== undefined ? 'ok' : read.kind === 'missing' ? 'missing' : 'malformed';
    cache.changed = status === 'malformed';
    return { cache, status };
  }

  all(): readonly EpochEntry[] {
    return this.entries;
  }

  latestEpoch(): number {
    return this.entries.at(-1)?.epoch ?? UNDEFINED_EPOCH;
  }

  /** Records that `epoch` starts at `startOffset`, dropping entries it contradicts (Kafka's assign). */
  assign(epoch: number, startOffset: number): void {
    if (epoch < 0) return;
    const latest = this.entries.at(-1);
    if (latest !== undefined && latest.epoch === epoch && startOffset >= latest.startOffset) return;
    this.entries = this.entries.filter((e) => e.epoch < epoch && e.startOffset < startOffset);
    this.entries.push({ epoch, startOffset });
    this.changed = true;
  }

  /**
   * Kafka's endOffsetFor: for the latest epoch, the log end offset; for an older known epoch, the
   * start offset of the next higher epoch (with the greatest known epoch <= the requested one); for
   * an epoch above all known ones or with no entries, UNDEFINED.
   */
  endOffsetFor(requestedEpoch: number, logEndOffset: number): EpochEndOffset {
    const latest = this.entries.at(-1);
    if (requestedEpoch === UNDEFINED_EPOCH || latest === undefined) {
      return { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    }
    if (requestedEpoch === latest.epoch) return { epoch: latest.epoch, endOffset: logEndOffset };
    const higher = this.entries.findIndex((e) => e.epoch > requestedEpoch);
    if (higher < 0) return { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    const floor = this.entries[higher - 1];
    return { epoch: floor?.epoch ?? requestedEpoch, endOffset: (this.entries[higher] as EpochEntry).startOffset };
  }

  /** The epoch of the batch holding `offset`, per the cache, or UNDEFINED_EPOCH before all entries. */
  epochForOffset(offset: number): number {
    let epoch = UNDEFINED_EPOCH;
    for (const e of this.entries) {
      if (e.startOffset > offset) break;
      epoch = e.epoch;
    }
    return epoch;
  }

  /** Drops entries starting at or after `endOffset` (the log was truncated there). */
  truncateFromEnd(endOffset: number): void {
    const kept = this.entries.filter((e) => e.startOffset < endOffset);
    if (kept.length === this.entries.length) return;
    this.entries = kept;
    this.changed = true;
  }

  /** Drops every entry (the log was truncated fully). */
  clear(): void {
    if (this.entries.length === 0) return;
    this.entries = [];
    this.changed = true;
  }

  /** Drops entries wholly before `startOffset`; the epoch in force there now starts at it. */
  truncateFromStart(startOffset: number): void {
    const firstKept = this.entries.findIndex((e) => e.startOffset > startOffset);
    const cut = firstKept < 0 ? this.entries.length : firstKept;
    const inForce = this.entries[cut - 1];
    if (inForce === undefined || inForce.startOffset === startOffset) return;
    this.entries = [{ epoch: inForce.epoch, startOffset }, ...this.entries.slice(cut)];
    this.changed = true;
  }

  /** Writes the checkpoint if entries changed; resolves once the file and its rename are durable. */
  async persist(): Promise<void> {
    if (!this.changed) return;
    this.writer ??= new CoalescedTask(() => this.write());
    await this.writer.run();
  }

  private async write(): Promise<void> {
    this.changed = false;
    const content = formatCheckpoint(this.entries.map((e) => [e.epoch, e.startOffset]));
    try {
      await this.fs.writeFileAtomic(this.path, content);
    } catch (err) {
      this.changed = true;
      throw err;
    }
  }
}

function parseEntries(fields: string[][]): EpochEntry[] | undefined {
  const entries: EpochEntry[] = [];
  for (const [epochField, offsetField] of fields) {
    const epoch = parseCount(epochField as string);
    const startOffset = parseCount(offsetField as string);
    if (epoch === undefined || startOffset === undefined) return undefined;
    const previous = entries.at(-1);
    if (previous && (epoch <= previous.epoch || startOffset < previous.startOffset)) return undefined;
    entries.push({ epoch, startOffset });
  }
  return entries;
}
