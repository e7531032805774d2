// IncrementalAlterConfigs (key 44), v0-v1.
// Forwarded to the active controller: SET, DELETE, APPEND and SUBTRACT on topic, broker and group
// resources, with the same validation as AlterConfigs.
// With an authorizer: ALTER_CONFIGS on the topic (else TOPIC_AUTHORIZATION_FAILED), the group (else
// GROUP_AUTHORIZATION_FAILED), or the cluster for broker resources (else CLUSTER_AUTHORIZATION_FAILED).
import {
  IncrementalAlterConfigsApi, type IncrementalAlterConfigsRequest, type IncrementalAlterConfigsResponse,
} from '../../../protocol/generated/api/44-incremental-alter-configs.js';
import { alterConfigsAuthorized, toController } from '../forward-authorized.js';
import { handler } from '../handler.js';

export const incrementalAlterConfigsHandler = handler<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse>({
  api: IncrementalAlterConfigsApi,
  minVersion: 0,
  maxVersion: 1,
  listeners: ['broker', 'controller'],
  handle(req, ctx) {
    return alterConfigsAuthorized(ctx, req, (resources) => toController(ctx, IncrementalAlterConfigsApi, { ...req, resources: resources as typeof req.resources }));
  },
});
