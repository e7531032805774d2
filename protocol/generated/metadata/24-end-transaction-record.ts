// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/24-end-transaction-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface EndTransactionRecord {
}

export function defaultEndTransactionRecord(): EndTransactionRecord {
  return {
  };
}

export function readEndTransactionRecord(r: Reader, version: number): EndTransactionRecord {
  const o: EndTransactionRecord = {
  };
  r.skipTaggedFields();
  return o;
}

export function writeEndTransactionRecord(w: Writer, v: EndTransactionRecord, version: number): void {
  w.uvarint(0);
}

export const EndTransactionRecordDefinition: MessageDefinition<EndTransactionRecord> = {
  name: 'EndTransactionRecord',
  type: 24,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readEndTransactionRecord,
  write: writeEndTransactionRecord,
  default: defaultEndTransactionRecord,
};
