// BeginQuorumEpoch (key 53), v0-v1, controller listener: a newly elected leader tells the voters,
// which become its followers and start fetching from it.
// With an authorizer the caller needs CLUSTER_ACTION on the cluster (else CLUSTER_AUTHORIZATION_FAILED).
import {
  BeginQuorumEpochApi, type BeginQuorumEpochRequest, type BeginQuorumEpochResponse,
} from '../../../protocol/generated/api/53-begin-quorum-epoch.js';
import { clusterActionRefusal } from '../access.js';
import { handler } from '../handler.js';

export const beginQuorumEpochHandler = handler<BeginQuorumEpochRequest, BeginQuorumEpochResponse>({
  api: BeginQuorumEpochApi,
  minVersion: 0,
  maxVersion: 1,
  listeners: ['controller'],
  handle(req, ctx) {
    const refusal = clusterActionRefusal(ctx, BeginQuorumEpochApi);
    if (refusal) return refusal;
    return ctx.services.quorum.beginQuorumEpoch(req);
  },
});
