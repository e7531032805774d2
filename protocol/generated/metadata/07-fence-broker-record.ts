// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/07-fence-broker-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface FenceBrokerRecord {
  /** The broker ID to fence. It will be removed from all ISRs. */
  id: number;
  /** The epoch of the broker to fence. */
  epoch: number;
}

export function defaultFenceBrokerRecord(): FenceBrokerRecord {
  return {
    id: 0,
    epoch: 0,
  };
}

export function readFenceBrokerRecord(r: Reader, version: number): FenceBrokerRecord {
  const o: FenceBrokerRecord = {
    id: r.int32(),
    epoch: r.int64(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeFenceBrokerRecord(w: Writer, v: FenceBrokerRecord, version: number): void {
  w.int32(v.id);
  w.int64(v.epoch);
  w.uvarint(0);
}

export const FenceBrokerRecordDefinition: MessageDefinition<FenceBrokerRecord> = {
  name: 'FenceBrokerRecord',
  type: 7,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readFenceBrokerRecord,
  write: writeFenceBrokerRecord,
  default: defaultFenceBrokerRecord,
};
