// What the Raft core reads of the metadata log and its snapshots, like Kafka's ReplicatedLog and
// RawSnapshotReader. Reads only: every change to the log or the snapshots reaches the driver as a
// Ready, and the core sees it here once the driver has called advance().
import { assert } from './assert.js';

export interface OffsetAndEpoch {
  offset: number;
  epoch: number;
}

/** A snapshot holds the state after every record below endOffset; epoch is that of the record at
 * endOffset - 1. */
export interface SnapshotId {
  endOffset: number;
  epoch: number;
}

/** Kafka's snapshot file stem: `<20-digit end offset>-<10-digit epoch>` (+ `.checkpoint`). */
export function snapshotFileStem(id: SnapshotId): string {
  return `${String(id.endOffset).padStart(20, '0')}-${String(id.epoch).padStart(10, '0')}`;
}

export function sameSnapshotId(a: SnapshotId | undefined, b: SnapshotId | undefined): boolean {
  return a !== undefined && b !== undefined && a.endOffset === b.endOffset && a.epoch === b.epoch;
}

/** Raft's order of logs: by last epoch, then by end offset. */
export function compareOffsetAndEpoch(a: OffsetAndEpoch, b: OffsetAndEpoch): number {
  return a.epoch !== b.epoch ? a.epoch - b.epoch : a.offset - b.offset;
}

export interface ReplicatedLog {
  readonly logStartOffset: number;
  readonly logEndOffset: number;
  /** Epoch of the last batch; with no batch after the log start, the epoch of the snapshot ending
   * at the log start offset; 0 for an empty log. */
  readonly lastFetchedEpoch: number;
  /**
   * KafkaMetadataLog.endOffsetForEpoch: the greatest epoch <= `epoch` in the log and the offset
   * where it ends (the start of the next epoch, or the log end offset for the last one). See
   * metadataEndOffsetForEpoch for deriving it from a leader-epoch cache.
   */
  endOffsetForEpoch(epoch: number): OffsetAndEpoch;
  /** Whole batches from the one holding fromOffset: at least one if any, else up to maxBytes.
   * Empty at or past the log end offset. A log may read them into `into` (when they fit) and
   * return a view of it, valid until its next use: only for a reader that is done with them first. */
  read(fromOffset: number, maxBytes: number, into?: Buffer): Buffer;
}

export interface SnapshotStore {
  latestSnapshotId(): SnapshotId | undefined;
  /** The oldest kept snapshot, which is the one ending at the log start offset when that is above
   * 0: snapshots below the log start are deleted with the log they replace. */
  earliestSnapshotId(): SnapshotId | undefined;
  /** Size in bytes of a complete snapshot, undefined when there is none with this id. */
  snapshotSizeBytes(id: SnapshotId): number | undefined;
  /** Up to maxBytes of a complete snapshot from position (not aligned to batches). */
  readSnapshot(id: SnapshotId, position: number, maxBytes: number): Buffer;
}

/**
 * Turns a leader-epoch cache answer (Kafka's LeaderEpochFileCache.endOffsetFor, epoch -1 when
 * unknown) into KafkaMetadataLog's: an unknown epoch reads as the log end and last fetched epoch,
 * and an epoch older than the log that ends where the earliest snapshot does reads as that snapshot.
 */
export function metadataEndOffsetForEpoch(
  requestedEpoch: number,
  cached: { epoch: number; endOffset: number },
  log: { logEndOffset: number; lastFetchedEpoch: number },
  earliestSnapshot: SnapshotId | undefined,
): OffsetAndEpoch {
  if (cached.epoch < 0) return { offset: log.logEndOffset, epoch: log.lastFetchedEpoch };
  if (earliestSnapshot !== undefined && cached.endOffset === earliestSnapshot.endOffset && cached.epoch === requestedEpoch) {
    return { offset: earliestSnapshot.endOffset, epoch: earliestSnapshot.epoch };
  }
  return { offset: cached.endOffset, epoch: cached.epoch };
}

export type OffsetValidation =
  | { kind: 'valid' }
  | { kind: 'diverging'; offset: number; epoch: number }
  | { kind: 'snapshot'; snapshotId: SnapshotId };

/**
 * ReplicatedLog.validateOffsetAndEpoch: may a follower that has `offset` as its end offset and
 * `epoch` as its last fetched epoch continue from there? If not, it either truncates to the
 * returned diverging epoch's end, or it is too far behind (or before the log start) and must load
 * the latest snapshot.
 */
export function validateOffsetAndEpoch(
  log: Pick<ReplicatedLog, 'logStartOffset' | 'endOffsetForEpoch'>,
  snapshots: Pick<SnapshotStore, 'earliestSnapshotId' | 'latestSnapshotId'>,
  offset: number,
  epoch: number,
): OffsetValidation {
  if (log.logStartOffset === 0 && offset === 0) return { kind: 'valid' };
  const earliest = snapshots.earliestSnapshotId();
  if (
    earliest !== undefined &&
    (offset < log.logStartOffset || (offset === log.logStartOffset && epoch !== earliest.epoch) || epoch < earliest.epoch)
  ) {
    const latest = snapshots.latestSnapshotId();
    assert(latest !== undefined, 'an earliest snapshot but no latest');
    return { kind: 'snapshot', snapshotId: latest };
  }
  const end = log.endOffsetForEpoch(epoch);
  if (end.epoch !== epoch || end.offset < offset) return { kind: 'diverging', offset: end.offset, epoch: end.epoch };
  return { kind: 'valid' };
}
