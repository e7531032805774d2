// CreateTopics (key 19), v0-v7.
// Forwarded to the active controller, which validates names, partition counts, replication
// factors, manual assignments and configs (Kafka's error codes and messages) and commits
// TopicRecord + PartitionRecords + ConfigRecords; the answer is sent once this broker's image has
// the new topics, so a Metadata request right after sees them. validate_only is honoured.
// Not implemented: CreateTopicPolicy, quotas (THROTTLING_QUOTA_EXCEEDED is never returned).
import { CreateTopicsApi, type CreateTopicsRequest, type CreateTopicsResponse } from '../../../protocol/generated/api/19-create-topics.js';
import { handler } from '../handler.js';

export const createTopicsHandler = handler<CreateTopicsRequest, CreateTopicsResponse>({
  api: CreateTopicsApi,
  minVersion: 0,
  maxVersion: 7,
  listeners: ['broker', 'controller'],
  handle(req, { services, version, listenerType }) {
    // On the controller listener the request was forwarded here: serve it, never forward again.
    if (listenerType === 'controller') return services.controller.callLocal(CreateTopicsApi, req);
    return services.controller.call(CreateTopicsApi, version, req);
  },
});
