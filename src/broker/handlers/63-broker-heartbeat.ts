// BrokerHeartbeat (key 63), v0-v1, controller listener.
// A broker's heartbeat to the active controller: keeps its session, unfences it once it has caught
// up with the metadata log, and carries a controlled shutdown request (leadership moves away).
// Served by this node's controller when it is the active one, else NOT_CONTROLLER.
// With an authorizer the caller needs CLUSTER_ACTION on the cluster (else CLUSTER_AUTHORIZATION_FAILED).
import { BrokerHeartbeatApi, type BrokerHeartbeatRequest, type BrokerHeartbeatResponse } from '../../../protocol/generated/api/63-broker-heartbeat.js';
import { clusterActionRefusal } from '../access.js';
import { handler } from '../handler.js';

export const brokerHeartbeatHandler = handler<BrokerHeartbeatRequest, BrokerHeartbeatResponse>({
  api: BrokerHeartbeatApi,
  minVersion: 0,
  maxVersion: 1,
  listeners: ['controller'],
  handle(req, ctx) {
    const refusal = clusterActionRefusal(ctx, BrokerHeartbeatApi);
    if (refusal) return refusal;
    const { services } = ctx;
    return services.controller.callLocal(BrokerHeartbeatApi, req);
  },
});
