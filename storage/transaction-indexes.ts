// The transaction indexes of a log's segments (see transaction-index.ts), created at first use:
// most partitions never see an aborted transaction, and each object costs memory.
import type { CompletedTxn } from './producer-entry.js';
import { floorSegmentIndex } from './log-reads.js';
import type { LogSegment } from './log-segment.js';
import type { PartitionDir } from './partition-dir.js';
import { TransactionIndex, type AbortedTxn } from './transaction-index.js';

export class TransactionIndexes {
  private readonly byBase = new Map<number, TransactionIndex>();

  constructor(private readonly dir: PartitionDir) {}

  private of(baseOffset: number): TransactionIndex {
    let index = this.byBase.get(baseOffset);
    if (index === undefined) {
      index = new TransactionIndex(this.dir, baseOffset);
      this.byBase.set(baseOffset, index);
    }
    return index;
  }

  /** A completed transaction: an aborted one goes to the index of the segment holding its marker. */
  completed(segments: readonly LogSegment[], txn: CompletedTxn, lastStableOffset: number): void {
    if (!txn.isAborted) return;
    const segment = segments[floorSegmentIndex(segments, txn.lastOffset)] as LogSegment;
    this.of(segment.baseOffset).add({ producerId: txn.producerId, firstOffset: txn.firstOffset, lastOffset: txn.lastOffset, lastStableOffset });
  }

  /** Kafka's collectAbortedTransactions: from the segment holding `fetchOffset` on, until an
   * index says the search is complete. */
  collect(segments: readonly LogSegment[], fetchOffset: number, upperBoundOffset: number): AbortedTxn[] {
    const out: AbortedTxn[] = [];
    for (let i = floorSegmentIndex(segments, fetchOffset); i < segments.length; i++) {
      const found = this.of((segments[i] as LogSegment).baseOffset).collect(fetchOffset, upperBoundOffset);
      out.push(...found.txns);
      if (found.complete) break;
    }
    return out;
  }

  /** The log was cut at `offset`: the segments above the one holding it are gone (their files
   * with them), and that one's index loses the entries at or past it, durably. */
  async truncateTo(segments: readonly LogSegment[], offset: number): Promise<void> {
    const base = (segments[floorSegmentIndex(segments, offset)] as LogSegment).baseOffset;
    for (const b of [...this.byBase.keys()]) if (b > base) this.byBase.delete(b);
    const index = this.of(base);
    index.truncateTo(offset);
    await index.sync();
  }

  /** Segments below `baseOffset` were deleted (retention) or every segment was (full truncation). */
  forgetBelow(baseOffset: number): void {
    for (const b of [...this.byBase.keys()]) if (b < baseOffset) this.byBase.delete(b);
  }

  /** The log cleaner replaced these segments: their indexes are read again from the new files. */
  forget(baseOffsets: readonly number[]): void {
    for (const b of baseOffsets) this.byBase.delete(b);
  }

  forgetAll(): void {
    this.byBase.clear();
  }

  /** Syncs every index changed since its last sync (before a producer snapshot, at close). */
  async sync(): Promise<void> {
    await Promise.all([...this.byBase.values()].map((i) => i.sync()));
  }
}
