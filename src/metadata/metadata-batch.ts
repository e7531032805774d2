// The records of one metadata batch (of the log or of a snapshot), checked when the batch is taken
// and decoded one at a time as they are visited, so that a replay keeps no record alive past its
// apply. A CreateTopics of 100 topics of 100 partitions is one batch of 10,100 records: decoded
// whole before their apply, they outlived the collections made while they were decoded, and such
// a log replayed at 0.54-0.77 M records/s at a node's start (0.95-1.24 for one in batches a tenth
// the size); decoded as they are applied, at 0.82-1.37.
import { checkedBatch } from '../../protocol/records/record-batch.js';
import { forEachRecordValue } from '../../protocol/records/record.js';
import { decodeMetadataRecord, type AnyMetadataRecord } from './records.js';

export interface MetadataBatch {
  /** How many metadata records it holds; 0 for control batches (leader changes, snapshot markers). */
  recordCount: number;
  /** Decodes its records in order, handing each to `visit` as it is made. Only while the bytes it
   * was taken from are unchanged: a log's are read into a buffer that is read into again. */
  forEachRecord(visit: (record: AnyMetadataRecord) => void): void;
  /** Hands each record's encoded value to `visit`, undecoded (a delta's applyValue decodes it as
   * it applies it); the same validity as forEachRecord. */
  forEachValue(visit: RecordValueVisitor): void;
}

/** A record's value, as buf[start, end). */
export type RecordValueVisitor = (buf: Buffer, start: number, end: number) => void;

const skipValue = (): undefined => undefined;
const noRecords = (): void => undefined;

/** The batch at `pos`, checked now as decodeRecordBatch checks it (frame, CRC, and a control batch's
 * records); a data batch's records are decoded when visited. */
export function metadataBatchAt(buf: Buffer, pos: number): MetadataBatch & { baseOffset: number; epoch: number } {
  const { baseOffset, partitionLeaderEpoch: epoch, isControl, section, start, end, recordCount } = checkedBatch(buf, pos);
  if (isControl) {
    forEachRecordValue(section, start, end, recordCount, skipValue);
    return { baseOffset, epoch, recordCount: 0, forEachRecord: noRecords, forEachValue: noRecords };
  }
  return {
    baseOffset, epoch, recordCount,
    forEachRecord: (visit) => forEachRecordValue(section, start, end, recordCount, (b, s, e) => visit(decodeMetadataRecord(b, s, e))),
    forEachValue: (visit) => forEachRecordValue(section, start, end, recordCount, visit),
  };
}

/** Every record of the batches, decoded: for readers that want them all at once. */
export function recordsOf(batches: Iterable<MetadataBatch>): AnyMetadataRecord[] {
  const out: AnyMetadataRecord[] = [];
  for (const batch of batches) batch.forEachRecord((r) => out.push(r));
  return out;
}
