// A node's disk in the simulation: what the running node sees (written, maybe not synced) and what
// survives a crash (synced). A crash throws away every write since the last sync.
import type { QuorumStateData } from '../../protocol/generated/data/quorum-state-data.js';
import { MemoryLog, MemorySnapshotStore, applyReadyToMemory } from '../../src/raft/memory-log.js';
import type { Ready } from '../../src/raft/raft-node.js';
import type { SnapshotId } from '../../src/raft/log-seams.js';

interface DiskImage {
  snapshots: MemorySnapshotStore;
  log: MemoryLog;
  quorumState: QuorumStateData | undefined;
}

function emptyImage(): DiskImage {
  const snapshots = new MemorySnapshotStore();
  return { snapshots, log: new MemoryLog(snapshots), quorumState: undefined };
}

function copyImage(image: DiskImage): DiskImage {
  const snapshots = image.snapshots.clone();
  return { snapshots, log: image.log.clone(snapshots), quorumState: image.quorumState };
}

export class SimDisk {
  private live: DiskImage = emptyImage();
  private synced: DiskImage = emptyImage();

  get log(): MemoryLog {
    return this.live.log;
  }

  get snapshots(): MemorySnapshotStore {
    return this.live.snapshots;
  }

  get quorumState(): QuorumStateData | undefined {
    return this.live.quorumState;
  }

  get durable(): Readonly<DiskImage> {
    return this.synced;
  }

  /** Steps a to e of the driver contract, into the page cache. */
  write(ready: Ready): void {
    if (ready.quorumState !== undefined) this.live.quorumState = ready.quorumState;
    applyReadyToMemory(ready, this.live.log, this.live.snapshots);
  }

  sync(): void {
    this.synced = copyImage(this.live);
  }

  /** A snapshot written and synced at once, then the log cut to start at its end. */
  writeSnapshot(id: SnapshotId, bytes: Buffer): void {
    this.live.snapshots.add(id, bytes);
    this.live.snapshots.deleteOlderThanLatest();
    this.live.log.deleteBefore(id.endOffset);
    this.sync();
  }

  /**
   * Power loss: back to the last sync. Reopening follows KafkaMetadataLog: a log that ends before
   * the latest snapshot restarts empty at the snapshot's end.
   */
  crash(): void {
    this.live = copyImage(this.synced);
    const latest = this.live.snapshots.latestSnapshotId();
    if (latest !== undefined && latest.endOffset > this.live.log.logEndOffset) this.live.log.truncateFullyAndStartAt(latest.endOffset);
  }
}
