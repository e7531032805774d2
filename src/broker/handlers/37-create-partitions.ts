// CreatePartitions (key 37), v0-v3.
// Forwarded to the active controller, which adds PartitionRecords (placed over live brokers, or
// as assigned) or answers INVALID_PARTITIONS / INVALID_REPLICA_ASSIGNMENT. validate_only honoured.
// With an authorizer: ALTER on each topic, else TOPIC_AUTHORIZATION_FAILED.
import { CreatePartitionsApi, type CreatePartitionsRequest, type CreatePartitionsResponse } from '../../../protocol/generated/api/37-create-partitions.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed } from '../access.js';
import { splitItems, toController } from '../forward-authorized.js';
import { handler } from '../handler.js';

export const createPartitionsHandler = handler<CreatePartitionsRequest, CreatePartitionsResponse>({
  api: CreatePartitionsApi,
  minVersion: 0,
  maxVersion: 3,
  listeners: ['broker', 'controller'],
  async handle(req, ctx) {
    const split = splitItems(ctx, req.topics, (t) => allowed(ctx, AclOperation.ALTER, ResourceType.TOPIC, t.name), AclOperation.ALTER);
    const res = split.allowed.length > 0 || split.denied.length === 0
      ? await toController(ctx, CreatePartitionsApi, { ...req, topics: split.allowed })
      : { throttleTimeMs: 0, results: [] };
    const refused = split.denied.map((t) => ({ name: t.name, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, errorMessage: 'Authorization failed.' }));
    return { ...res, results: [...res.results, ...refused] };
  },
});
