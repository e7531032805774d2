// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/08-unfence-broker-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface UnfenceBrokerRecord {
  /** The broker ID to unfence. */
  id: number;
  /** The epoch of the broker to unfence. */
  epoch: number;
}

export function defaultUnfenceBrokerRecord(): UnfenceBrokerRecord {
  return {
    id: 0,
    epoch: 0,
  };
}

export function readUnfenceBrokerRecord(r: Reader, version: number): UnfenceBrokerRecord {
  const o: UnfenceBrokerRecord = {
    id: r.int32(),
    epoch: r.int64(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeUnfenceBrokerRecord(w: Writer, v: UnfenceBrokerRecord, version: number): void {
  w.int32(v.id);
  w.int64(v.epoch);
  w.uvarint(0);
}

export const UnfenceBrokerRecordDefinition: MessageDefinition<UnfenceBrokerRecord> = {
  name: 'UnfenceBrokerRecord',
  type: 8,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readUnfenceBrokerRecord,
  write: writeUnfenceBrokerRecord,
  default: defaultUnfenceBrokerRecord,
};
