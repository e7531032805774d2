// FetchSnapshot (key 59), v0-v1, controller listener: a follower behind the leader's log start
// downloads the latest metadata snapshot in chunks (KIP-630).
import { FetchSnapshotApi, type FetchSnapshotRequest, type FetchSnapshotResponse } from '../../../protocol/generated/api/59-fetch-snapshot.js';
import { handler } from '../handler.js';

export const fetchSnapshotHandler = handler<FetchSnapshotRequest, FetchSnapshotResponse>({
  api: FetchSnapshotApi,
  minVersion: 0,
  maxVersion: 1,
  listeners: ['controller'],
  handle(req, { services }) {
    return services.quorum.handleRequest(FetchSnapshotApi.key, req) as Promise<FetchSnapshotResponse>;
  },
});
