// Kafka's producer-state snapshot file, `<20-digit offset>.snapshot` in a partition directory: the
// idempotent producers' state as of that offset (everything below it applied), so a restarted or
// newly elected leader rebuilds its duplicate detection from the newest snapshot plus the log after
// it instead of from the whole log. Layout (ProducerStateManager's PID_SNAPSHOT_MAP_SCHEMA, v1):
//
//   version int16 (1) | crc uint32 (CRC-32C of everything after it) | entry count int32 |
//   entries: producerId int64 | epoch int16 | lastSequence int32 | lastOffset int64 |
//            offsetDelta int32 | timestamp int64 | coordinatorEpoch int32 | currentTxnFirstOffset int64
//
// Kafka keeps only each producer's last batch here (its in-memory five come back from the log).
import { readInt64, writeInt64 } from '../protocol/records/batch-header.js';
import { crc32c } from '../protocol/records/crc32c.js';

export const PRODUCER_SNAPSHOT_VERSION = 1;
const CRC_OFFSET = 2;
const ENTRIES_OFFSET = 6;
const HEADER_BYTES = 10;
const ENTRY_BYTES = 46;

export interface ProducerSnapshotEntry {
  producerId: number;
  producerEpoch: number;
  /** -1 when the producer has no batch (lastOffset -1 too). */
  lastSequence: number;
  lastOffset: number;
  /** lastOffset minus the batch's first offset (and lastSequence minus its first sequence). */
  offsetDelta: number;
  timestampMs: number;
  coordinatorEpoch: number;
  /** -1: no transaction open. */
  currentTxnFirstOffset: number;
}

export function encodeProducerSnapshot(entries: readonly ProducerSnapshotEntry[]): Buffer {
  const buf = Buffer.alloc(HEADER_BYTES + entries.length * ENTRY_BYTES);
  buf.writeInt16BE(PRODUCER_SNAPSHOT_VERSION, 0);
  buf.writeInt32BE(entries.length, ENTRIES_OFFSET);
  let pos = HEADER_BYTES;
  for (const e of entries) {
    writeInt64(buf, pos, e.producerId);
    buf.writeInt16BE(e.producerEpoch, pos + 8);
    buf.writeInt32BE(e.lastSequence, pos + 10);
    writeInt64(buf, pos + 14, e.lastOffset);
    buf.writeInt32BE(e.offsetDelta, pos + 22);
    writeInt64(buf, pos + 26, e.timestampMs);
    buf.writeInt32BE(e.coordinatorEpoch, pos + 34);
    writeInt64(buf, pos + 38, e.currentTxnFirstOffset);
    pos += ENTRY_BYTES;
  }
  buf.writeUInt32BE(crc32c(buf, ENTRIES_OFFSET), CRC_OFFSET);
  return buf;
}

/** The entries, or why the bytes are not a valid snapshot (Kafka's CorruptSnapshotException). */
export function decodeProducerSnapshot(buf: Buffer): ProducerSnapshotEntry[] | { corrupt: string } {
  if (buf.length < HEADER_BYTES) return { corrupt: `${buf.length} bytes, shorter than the header` };
  const version = buf.readInt16BE(0);
  if (version !== PRODUCER_SNAPSHOT_VERSION) return { corrupt: `unknown version ${version}` };
  const stored = buf.readUInt32BE(CRC_OFFSET);
  const computed = crc32c(buf, ENTRIES_OFFSET);
  if (stored !== computed) return { corrupt: `crc ${stored} does not match computed ${computed}` };
  const count = buf.readInt32BE(ENTRIES_OFFSET);
  if (count < 0 || buf.length !== HEADER_BYTES + count * ENTRY_BYTES) {
    return { corrupt: `${count} entries do not fill ${buf.length} bytes` };
  }
  const entries: ProducerSnapshotEntry[] = [];
  for (let pos = HEADER_BYTES; pos < buf.length; pos += ENTRY_BYTES) {
    entries.push({
      producerId: readInt64(buf, pos),
      producerEpoch: buf.readInt16BE(pos + 8),
      lastSequence: buf.readInt32BE(pos + 10),
      lastOffset: readInt64(buf, pos + 14),
      offsetDelta: buf.readInt32BE(pos + 22),
      timestampMs: readInt64(buf, pos + 26),
      coordinatorEpoch: buf.readInt32BE(pos + 34),
      currentTxnFirstOffset: readInt64(buf, pos + 38),
    });
  }
  return entries;
}
