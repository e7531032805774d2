// The records of __transaction_state in Kafka's own format (TransactionLogKey v0 /
// TransactionLogValue v0, each prefixed by its int16 version), so the log replays on either broker.
// A null value is the tombstone written when a transactional id expires.
import { Reader } from '../../protocol/primitives/reader.js';
import { Writer } from '../../protocol/primitives/writer.js';
import { readTransactionLogKey, writeTransactionLogKey } from '../../protocol/generated/data/transaction-log-key.js';
import {
  readTransactionLogValue, writeTransactionLogValue, type TransactionLogValue,
} from '../../protocol/generated/data/transaction-log-value.js';
import type { CoordinatorRecord } from './records.js';

/** Kafka's TransactionState ids, as the log's transaction_status byte holds them. */
export const TxnState = {
  Empty: 0,
  Ongoing: 1,
  PrepareCommit: 2,
  PrepareAbort: 3,
  CompleteCommit: 4,
  CompleteAbort: 5,
  Dead: 6,
  PrepareEpochFence: 7,
} as const;
export type TxnState = (typeof TxnState)[keyof typeof TxnState];

/** The names DescribeTransactions and ListTransactions use (Kafka's TransactionState.name). */
export const TXN_STATE_NAMES: readonly string[] = [
  'Empty', 'Ongoing', 'PrepareCommit', 'PrepareAbort', 'CompleteCommit', 'CompleteAbort', 'Dead', 'PrepareEpochFence',
];

const KEY_VERSION = 0;
/** Value v1 only adds the tagged client transaction version of KIP-890 part 2, not served here. */
const VALUE_VERSION = 0;

export function txnRecord(transactionalId: string, value: TransactionLogValue | null): CoordinatorRecord {
  const kw = new Writer(32);
  kw.int16(KEY_VERSION);
  writeTransactionLogKey(kw, { transactionalId }, KEY_VERSION);
  if (value === null) return { key: kw.toBuffer(), value: null };
  const vw = new Writer(64);
  vw.int16(VALUE_VERSION);
  writeTransactionLogValue(vw, value, VALUE_VERSION);
  return { key: kw.toBuffer(), value: vw.toBuffer() };
}

/** Decodes one record; throws DecodeError on malformed bytes, null for key versions it does not know. */
export function decodeTxnRecord(record: CoordinatorRecord): { transactionalId: string; value: TransactionLogValue | null } | null {
  const kr = new Reader(record.key);
  const keyVersion = kr.int16();
  if (keyVersion !== KEY_VERSION) return null;
  const { transactionalId } = readTransactionLogKey(kr, keyVersion);
  if (record.value === null) return { transactionalId, value: null };
  const vr = new Reader(record.value);
  const valueVersion = vr.int16();
  return { transactionalId, value: readTransactionLogValue(vr, valueVersion) };
}
