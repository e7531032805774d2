// What storage reports for the runtime to log; storage itself never logs.

export type StorageEvent =
  /** Recovery cut a torn or corrupt tail off the last segment (one event per truncation). */
  | { kind: 'tailTruncated'; path: string; position: number; truncatedBytes: number; reason: string }
  /** A segment's indexes were missing or failed their sanity check and were rebuilt. */
  | { kind: 'indexesRebuilt'; path: string }
  /** A checkpoint file could not be parsed; its content was derived again. */
  | { kind: 'checkpointMalformed'; path: string }
  /** The log ended below the checkpointed log start offset: it restarts empty there. */
  | { kind: 'logReset'; dir: string; logEndOffset: number; logStartOffset: number }
  /** A producer-state snapshot failed its checks: it was removed, and the state is rebuilt from an
   * older snapshot and the log. */
  | { kind: 'producerSnapshotCorrupt'; path: string; reason: string }
  /** A log listed at start could not be opened at its first use: it stays offline. */
  | { kind: 'logOpenFailed'; dir: string; reason: string }
  /** A log of a deleted topic that had the same name was replaced by an empty one at first use. */
  | { kind: 'strayReplaced'; dir: string; doomed: string }
  /** Old segments were deleted by retention or because they lie below the log start offset. */
  | { kind: 'segmentsDeleted'; dir: string; baseOffsets: number[]; reason: DeletionReason };

export type DeletionReason = 'retentionMs' | 'retentionBytes' | 'logStartOffset';
