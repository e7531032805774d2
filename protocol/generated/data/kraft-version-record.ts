// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/kraft-version-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface KRaftVersionRecord {
  /** The version of the kraft version record */
  version: number;
  /** The kraft protocol version */
  kRaftVersion: number;
}

export function defaultKRaftVersionRecord(): KRaftVersionRecord {
  return {
    version: 0,
    kRaftVersion: 0,
  };
}

export function readKRaftVersionRecord(r: Reader, version: number): KRaftVersionRecord {
  const o: KRaftVersionRecord = {
    version: r.int16(),
    kRaftVersion: r.int16(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeKRaftVersionRecord(w: Writer, v: KRaftVersionRecord, version: number): void {
  w.int16(v.version);
  w.int16(v.kRaftVersion);
  w.uvarint(0);
}

export const KRaftVersionRecordDefinition: MessageDefinition<KRaftVersionRecord> = {
  name: 'KRaftVersionRecord',
  type: -1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readKRaftVersionRecord,
  write: writeKRaftVersionRecord,
  default: defaultKRaftVersionRecord,
};
