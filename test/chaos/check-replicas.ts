// The storage-side invariant: once the cluster has settled (every node up, every ISR full), the
// three replicas of a partition hold the same bytes up to the high watermark. Followers copy the
// leader's batches as they are (partition leader epoch included), so the comparison is batch by
// batch, byte for byte, straight from the segment files `<topic>-<p>/*.log` of each data dir.
import fs from 'node:fs';
import path from 'node:path';
import { BATCH_HEADER_BYTES, BATCH_LENGTH, LAST_OFFSET_DELTA, LOG_OVERHEAD, PARTITION_LEADER_EPOCH, readInt64 } from '../../protocol/records/batch-header.js';

export interface StoredBatch {
  baseOffset: number;
  bytes: Buffer;
  /** Which segment file it came from, for the report. */
  file: string;
}

/** Every whole batch in a partition directory's segments, in offset order. */
export function storedBatches(partitionDir: string): StoredBatch[] {
  if (!fs.existsSync(partitionDir)) return [];
  const segments = fs.readdirSync(partitionDir).filter((f) => f.endsWith('.log')).sort();
  const out: StoredBatch[] = [];
  for (const name of segments) {
    const buf = fs.readFileSync(path.join(partitionDir, name));
    let pos = 0;
    while (pos + LOG_OVERHEAD <= buf.length) {
      const size = LOG_OVERHEAD + buf.readInt32BE(pos + BATCH_LENGTH);
      if (size < BATCH_HEADER_BYTES || pos + size > buf.length) break;
      out.push({ baseOffset: readInt64(buf, pos), bytes: buf.subarray(pos, pos + size), file: name });
      pos += size;
    }
  }
  return out;
}

/** The batches that start below the high watermark. */
export function batchesBelow(batches: StoredBatch[], highWatermark: number): StoredBatch[] {
  return batches.filter((b) => b.baseOffset < highWatermark);
}

/** How far a replica's whole batches reach: the offset after its last batch's last record. */
export function storedEndOffset(batches: StoredBatch[]): number {
  const last = batches.at(-1);
  if (!last) return 0;
  return last.baseOffset + last.bytes.readInt32BE(LAST_OFFSET_DELTA) + 1;
}

function describe(b: StoredBatch | undefined): string {
  return b ? `batch at ${b.baseOffset} (${b.bytes.length} bytes, leader epoch ${b.bytes.readInt32BE(PARTITION_LEADER_EPOCH)}, ${b.file})` : 'no batch';
}

/**
 * Compares the replicas of one partition up to `highWatermark`; `dataDirs` maps node id to data
 * dir. Returns one line per difference (the first per replica pair is enough to diagnose).
 */
export function compareReplicas(dataDirs: Map<number, string>, topic: string, partition: number, highWatermark: number): string[] {
  const replicas = [...dataDirs].map(([nodeId, dir]) => ({ nodeId, batches: storedBatches(path.join(dir, `${topic}-${partition}`)) }));
  const out: string[] = [];
  for (const r of replicas) {
    const end = storedEndOffset(r.batches);
    if (end < highWatermark) out.push(`partition ${partition}: node ${r.nodeId} stores up to ${end}, below the high watermark ${highWatermark}`);
  }
  const [first, ...others] = replicas.map((r) => ({ ...r, batches: batchesBelow(r.batches, highWatermark) }));
  for (const other of others) {
    const count = Math.max(first!.batches.length, other.batches.length);
    for (let i = 0; i < count; i++) {
      const a = first!.batches[i];
      const b = other.batches[i];
      if (a && b && a.bytes.equals(b.bytes)) continue;
      out.push(`partition ${partition}: node ${first!.nodeId} has ${describe(a)}, node ${other.nodeId} has ${describe(b)} (batch ${i} below HW ${highWatermark})`);
      break;
    }
  }
  return out;
}
