// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/snapshot-header-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface SnapshotHeaderRecord {
  /** The version of the snapshot header record */
  version: number;
  /** The append time of the last record from the log contained in this snapshot */
  lastContainedLogTimestamp: number;
}

export function defaultSnapshotHeaderRecord(): SnapshotHeaderRecord {
  return {
    version: 0,
    lastContainedLogTimestamp: 0,
  };
}

export function readSnapshotHeaderRecord(r: Reader, version: number): SnapshotHeaderRecord {
  const o: SnapshotHeaderRecord = {
    version: r.int16(),
    lastContainedLogTimestamp: r.int64(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeSnapshotHeaderRecord(w: Writer, v: SnapshotHeaderRecord, version: number): void {
  w.int16(v.version);
  w.int64(v.lastContainedLogTimestamp);
  w.uvarint(0);
}

export const SnapshotHeaderRecordDefinition: MessageDefinition<SnapshotHeaderRecord> = {
  name: 'SnapshotHeaderRecord',
  type: -1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readSnapshotHeaderRecord,
  write: writeSnapshotHeaderRecord,
  default: defaultSnapshotHeaderRecord,
};
