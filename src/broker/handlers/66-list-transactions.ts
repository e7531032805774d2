// ListTransactions (key 66), v0-v1.
// The transactional ids of this broker's transaction coordinator, filtered by state names (unknown
// names come back in unknown_state_filters), producer ids and (v1) the minimum running time in
// ms; COORDINATOR_LOAD_IN_PROGRESS while a __transaction_state partition loads. Admin clients ask
// every broker and merge the answers.
// With an authorizer: only transactional ids one may DESCRIBE are listed.
import {
  ListTransactionsApi, type ListTransactionsRequest, type ListTransactionsResponse,
} from '../../../protocol/generated/api/66-list-transactions.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed } from '../access.js';
import { handler } from '../handler.js';

export const listTransactionsHandler = handler<ListTransactionsRequest, ListTransactionsResponse>({
  api: ListTransactionsApi,
  minVersion: 0,
  maxVersion: 1,
  handle(req, ctx) {
    const listed = ctx.services.transactions.list(req.stateFilters, req.producerIdFilters, req.durationFilter);
    // Only the transactional ids one may describe are listed, as Kafka does.
    const transactionStates = listed.transactionStates.filter((t) => allowed(ctx, AclOperation.DESCRIBE, ResourceType.TRANSACTIONAL_ID, t.transactionalId));
    return { throttleTimeMs: 0, ...listed, transactionStates };
  },
});
