// CreateTopics (key 19), v0-v7.
// Forwarded to the active controller, which validates names, partition counts, replication
// factors, manual assignments and configs (Kafka's error codes and messages) and commits
// TopicRecord + PartitionRecords + ConfigRecords; the answer is sent once this broker's image has
// the new topics, so a Metadata request right after sees them. validate_only is honoured.
// With an authorizer: CREATE on the cluster or on the topic, else TOPIC_AUTHORIZATION_FAILED.
// controller_mutation_rate (KIP-599): each topic takes its partition count from the client's
// bucket; from v6 a topic asked for while the bucket is overdrawn is refused with
// THROTTLING_QUOTA_EXCEEDED, before v6 all are created; throttle_time_ms says how long to wait.
// Not implemented: CreateTopicPolicy.
import { CreateTopicsApi, type CreatableTopicResult, type CreateTopicsRequest, type CreateTopicsResponse } from '../../../protocol/generated/api/19-create-topics.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ZERO_UUID } from '../../../protocol/primitives/codec-helpers.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed, clusterAllowed } from '../access.js';
import { splitItems, toController } from '../forward-authorized.js';
import { handler } from '../handler.js';
import { mutationQuota, THROTTLED_MESSAGE } from '../quota-throttle.js';
import { partition } from '../controller-mutation-quota.js';

export const createTopicsHandler = handler<CreateTopicsRequest, CreateTopicsResponse>({
  api: CreateTopicsApi,
  minVersion: 0,
  maxVersion: 7,
  listeners: ['broker', 'controller'],
  clientThrottlesFromVersion: 3,
  async handle(req, ctx) {
    const clusterCreate = clusterAllowed(ctx, AclOperation.CREATE);
    const split = splitItems(ctx, req.topics, (t) => clusterCreate || allowed(ctx, AclOperation.CREATE, ResourceType.TOPIC, t.name), AclOperation.CREATE);
    const quota = mutationQuota(ctx, STRICT_QUOTA_VERSION, req.validateOnly);
    const defaultPartitions = ctx.services.config.int('num.partitions');
    const [go, throttled] = partition(split.allowed, (t) => quota.record(t.numPartitions > 0 ? t.numPartitions : t.assignments.length || defaultPartitions));
    const res = go.length > 0 || (split.denied.length === 0 && throttled.length === 0)
      ? await toController(ctx, CreateTopicsApi, { ...req, topics: go })
      : { throttleTimeMs: 0, topics: [] };
    const refused = [...split.denied.map((t) => denied(t.name)), ...throttled.map((t) => denied(t.name, ErrorCode.THROTTLING_QUOTA_EXCEEDED, THROTTLED_MESSAGE))];
    return { ...res, throttleTimeMs: Math.max(res.throttleTimeMs, quota.throttleTimeMs()), topics: [...res.topics, ...refused] };
  },
});

const STRICT_QUOTA_VERSION = 6;

function denied(name: string, errorCode: number = ErrorCode.TOPIC_AUTHORIZATION_FAILED, errorMessage = 'Authorization failed.'): CreatableTopicResult {
  return {
    name, topicId: ZERO_UUID, errorCode, errorMessage,
    topicConfigErrorCode: ErrorCode.NONE, numPartitions: -1, replicationFactor: -1, configs: null,
  };
}
