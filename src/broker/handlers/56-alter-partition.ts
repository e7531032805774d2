// AlterPartition (key 56), v0-v3, controller listener.
// A partition leader asks to shrink or expand its ISR (KIP-497): checked against the leader and
// partition epochs, committed as a PartitionChangeRecord.
// Served by this node's controller when it is the active one, else NOT_CONTROLLER.
// With an authorizer the caller needs CLUSTER_ACTION on the cluster (else CLUSTER_AUTHORIZATION_FAILED).
import { AlterPartitionApi, type AlterPartitionRequest, type AlterPartitionResponse } from '../../../protocol/generated/api/56-alter-partition.js';
import { clusterActionRefusal } from '../access.js';
import { handler } from '../handler.js';

export const alterPartitionHandler = handler<AlterPartitionRequest, AlterPartitionResponse>({
  api: AlterPartitionApi,
  minVersion: 0,
  maxVersion: 3,
  listeners: ['controller'],
  handle(req, ctx) {
    const refusal = clusterActionRefusal(ctx, AlterPartitionApi);
    if (refusal) return refusal;
    const { services } = ctx;
    return services.controller.callLocal(AlterPartitionApi, req);
  },
});
