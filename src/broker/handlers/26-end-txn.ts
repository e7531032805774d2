// EndTxn (key 26), v0-v4.
// Commits or aborts the producer's ongoing transaction: the coordinator writes PrepareCommit or
// PrepareAbort to __transaction_state and answers; the commit/abort markers then go to every
// partition of the transaction (WriteTxnMarkers to their leaders, retried until written) and
// CompleteCommit/CompleteAbort is written. Meanwhile the producer's next requests get
// CONCURRENT_TRANSACTIONS. A retried EndTxn of a completed transaction answers NONE.
// PRODUCER_FENCED is INVALID_PRODUCER_EPOCH before v2.
// Not implemented: v5 (transaction version 2, KIP-890 part 2: an epoch bump per transaction); ACLs.
import { EndTxnApi, type EndTxnRequest, type EndTxnResponse } from '../../../protocol/generated/api/26-end-txn.js';
import { handler } from '../handler.js';
import { fencedError } from './txn-errors.js';

const PRODUCER_FENCED_VERSION = 2;

export const endTxnHandler = handler<EndTxnRequest, EndTxnResponse>({
  api: EndTxnApi,
  minVersion: 0,
  maxVersion: 4,
  async handle(req, { services, version }) {
    const errorCode = await services.transactions.endTxn(req);
    return { throttleTimeMs: 0, errorCode: fencedError(errorCode, version, PRODUCER_FENCED_VERSION), producerId: -1, producerEpoch: -1 };
  },
});
