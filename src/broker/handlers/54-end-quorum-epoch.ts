// EndQuorumEpoch (key 54), v0-v1, controller listener: a leader that resigns (a controlled
// shutdown) names its preferred successors, who then start an election without waiting.
// With an authorizer the caller needs CLUSTER_ACTION on the cluster (else CLUSTER_AUTHORIZATION_FAILED).
import {
  EndQuorumEpochApi, type EndQuorumEpochRequest, type EndQuorumEpochResponse,
} from '../../../protocol/generated/api/54-end-quorum-epoch.js';
import { clusterActionRefusal } from '../access.js';
import { handler } from '../handler.js';

export const endQuorumEpochHandler = handler<EndQuorumEpochRequest, EndQuorumEpochResponse>({
  api: EndQuorumEpochApi,
  minVersion: 0,
  maxVersion: 1,
  listeners: ['controller'],
  handle(req, ctx) {
    const refusal = clusterActionRefusal(ctx, EndQuorumEpochApi);
    if (refusal) return refusal;
    return ctx.services.quorum.endQuorumEpoch(req);
  },
});
