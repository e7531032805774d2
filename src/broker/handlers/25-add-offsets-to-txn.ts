// AddOffsetsToTxn (key 25), v0-v4.
// Adds the group's __consumer_offsets partition (Kafka's placement of the group id) to the
// producer's transaction, so the transaction's markers reach the offsets a TxnOffsetCommit writes
// there. PRODUCER_FENCED is INVALID_PRODUCER_EPOCH before v2.
// Not implemented: TRANSACTION_ABORTABLE (v4).
// With an authorizer: WRITE on the transactional id (else TRANSACTIONAL_ID_AUTHORIZATION_FAILED) and
// READ on the group (else GROUP_AUTHORIZATION_FAILED).
import {
  AddOffsetsToTxnApi, type AddOffsetsToTxnRequest, type AddOffsetsToTxnResponse,
} from '../../../protocol/generated/api/25-add-offsets-to-txn.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed } from '../access.js';
import { handler } from '../handler.js';
import { fencedError } from './txn-errors.js';

const PRODUCER_FENCED_VERSION = 2;

export const addOffsetsToTxnHandler = handler<AddOffsetsToTxnRequest, AddOffsetsToTxnResponse>({
  api: AddOffsetsToTxnApi,
  minVersion: 0,
  maxVersion: 4,
  async handle(req, ctx) {
    const { services, version } = ctx;
    if (!allowed(ctx, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, req.transactionalId)) return { throttleTimeMs: 0, errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED };
    if (!allowed(ctx, AclOperation.READ, ResourceType.GROUP, req.groupId)) return { throttleTimeMs: 0, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED };
    const errorCode = await services.transactions.addOffsets(req);
    return { throttleTimeMs: 0, errorCode: fencedError(errorCode, version, PRODUCER_FENCED_VERSION) };
  },
});
