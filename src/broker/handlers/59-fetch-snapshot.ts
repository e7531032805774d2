// FetchSnapshot (key 59), v0-v1, controller listener: a follower behind the leader's log start
// downloads the latest metadata snapshot in chunks (KIP-630).
// With an authorizer the caller needs CLUSTER_ACTION on the cluster (else CLUSTER_AUTHORIZATION_FAILED).
import { FetchSnapshotApi, type FetchSnapshotRequest, type FetchSnapshotResponse } from '../../../protocol/generated/api/59-fetch-snapshot.js';
import { clusterActionRefusal } from '../access.js';
import { handler } from '../handler.js';

export const fetchSnapshotHandler = handler<FetchSnapshotRequest, FetchSnapshotResponse>({
  api: FetchSnapshotApi,
  minVersion: 0,
  maxVersion: 1,
  listeners: ['controller'],
  handle(req, ctx) {
    const refusal = clusterActionRefusal(ctx, FetchSnapshotApi);
    if (refusal) return refusal;
    return ctx.services.quorum.fetchSnapshot(req);
  },
});
