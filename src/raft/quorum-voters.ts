// The voter set and kraft.version as the log says they are at its end (uncommitted records
// included, as in Kafka), kept up to date by watching every append, truncation and snapshot reset.
// At start it reads them from the latest snapshot and the control batches of the log after it.
import { ATTRIBUTES, BATCH_LENGTH, CONTROL_FLAG, LAST_OFFSET_DELTA, LOG_OVERHEAD, RECORDS, readInt64 } from '../../protocol/records/batch-header.js';
import type { LogBatch } from './batches.js';
import type { RaftConfig } from './config.js';
import type { ReplicatedLog, SnapshotId, SnapshotStore } from './log-seams.js';
import type { LogWatcher } from './raft-log.js';
import { History, readControlRecords, type ControlRecords, type HistoryEntry } from './voter-history.js';
import { ForcedVoterSet } from './forced-voters.js';
import { VoterSet } from './voter-set.js';

/** Bytes read at a time when scanning the log at start, into one buffer: a new buffer per read
 * would be faulted in page by page, which cost more than the reads themselves. */
const SCAN_CHUNK_BYTES = 1024 * 1024;
/** A snapshot's KRaft control records are in its first batches; this much of it is read for them. */
const SNAPSHOT_HEAD_BYTES = 1024 * 1024;

export class QuorumVoters implements LogWatcher {
  private readonly voterHistory: History<VoterSet>;
  private readonly versionHistory: History<number>;
  /** The first bytes of the snapshot being downloaded, to read its voters from when it is installed. */
  downloadHead: Buffer | undefined;
  /** Called whenever the voter set may have changed. */
  onChange: () => void = () => {};

  constructor(config: RaftConfig, log: ReplicatedLog, private readonly snapshots: SnapshotStore) {
    const staticVoters = config.voterIds.length > 0 ? { offset: -1, value: VoterSet.fromIds(config.voterIds) } : undefined;
    this.voterHistory = new History(staticVoters);
    this.versionHistory = new History<number>({ offset: -1, value: 0 });
    const latest = snapshots.latestSnapshotId();
    if (latest !== undefined) this.resetFrom(readControlRecords(snapshots.readSnapshot(latest, 0, SNAPSHOT_HEAD_BYTES), latest.endOffset - 1));
    this.scanLog(log);
    if (config.forcedVoters !== undefined) {
      this.forced = ForcedVoterSet.from(this.voterHistory.latest()?.value ?? new VoterSet([]), this.kraftVersion, config.forcedVoters);
    }
  }

  get voters(): VoterSet {
    return this.forced?.set ?? this.voterHistory.latest()?.value ?? new VoterSet([]);
  }

  /** The survivors' voter set force-voters named, until a recovered leader's record commits it. */
  forced: ForcedVoterSet | undefined;

  /** The high watermark moved: a committed VotersRecord of the recovered quorum ends the override. */
  committed(highWatermark: number): void {
    if (this.forced === undefined || !this.forced.isCommitted(highWatermark)) return;
    this.forced = undefined;
    this.onChange();
  }

  /** Offset of the VotersRecord the current set comes from; -1 for the config or a snapshot's. */
  get votersOffset(): number {
    return this.voterHistory.latest()?.offset ?? -1;
  }

  /** The voter set before the latest VotersRecord (undefined when there was none). */
  previousVoters(): VoterSet | undefined {
    const latest = this.voterHistory.latest();
    return latest === undefined || latest.offset < 0 ? undefined : this.voterHistory.at(latest.offset)?.value;
  }

  get kraftVersion(): number {
    return this.versionHistory.latest()?.value ?? 0;
  }

  /** The voters and kraft.version a snapshot ending at endOffset must carry. */
  at(endOffset: number): { voters: VoterSet | undefined; kraftVersion: number } {
    return { voters: this.voterHistory.at(endOffset)?.value, kraftVersion: this.versionHistory.at(endOffset)?.value ?? 0 };
  }

  appended(batch: LogBatch): void {
    if (!isControlBatch(batch.bytes)) return;
    const found = readControlRecords(batch.bytes);
    for (const entry of found.kraftVersions) this.versionHistory.add(entry);
    for (const entry of found.voters) this.voterHistory.add(entry);
    for (const entry of found.voters) this.forced?.recordAppended(entry.offset, batch.epoch);
    if (found.voters.length > 0) this.onChange();
  }

  truncated(endOffset: number): void {
    this.forced?.truncated(endOffset);
    this.voterHistory.truncateTo(endOffset);
    this.versionHistory.truncateTo(endOffset);
    this.onChange();
  }

  reset(snapshotId: SnapshotId): void {
    const head = this.downloadHead ?? this.snapshots.readSnapshot(snapshotId, 0, SNAPSHOT_HEAD_BYTES);
    this.downloadHead = undefined;
    this.resetFrom(readControlRecords(head, snapshotId.endOffset - 1));
    // A snapshot of the recovered quorum (its epoch at or past the forced one) already has its voters.
    if (this.forced !== undefined && snapshotId.epoch >= this.forced.epoch) this.forced = undefined;
    this.onChange();
  }

  private resetFrom(found: ControlRecords): void {
    this.voterHistory.reset(found.voters.at(-1) as HistoryEntry<VoterSet> | undefined);
    this.versionHistory.reset(found.kraftVersions.at(-1));
  }

  private scanLog(log: ReplicatedLog): void {
    let into: Buffer | undefined;
    for (let offset = log.logStartOffset; offset < log.logEndOffset;) {
      const bytes = log.read(offset, SCAN_CHUNK_BYTES, into);
      if (bytes.length === 0) break;
      const found = readControlRecords(bytes);
      for (const entry of found.kraftVersions) this.versionHistory.add(entry);
      for (const entry of found.voters) this.voterHistory.add(entry);
      offset = lastOffsetOf(bytes) + 1;
      // A log of one chunk is read into a buffer its size: a freed megabyte would make malloc keep
      // later allocations up to that size in a heap it does not give back (resident for good).
      if (offset < log.logEndOffset) into ??= Buffer.allocUnsafe(SCAN_CHUNK_BYTES);
    }
  }
}

function isControlBatch(bytes: Buffer): boolean {
  return (bytes.readInt16BE(ATTRIBUTES) & CONTROL_FLAG) !== 0;
}

/** The last offset of the last whole batch in `bytes`. */
function lastOffsetOf(bytes: Buffer): number {
  let pos = 0;
  let last = -1;
  while (bytes.length - pos >= RECORDS) {
    const size = LOG_OVERHEAD + bytes.readInt32BE(pos + BATCH_LENGTH);
    if (size > bytes.length - pos) break;
    last = readInt64(bytes, pos) + bytes.readInt32BE(pos + LAST_OFFSET_DELTA);
    pos += size;
  }
  return last;
}
