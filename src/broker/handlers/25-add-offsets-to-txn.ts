// AddOffsetsToTxn (key 25), v0-v4.
// Adds the group's __consumer_offsets partition (Kafka's placement of the group id) to the
// producer's transaction, so the transaction's markers reach the offsets a TxnOffsetCommit writes
// there. PRODUCER_FENCED is INVALID_PRODUCER_EPOCH before v2.
// Not implemented: ACLs; TRANSACTION_ABORTABLE (v4).
import {
  AddOffsetsToTxnApi, type AddOffsetsToTxnRequest, type AddOffsetsToTxnResponse,
} from '../../../protocol/generated/api/25-add-offsets-to-txn.js';
import { handler } from '../handler.js';
import { fencedError } from './txn-errors.js';

const PRODUCER_FENCED_VERSION = 2;

export const addOffsetsToTxnHandler = handler<AddOffsetsToTxnRequest, AddOffsetsToTxnResponse>({
  api: AddOffsetsToTxnApi,
  minVersion: 0,
  maxVersion: 4,
  async handle(req, { services, version }) {
    const errorCode = await services.transactions.addOffsets(req);
    return { throttleTimeMs: 0, errorCode: fencedError(errorCode, version, PRODUCER_FENCED_VERSION) };
  },
});
