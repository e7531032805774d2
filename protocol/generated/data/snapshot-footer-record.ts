// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/snapshot-footer-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface SnapshotFooterRecord {
  /** The version of the snapshot footer record */
  version: number;
}

export function defaultSnapshotFooterRecord(): SnapshotFooterRecord {
  return {
    version: 0,
  };
}

export function readSnapshotFooterRecord(r: Reader, version: number): SnapshotFooterRecord {
  const o: SnapshotFooterRecord = {
    version: r.int16(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeSnapshotFooterRecord(w: Writer, v: SnapshotFooterRecord, version: number): void {
  w.int16(v.version);
  w.uvarint(0);
}

export const SnapshotFooterRecordDefinition: MessageDefinition<SnapshotFooterRecord> = {
  name: 'SnapshotFooterRecord',
  type: -1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readSnapshotFooterRecord,
  write: writeSnapshotFooterRecord,
  default: defaultSnapshotFooterRecord,
};
