// CreatePartitions (key 37), v0-v3.
// Forwarded to the active controller, which adds PartitionRecords (placed over live brokers, or
// as assigned) or answers INVALID_PARTITIONS / INVALID_REPLICA_ASSIGNMENT. validate_only honoured.
// With an authorizer: ALTER on each topic, else TOPIC_AUTHORIZATION_FAILED.
// controller_mutation_rate (KIP-599): each topic takes its new partitions from the client's bucket;
// from v3 a topic asked for while the bucket is overdrawn gets THROTTLING_QUOTA_EXCEEDED.
import { CreatePartitionsApi, type CreatePartitionsRequest, type CreatePartitionsResponse } from '../../../protocol/generated/api/37-create-partitions.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed } from '../access.js';
import { splitItems, toController } from '../forward-authorized.js';
import { handler } from '../handler.js';
import { partition } from '../controller-mutation-quota.js';
import { mutationQuota, THROTTLED_MESSAGE } from '../quota-throttle.js';

const STRICT_QUOTA_VERSION = 3;

export const createPartitionsHandler = handler<CreatePartitionsRequest, CreatePartitionsResponse>({
  api: CreatePartitionsApi,
  minVersion: 0,
  maxVersion: 3,
  listeners: ['broker', 'controller'],
  clientThrottlesFromVersion: 1,
  async handle(req, ctx) {
    const split = splitItems(ctx, req.topics, (t) => allowed(ctx, AclOperation.ALTER, ResourceType.TOPIC, t.name), AclOperation.ALTER);
    const quota = mutationQuota(ctx, STRICT_QUOTA_VERSION, req.validateOnly);
    const image = ctx.services.image();
    const [go, throttled] = partition(split.allowed, (t) => quota.record(Math.max(0, t.count - (image.topicsByName.get(t.name)?.partitions.length ?? t.count))));
    const res = go.length > 0 || (split.denied.length === 0 && throttled.length === 0)
      ? await toController(ctx, CreatePartitionsApi, { ...req, topics: go })
      : { throttleTimeMs: 0, results: [] };
    const refused = [
      ...split.denied.map((t) => ({ name: t.name, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, errorMessage: 'Authorization failed.' })),
      ...throttled.map((t) => ({ name: t.name, errorCode: ErrorCode.THROTTLING_QUOTA_EXCEEDED, errorMessage: THROTTLED_MESSAGE })),
    ];
    return { ...res, throttleTimeMs: Math.max(res.throttleTimeMs, quota.throttleTimeMs()), results: [...res.results, ...refused] };
  },
});
