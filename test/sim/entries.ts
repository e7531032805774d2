// What the simulator compares across nodes: one id per offset, "<epoch>/<value>" for a proposed
// record and "<epoch>/ctl" for a control record (LeaderChange). Values are unique per proposal and
// each epoch has one leader, so equal ids mean the same write. A snapshot in the simulation is the
// JSON list of the ids below its end offset.
import type { LogBatch } from '../../src/raft/batches.js';
import type { MemoryLog, MemorySnapshotStore } from '../../src/raft/memory-log.js';
import { decodeRecordBatch } from '../../protocol/records/record-batch.js';

const batchIds = new WeakMap<Buffer, string[]>();
const snapshotIds = new WeakMap<Buffer, string[]>();

function idsOfBatch(batch: LogBatch): string[] {
  let ids = batchIds.get(batch.bytes);
  if (ids === undefined) {
    const decoded = decodeRecordBatch(batch.bytes);
    ids = new Array<string>(batch.lastOffset - batch.baseOffset + 1);
    for (const r of decoded.records) {
      ids[r.offset - batch.baseOffset] = decoded.isControl ? `${batch.epoch}/ctl` : `${batch.epoch}/${r.value?.toString() ?? ''}`;
    }
    batchIds.set(batch.bytes, ids);
  }
  return ids;
}

export function encodeSnapshot(ids: readonly string[]): Buffer {
  return Buffer.from(JSON.stringify(ids));
}

export function idsOfSnapshot(bytes: Buffer): string[] {
  let ids = snapshotIds.get(bytes);
  if (ids === undefined) {
    ids = JSON.parse(bytes.toString()) as string[];
    snapshotIds.set(bytes, ids);
  }
  return ids;
}

function batchAt(batches: readonly LogBatch[], offset: number): LogBatch | undefined {
  let lo = 0;
  let hi = batches.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (batches[mid]!.lastOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  const b = batches[lo];
  return b !== undefined && b.baseOffset <= offset ? b : undefined;
}

/** The id at `offset` in this log or, below its start, in its latest snapshot. */
export function entryAt(log: MemoryLog, snapshots: MemorySnapshotStore, offset: number): string | undefined {
  if (offset >= log.logStartOffset && offset < log.logEndOffset) {
    const batch = batchAt(log.batches, offset);
    return batch === undefined ? undefined : idsOfBatch(batch)[offset - batch.baseOffset];
  }
  const latest = snapshots.latestSnapshotId();
  if (latest === undefined || offset >= latest.endOffset) return undefined;
  return idsOfSnapshot(snapshots.snapshotBytes(latest)!)[offset];
}

/** Ids of offsets [0, endOffset) as this node has them (for a new snapshot). */
export function idsBelow(log: MemoryLog, snapshots: MemorySnapshotStore, endOffset: number): string[] {
  const ids: string[] = [];
  for (let o = 0; o < endOffset; o++) {
    const id = entryAt(log, snapshots, o);
    if (id === undefined) throw new Error(`offset ${o} missing below ${endOffset}`);
    ids.push(id);
  }
  return ids;
}
