// generated - do not edit: `npm run gen` writes this file from protocol/spec/metadata/25-abort-transaction-record.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';
import { writeTagged } from '../../primitives/codec-helpers.js';

export interface AbortTransactionRecord {
  /** An optional textual description of why the transaction was aborted. */
  reason: string | null;
}

export function defaultAbortTransactionRecord(): AbortTransactionRecord {
  return {
    reason: null,
  };
}

export function readAbortTransactionRecord(r: Reader, version: number): AbortTransactionRecord {
  const o: AbortTransactionRecord = {
    reason: null,
  };
  const n = r.uvarint();
  for (let i = 0; i < n; i++) {
    const tag = r.uvarint();
    const t = r.sub(r.uvarint());
    if (tag === 0) o.reason = t.string(true);
  }
  return o;
}

export function writeAbortTransactionRecord(w: Writer, v: AbortTransactionRecord, version: number): void {
  const t0 = v.reason !== null;
  w.uvarint(t0 ? 1 : 0);
  if (t0) { writeTagged(w, 0, (w) => { w.string(v.reason, true); }); }
}

export const AbortTransactionRecordDefinition: MessageDefinition<AbortTransactionRecord> = {
  name: 'AbortTransactionRecord',
  type: 25,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: 0,
  read: readAbortTransactionRecord,
  write: writeAbortTransactionRecord,
  default: defaultAbortTransactionRecord,
};
