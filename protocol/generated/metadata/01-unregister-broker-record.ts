// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/01-unregister-broker-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface UnregisterBrokerRecord {
  /** The broker id. */
  brokerId: number;
  /** The broker epoch. */
  brokerEpoch: number;
}

export function defaultUnregisterBrokerRecord(): UnregisterBrokerRecord {
  return {
    brokerId: 0,
    brokerEpoch: 0,
  };
}

export function readUnregisterBrokerRecord(r: Reader, version: number): UnregisterBrokerRecord {
  const o: UnregisterBrokerRecord = {
    brokerId: r.int32(),
    brokerEpoch: r.int64(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeUnregisterBrokerRecord(w: Writer, v: UnregisterBrokerRecord, version: number): void {
  w.int32(v.brokerId);
  w.int64(v.brokerEpoch);
  w.uvarint(0);
}

export const UnregisterBrokerRecordDefinition: MessageDefinition<UnregisterBrokerRecord> = {
  name: 'UnregisterBrokerRecord',
  type: 1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readUnregisterBrokerRecord,
  write: writeUnregisterBrokerRecord,
  default: defaultUnregisterBrokerRecord,
};
