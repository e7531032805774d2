// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/20-no-op-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface NoOpRecord {
}

export function defaultNoOpRecord(): NoOpRecord {
  return {
  };
}

export function readNoOpRecord(r: Reader, version: number): NoOpRecord {
  const o: NoOpRecord = {
  };
  r.skipTaggedFields();
  return o;
}

export function writeNoOpRecord(w: Writer, v: NoOpRecord, version: number): void {
  w.uvarint(0);
}

export const NoOpRecordDefinition: MessageDefinition<NoOpRecord> = {
  name: 'NoOpRecord',
  type: 20,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readNoOpRecord,
  write: writeNoOpRecord,
  default: defaultNoOpRecord,
};
