// DescribeTransactions (key 65), v0.
// The state of each transactional id on this broker's transaction coordinator: state name, producer
// id and epoch, timeout, start time and partitions; TRANSACTIONAL_ID_NOT_FOUND for an unknown id,
// NOT_COORDINATOR when another broker coordinates it, COORDINATOR_LOAD_IN_PROGRESS while loading.
// Not implemented: ACLs (TRANSACTIONAL_ID_AUTHORIZATION_FAILED).
import {
  DescribeTransactionsApi, type DescribeTransactionsRequest, type DescribeTransactionsResponse,
} from '../../../protocol/generated/api/65-describe-transactions.js';
import { handler } from '../handler.js';

export const describeTransactionsHandler = handler<DescribeTransactionsRequest, DescribeTransactionsResponse>({
  api: DescribeTransactionsApi,
  minVersion: 0,
  maxVersion: 0,
  handle(req, { services }) {
    return { throttleTimeMs: 0, transactionStates: services.transactions.describe(req.transactionalIds) };
  },
});
