// The node's view of the __cluster_metadata quorum: who leads, proposing records as the active
// controller, and the stream of committed batches every broker replays.
import type { MetadataBatch } from '../metadata/metadata-batch.js';
import type { AnyMetadataRecord } from '../metadata/records.js';

/** A batch of the log, committed: its records are decoded as they are visited, during onCommit only. */
export interface CommittedBatch extends MetadataBatch {
  baseOffset: number;
  lastOffset: number;
  /** Leader epoch the batch was written in. */
  epoch: number;
}

export interface LeaderState {
  /** -1 while no leader is known. */
  leaderId: number;
  epoch: number;
}

export class NotLeaderError extends Error {
  readonly code = 'KRAFTLING_NOT_LEADER';
  constructor(readonly leaderId: number) {
    super(`not the metadata quorum leader (leader: ${leaderId})`);
  }
}

export interface QuorumListener {
  /** The state replaced wholesale by a snapshot (at start, or a lagging follower's download); an
   * onCommitsDone follows, after the commits that come next if any. */
  onSnapshot(batches: Iterable<MetadataBatch>, endOffset: number, epoch: number): void;
  /** Committed batches in log order (after the snapshot, if one was loaded). */
  onCommit(batch: CommittedBatch): void;
  /** The batches committed by one advance of the high watermark have all been handed over. */
  onCommitsDone(): void;
  /** Leadership changed; `isLocal` when this node now leads (and may propose). */
  onLeaderChange(state: LeaderState, isLocal: boolean): void;
}

export interface MetadataQuorum {
  start(listener: QuorumListener): Promise<void>;
  leader(): LeaderState;
  /**
   * Appends the records as one batch (only on the leader; throws NotLeaderError otherwise).
   * Returns the offset of its last record at once, and a promise that resolves when it commits
   * and rejects if leadership is lost first.
   */
  propose(records: AnyMetadataRecord[]): { lastOffset: number; committed: Promise<void> };
  /** Highest committed offset + 1. */
  highWatermark(): number;
  /** Where a node's controller listener is (a voter's, from the voter set), if known. */
  addressOf(nodeId: number): { host: string; port: number } | undefined;
  stop(): Promise<void>;
}
