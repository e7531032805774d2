// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/21-zk-migration-state-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface ZkMigrationStateRecord {
  /** One of the possible migration states. */
  zkMigrationState: number;
}

export function defaultZkMigrationStateRecord(): ZkMigrationStateRecord {
  return {
    zkMigrationState: 0,
  };
}

export function readZkMigrationStateRecord(r: Reader, version: number): ZkMigrationStateRecord {
  const o: ZkMigrationStateRecord = {
    zkMigrationState: r.int8(),
  };
  r.skipTaggedFields();
  return o;
}

export function writeZkMigrationStateRecord(w: Writer, v: ZkMigrationStateRecord, version: number): void {
  w.int8(v.zkMigrationState);
  w.uvarint(0);
}

export const ZkMigrationStateRecordDefinition: MessageDefinition<ZkMigrationStateRecord> = {
  name: 'ZkMigrationStateRecord',
  type: 21,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readZkMigrationStateRecord,
  write: writeZkMigrationStateRecord,
  default: defaultZkMigrationStateRecord,
};
