// BrokerRegistration (key 62), v0-v4, controller listener.
// Registration of a broker with the active controller (KIP-631): a new broker epoch, fenced until it
// heartbeats with the metadata offset it has applied. A different incarnation of a broker whose
// session is alive gets DUPLICATE_BROKER_REGISTRATION.
// Served by this node's controller when it is the active one, else NOT_CONTROLLER.
// With an authorizer the caller needs CLUSTER_ACTION on the cluster (else CLUSTER_AUTHORIZATION_FAILED).
import { BrokerRegistrationApi, type BrokerRegistrationRequest, type BrokerRegistrationResponse } from '../../../protocol/generated/api/62-broker-registration.js';
import { clusterActionRefusal } from '../access.js';
import { handler } from '../handler.js';

export const brokerRegistrationHandler = handler<BrokerRegistrationRequest, BrokerRegistrationResponse>({
  api: BrokerRegistrationApi,
  minVersion: 0,
  maxVersion: 4,
  listeners: ['controller'],
  handle(req, ctx) {
    const refusal = clusterActionRefusal(ctx, BrokerRegistrationApi);
    if (refusal) return refusal;
    const { services } = ctx;
    return services.controller.callLocal(BrokerRegistrationApi, req);
  },
});
