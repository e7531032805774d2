// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/23-begin-transaction-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { writeTagged } from '../../primitives/codec-helpers.js';

export interface BeginTransactionRecord {
  /** An optional textual description of this transaction. */
  name: string | null;
}

export function defaultBeginTransactionRecord(): BeginTransactionRecord {
  return {
    name: null,
  };
}

export function readBeginTransactionRecord(r: Reader, version: number): BeginTransactionRecord {
  const o: BeginTransactionRecord = {
    name: null,
  };
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === 0) o.name = t.string(true);
  }
  return o;
}

export function writeBeginTransactionRecord(w: Writer, v: BeginTransactionRecord, version: number): void {
  const t0 = v.name !== null;
  w.uvarint(t0 ? 1 : 0);
  if (t0) { writeTagged(w, 0, (w) => { w.string(v.name, true); }); }
}

export const BeginTransactionRecordDefinition: MessageDefinition<BeginTransactionRecord> = {
  name: 'BeginTransactionRecord',
  type: 23,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readBeginTransactionRecord,
  write: writeBeginTransactionRecord,
  default: defaultBeginTransactionRecord,
};
