// generated - do not edit: `npm run gen` writes this file from protocol/spec/data/transaction-log-key.spec
import type { MessageDefinition } from '../../definition.js';
import type { Reader } from '../../primitives/reader.js';
import type { Writer } from '../../primitives/writer.js';

export interface TransactionLogKey {
  transactionalId: string;
}

export function defaultTransactionLogKey(): TransactionLogKey {
  return {
    transactionalId: '',
  };
}

export function readTransactionLogKey(r: Reader, version: number): TransactionLogKey {
  const o: TransactionLogKey = {
    transactionalId: version === 0 ? (r.string(false) ?? '') : '',
  };
  return o;
}

export function writeTransactionLogKey(w: Writer, v: TransactionLogKey, version: number): void {
  if (version === 0) w.string(v.transactionalId, false);
}

export const TransactionLogKeyDefinition: MessageDefinition<TransactionLogKey> = {
  name: 'TransactionLogKey',
  type: -1,
  minVersion: 0,
  maxVersion: 0,
  flexibleVersion: -1,
  read: readTransactionLogKey,
  write: writeTransactionLogKey,
  default: defaultTransactionLogKey,
};
