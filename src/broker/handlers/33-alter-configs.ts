// AlterConfigs (key 33), v0-v2.
// Forwarded to the active controller. Replaces a topic's whole set of overrides (keys not named
// are removed, as the legacy API defines), or sets broker-wide defaults of topic configs on a
// broker resource ("" for the cluster default, or a broker id), or a group's configs (KIP-848,
// checked whole as Kafka's GroupConfig checks them). Invalid keys or values get
// INVALID_CONFIG; broker keys that cannot change at runtime get INVALID_REQUEST.
// With an authorizer: ALTER_CONFIGS on the topic (else TOPIC_AUTHORIZATION_FAILED), the group (else
// GROUP_AUTHORIZATION_FAILED), or the cluster for broker resources (else CLUSTER_AUTHORIZATION_FAILED).
import { AlterConfigsApi, type AlterConfigsRequest, type AlterConfigsResponse } from '../../../protocol/generated/api/33-alter-configs.js';
import { alterConfigsAuthorized, toController } from '../forward-authorized.js';
import { handler } from '../handler.js';

export const alterConfigsHandler = handler<AlterConfigsRequest, AlterConfigsResponse>({
  api: AlterConfigsApi,
  minVersion: 0,
  maxVersion: 2,
  listeners: ['broker', 'controller'],
  handle(req, ctx) {
    return alterConfigsAuthorized(ctx, req, (resources) => toController(ctx, AlterConfigsApi, { ...req, resources: resources as typeof req.resources }));
  },
});
