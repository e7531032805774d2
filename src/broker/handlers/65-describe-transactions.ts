// DescribeTransactions (key 65), v0.
// The state of each transactional id on this broker's transaction coordinator: state name, producer
// id and epoch, timeout, start time and partitions; TRANSACTIONAL_ID_NOT_FOUND for an unknown id,
// NOT_COORDINATOR when another broker coordinates it, COORDINATOR_LOAD_IN_PROGRESS while loading.
// With an authorizer: DESCRIBE on each transactional id, else TRANSACTIONAL_ID_AUTHORIZATION_FAILED.
import {
  DescribeTransactionsApi, type DescribeTransactionsRequest, type DescribeTransactionsResponse,
} from '../../../protocol/generated/api/65-describe-transactions.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { allowed } from '../access.js';
import { handler } from '../handler.js';

export const describeTransactionsHandler = handler<DescribeTransactionsRequest, DescribeTransactionsResponse>({
  api: DescribeTransactionsApi,
  minVersion: 0,
  maxVersion: 0,
  handle(req, ctx) {
    const may = (id: string) => allowed(ctx, AclOperation.DESCRIBE, ResourceType.TRANSACTIONAL_ID, id);
    const described = new Map(ctx.services.transactions.describe(req.transactionalIds.filter(may)).map((s) => [s.transactionalId, s]));
    const transactionStates = req.transactionalIds.map((transactionalId) => described.get(transactionalId) ?? {
      errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, transactionalId, transactionState: '', transactionTimeoutMs: 0,
      transactionStartTimeMs: -1, producerId: -1, producerEpoch: -1, topics: [],
    });
    return { throttleTimeMs: 0, transactionStates };
  },
});
