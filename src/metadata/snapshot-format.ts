// The bytes of a metadata snapshot (`<offset>-<epoch>.checkpoint`, KIP-630): a control batch with
// a SnapshotHeaderRecord, batches of metadata records, and a control batch with a
// SnapshotFooterRecord, all RecordBatch v2 as in Kafka's RecordsSnapshotWriter.
import { writeSnapshotFooterRecord } from '../../protocol/generated/data/snapshot-footer-record.js';
import { writeSnapshotHeaderRecord } from '../../protocol/generated/data/snapshot-header-record.js';
import { Writer } from '../../protocol/primitives/writer.js';
import { batchSize, isControlBatch, LOG_OVERHEAD } from '../../protocol/records/batch-header.js';
import { ControlRecordType, encodeControlRecordKey } from '../../protocol/records/control-record.js';
import { decodeRecordBatch, encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { DecodeError } from '../../protocol/primitives/reader.js';
import { metadataBatchAt, recordsOf, type MetadataBatch } from './metadata-batch.js';
import { encodeMetadataRecord, type AnyMetadataRecord } from './records.js';

/** Records per data batch: Kafka's snapshot writer batches in the same order of magnitude. */
const RECORDS_PER_BATCH = 4096;

function controlBatch(type: typeof ControlRecordType.SNAPSHOT_HEADER | typeof ControlRecordType.SNAPSHOT_FOOTER,
  baseOffset: number, epoch: number, nowMs: number, write: (w: Writer) => void): Buffer {
  const w = new Writer(32);
  write(w);
  return encodeRecordBatch({
    baseOffset, partitionLeaderEpoch: epoch, isControl: true,
    records: [{ key: encodeControlRecordKey(type), value: w.toBuffer(), timestamp: nowMs }],
  });
}

/** A snapshot of `records` taken at epoch `epoch`, whose last log record had `lastTimestampMs`. */
export function encodeSnapshot(records: readonly AnyMetadataRecord[], epoch: number, lastTimestampMs: number, nowMs: number): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  parts.push(controlBatch(ControlRecordType.SNAPSHOT_HEADER, offset++, epoch, nowMs, (w) =>
    writeSnapshotHeaderRecord(w, { version: 0, lastContainedLogTimestamp: lastTimestampMs }, 0)));
  for (let i = 0; i < records.length; i += RECORDS_PER_BATCH) {
    const chunk = records.slice(i, i + RECORDS_PER_BATCH);
    parts.push(encodeRecordBatch({
      baseOffset: offset, partitionLeaderEpoch: epoch,
      records: chunk.map((r) => ({ key: null, value: encodeMetadataRecord(r), timestamp: nowMs })),
    }));
    offset += chunk.length;
  }
  parts.push(controlBatch(ControlRecordType.SNAPSHOT_FOOTER, offset, epoch, nowMs, (w) => writeSnapshotFooterRecord(w, { version: 0 }, 0)));
  return Buffer.concat(parts);
}

/** The metadata records of a snapshot; a missing header or footer means it is incomplete. */
export function decodeSnapshot(bytes: Buffer): AnyMetadataRecord[] {
  return recordsOf(snapshotBatches(bytes));
}

/**
 * A snapshot's data batches, once its framing is checked whole (every batch's size, the header
 * first, the footer last). Each batch is checked when its turn comes (a failed CRC throws then),
 * and its records are decoded as they are visited (see MetadataBatch): a loader that applies them
 * as they come holds no decoded record beyond the one it applies.
 */
export function* snapshotBatches(bytes: Buffer): Generator<MetadataBatch> {
  let sawHeader = false;
  let sawFooter = false;
  for (let pos = 0; pos < bytes.length;) {
    if (bytes.length - pos < LOG_OVERHEAD) throw new DecodeError(`snapshot ends inside a batch header at ${pos}`);
    const size = batchSize(bytes, pos);
    if (isControlBatch(bytes, pos)) {
      decodeRecordBatch(bytes, pos);
      if (pos === 0) sawHeader = true;
      sawFooter = pos + size === bytes.length;
    }
    pos += size;
  }
  if (!sawHeader || !sawFooter) throw new DecodeError('snapshot lacks its header or footer');
  for (let pos = 0; pos < bytes.length; pos += batchSize(bytes, pos)) {
    if (!isControlBatch(bytes, pos)) yield metadataBatchAt(bytes, pos);
  }
}
