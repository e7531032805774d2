// TxnOffsetCommit (key 28), v0-v4.
// Offsets committed inside a transaction (sendOffsetsToTransaction), served by the group
// coordinator: written to __consumer_offsets as a transactional batch of the producer, invisible
// (and UNSTABLE_OFFSET_COMMIT to require_stable fetches) until the transaction's commit marker
// reaches that partition, dropped by its abort marker. v3+ carry the member id, generation and
// instance id, checked against the group as Kafka does (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION,
// FENCED_INSTANCE_ID).
// Not implemented: ACLs; KIP-890 verification of the offsets partition; the new consumer protocol.
import {
  TxnOffsetCommitApi, type TxnOffsetCommitRequest, type TxnOffsetCommitResponse,
} from '../../../protocol/generated/api/28-txn-offset-commit.js';
import { groupRequestContext } from '../../coordinator/access.js';
import { handler } from '../handler.js';

export const txnOffsetCommitHandler = handler<TxnOffsetCommitRequest, TxnOffsetCommitResponse>({
  api: TxnOffsetCommitApi,
  minVersion: 0,
  maxVersion: 4,
  handle(req, ctx) {
    return ctx.services.groups.txnCommitOffsets(req, groupRequestContext(ctx));
  },
});
