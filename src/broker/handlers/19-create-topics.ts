// CreateTopics (key 19), v0-v7.
// Forwarded to the active controller, which validates names, partition counts, replication
// factors, manual assignments and configs (Kafka's error codes and messages) and commits
// TopicRecord + PartitionRecords + ConfigRecords; the answer is sent once this broker's image has
// the new topics, so a Metadata request right after sees them. validate_only is honoured.
// With an authorizer: CREATE on the cluster or on the topic, else TOPIC_AUTHORIZATION_FAILED.
// Not implemented: CreateTopicPolicy, quotas (THROTTLING_QUOTA_EXCEEDED is never returned).
import { CreateTopicsApi, type CreatableTopicResult, type CreateTopicsRequest, type CreateTopicsResponse } from '../../../protocol/generated/api/19-create-topics.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { ZERO_UUID } from '../../../protocol/primitives/codec-helpers.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed, clusterAllowed } from '../access.js';
import { splitItems, toController } from '../forward-authorized.js';
import { handler } from '../handler.js';

export const createTopicsHandler = handler<CreateTopicsRequest, CreateTopicsResponse>({
  api: CreateTopicsApi,
  minVersion: 0,
  maxVersion: 7,
  listeners: ['broker', 'controller'],
  async handle(req, ctx) {
    const clusterCreate = clusterAllowed(ctx, AclOperation.CREATE);
    const split = splitItems(ctx, req.topics, (t) => clusterCreate || allowed(ctx, AclOperation.CREATE, ResourceType.TOPIC, t.name), AclOperation.CREATE);
    const res = split.allowed.length > 0 || split.denied.length === 0
      ? await toController(ctx, CreateTopicsApi, { ...req, topics: split.allowed })
      : { throttleTimeMs: 0, topics: [] };
    return { ...res, topics: [...res.topics, ...split.denied.map((t) => denied(t.name))] };
  },
});

function denied(name: string): CreatableTopicResult {
  return {
    name, topicId: ZERO_UUID, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED, errorMessage: 'Authorization failed.',
    topicConfigErrorCode: ErrorCode.NONE, numPartitions: -1, replicationFactor: -1, configs: null,
  };
}
