// What a node's start replays, read from its metadata log directory while no node runs.
import fs from 'node:fs';
import path from 'node:path';
import { isControlBatch, RECORD_COUNT } from '../../protocol/records/batch-header.js';
import { snapshotBatches } from '../../src/metadata/snapshot-format.js';
import { storedBatches } from '../chaos/check-replicas.js';

/** The newest snapshot's end offset (0 without one) and the records a start applies: the
 * snapshot's, then those of the log's batches after it (control batches hold none). */
export function metadataRecordsOnDisk(metadataDir: string): { snapshotEnd: number; records: number } {
  const snapshot = fs.readdirSync(metadataDir).filter((f) => f.endsWith('.checkpoint')).sort().at(-1);
  const snapshotEnd = snapshot === undefined ? 0 : Number(snapshot.slice(0, 20));
  let records = 0;
  if (snapshot !== undefined) {
    for (const batch of snapshotBatches(fs.readFileSync(path.join(metadataDir, snapshot)))) records += batch.recordCount;
  }
  for (const b of storedBatches(metadataDir)) {
    if (b.baseOffset >= snapshotEnd && !isControlBatch(b.bytes, 0)) records += b.bytes.readInt32BE(RECORD_COUNT);
  }
  return { snapshotEnd, records };
}
