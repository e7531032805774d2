// What the log cleaner keeps of one batch (Kafka's Cleaner.cleanInto filter and
// CleanedTransactionMetadata):
// - a record is kept when it is its key's latest in the offset map (keyless records go), and a
//   tombstone only until its batch's delete horizon (now + delete.retention.ms, stamped into the
//   batch the first time a cleaning keeps it; KIP-534);
// - data of an aborted transaction goes;
// - a transaction marker stays while records of its transaction are still in the log, then gets a
//   delete horizon and goes once it has passed (Kafka keeps it while the pass meets any batch of the
//   transaction, so it needs one more pass to start the horizon);
// - an emptied batch stays as a bare header when it is an active producer's last (its sequence
//   and epoch must survive a reload) or the last of the segments being replaced (so the cleaned
//   segment's offsets reach as far as theirs; crash recovery of a swap relies on it).
// Offsets never change: a rewritten batch keeps its base offset and last offset delta.
import { deleteHorizonOf, encodeRetainedBatch } from '../protocol/records/batch-rewrite.js';
import { ControlRecordType } from '../protocol/records/control-record.js';
import { decodeRecordBatch, type RecordBatch } from '../protocol/records/record-batch.js';
import type { DecodedRecord } from '../protocol/records/record.js';
import type { CleanerOffsetMap } from './cleaner-offset-map.js';

/** Transactions as one cleaning pass (from the log's first segment) meets them. */
export class CleanedTxnState {
  /** Producers whose open transaction (as this pass meets it) keeps records in the cleaned log. */
  private readonly withData = new Set<number>();

  /** `aborted`: base offsets of the data batches of aborted transactions. */
  constructor(private readonly aborted: ReadonlySet<number>) {}

  /** True when the batch belongs to an aborted transaction. */
  isAborted(isTransactional: boolean, baseOffset: number): boolean {
    return isTransactional && this.aborted.has(baseOffset);
  }

  /** A batch of the producer's transaction keeps records. */
  keptData(producerId: number): void {
    this.withData.add(producerId);
  }

  /** True when no batch of the marker's transaction is left: the marker may go (after its horizon). */
  onMarker(producerId: number): boolean {
    const hadData = this.withData.delete(producerId);
    return !hadData;
  }
}

export interface FilterContext {
  map: CleanerOffsetMap;
  txn: CleanedTxnState;
  nowMs: number;
  deleteRetentionMs: number;
  /** Last offsets of active producers' last data batches. */
  producerLastOffsets: ReadonlySet<number>;
  /** Earliest delete horizon among what was kept (the next cleaning is due then). */
  nextDeleteHorizonMs?: number;
  /** Offsets of the ABORT markers kept: their transaction index entries stay. */
  keptAbortMarkers: Set<number>;
}

function noteHorizon(ctx: FilterContext, horizonMs: number): void {
  ctx.nextDeleteHorizonMs = Math.min(ctx.nextDeleteHorizonMs ?? Infinity, horizonMs);
}

/** The bytes to keep for `bytes` (one whole batch), or undefined to drop it. */
export function filterBatch(ctx: FilterContext, bytes: Buffer, isLastOfGroup: boolean): Buffer | undefined {
  const batch = decodeRecordBatch(bytes);
  const lastOffset = batch.baseOffset + batch.lastOffsetDelta;
  const retainEmpty = isLastOfGroup || (batch.producerId >= 0 && ctx.producerLastOffsets.has(lastOffset));
  const horizon = deleteHorizonOf(batch);
  const emptied = (): Buffer | undefined => (retainEmpty ? encodeRetainedBatch(batch, [], undefined) : undefined);
  if (batch.isControl) {
    // Other control records (none in data partitions today) stay, as Kafka keeps them.
    const type = txnMarkerType(batch.records);
    if (type === undefined) return bytes;
    const kept = keptMarker(ctx, batch, bytes, horizon, retainEmpty);
    if (kept !== undefined && type === ControlRecordType.ABORT) ctx.keptAbortMarkers.add(batch.baseOffset);
    return kept;
  }
  if (ctx.txn.isAborted(batch.isTransactional, batch.baseOffset)) return emptied();
  let tombstones = false;
  const retained = batch.records.filter((r) => {
    const keep = shouldRetain(ctx, r, horizon);
    if (keep && r.value === null) tombstones = true;
    return keep;
  });
  if (retained.length === 0) return emptied();
  if (batch.isTransactional) ctx.txn.keptData(batch.producerId);
  const newHorizon = horizon ?? (tombstones ? ctx.nowMs + ctx.deleteRetentionMs : undefined);
  if (tombstones) noteHorizon(ctx, newHorizon as number);
  if (retained.length === batch.records.length && newHorizon === horizon) return bytes;
  return encodeRetainedBatch(batch, retained, newHorizon);
}

function keptMarker(ctx: FilterContext, batch: RecordBatch, bytes: Buffer, horizon: number | undefined, retainEmpty: boolean): Buffer | undefined {
  const canDiscard = ctx.txn.onMarker(batch.producerId);
  if (!canDiscard) return bytes;
  if (horizon === undefined) {
    const stamped = ctx.nowMs + ctx.deleteRetentionMs;
    noteHorizon(ctx, stamped);
    return encodeRetainedBatch(batch, batch.records, stamped);
  }
  if (horizon > ctx.nowMs || retainEmpty) {
    noteHorizon(ctx, horizon);
    return bytes;
  }
  return undefined;
}

/** ABORT or COMMIT for a transaction marker, else undefined. */
function txnMarkerType(records: readonly DecodedRecord[]): number | undefined {
  const key = records[0]?.key;
  if (key === null || key === undefined || key.length < 4 || key.readInt16BE(0) < 0) return undefined;
  const type = key.readInt16BE(2);
  return type === ControlRecordType.ABORT || type === ControlRecordType.COMMIT ? type : undefined;
}

function shouldRetain(ctx: FilterContext, record: DecodedRecord, horizon: number | undefined): boolean {
  if (record.offset > ctx.map.latestOffset) return true;
  if (record.key === null) return false;
  if (record.offset < ctx.map.get(record.key)) return false;
  return record.value !== null || horizon === undefined || ctx.nowMs < horizon;
}
