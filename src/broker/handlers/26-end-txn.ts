// EndTxn (key 26), v0-v4.
// Commits or aborts the producer's ongoing transaction: the coordinator writes PrepareCommit or
// PrepareAbort to __transaction_state and answers; the commit/abort markers then go to every
// partition of the transaction (WriteTxnMarkers to their leaders, retried until written) and
// CompleteCommit/CompleteAbort is written. Meanwhile the producer's next requests get
// CONCURRENT_TRANSACTIONS. A retried EndTxn of a completed transaction answers NONE.
// PRODUCER_FENCED is INVALID_PRODUCER_EPOCH before v2.
// Not implemented: v5 (transaction version 2, KIP-890 part 2: an epoch bump per transaction); ACLs.
// With an authorizer: WRITE on the transactional id, else TRANSACTIONAL_ID_AUTHORIZATION_FAILED.
import { EndTxnApi, type EndTxnRequest, type EndTxnResponse } from '../../../protocol/generated/api/26-end-txn.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed } from '../access.js';
import { handler } from '../handler.js';
import { fencedError } from './txn-errors.js';

const PRODUCER_FENCED_VERSION = 2;

export const endTxnHandler = handler<EndTxnRequest, EndTxnResponse>({
  api: EndTxnApi,
  minVersion: 0,
  maxVersion: 4,
  async handle(req, ctx) {
    const { services, version } = ctx;
    if (!allowed(ctx, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, req.transactionalId)) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, producerId: -1, producerEpoch: -1 };
    }
    const errorCode = await services.transactions.endTxn(req);
    return { throttleTimeMs: 0, errorCode: fencedError(errorCode, version, PRODUCER_FENCED_VERSION), producerId: -1, producerEpoch: -1 };
  },
});
