// Fetch (key 1) on the controller listener, v0-v17: the KRaft followers' replication of
// __cluster_metadata (KIP-595). Served by the Raft core: records after the follower's offset,
// DivergingEpoch when its log split from the leader's, SnapshotId when it is behind the log start,
// and the high watermark. Held up to the long-poll time when there is nothing new.
// With an authorizer the caller needs CLUSTER_ACTION on the cluster (else CLUSTER_AUTHORIZATION_FAILED).
import { FetchApi, type FetchRequest, type FetchResponse } from '../../../protocol/generated/api/01-fetch.js';
import { clusterActionRefusal } from '../access.js';
import { handler } from '../handler.js';

export const quorumFetchHandler = handler<FetchRequest, FetchResponse>({
  api: FetchApi,
  minVersion: 0,
  maxVersion: 17,
  listeners: ['controller'],
  handle(req, ctx) {
    const refusal = clusterActionRefusal(ctx, FetchApi);
    if (refusal) return refusal;
    return ctx.services.quorum.fetch(req);
  },
});
