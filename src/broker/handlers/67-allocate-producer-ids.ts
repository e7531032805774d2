// AllocateProducerIds (key 67), v0-v0, controller listener.
// A broker reserves a block of 1000 producer ids for InitProducerId (KIP-730), committed as a
// ProducerIdsRecord so ids stay unique across brokers and restarts.
// Served by this node's controller when it is the active one, else NOT_CONTROLLER.
// With an authorizer the caller needs CLUSTER_ACTION on the cluster (else CLUSTER_AUTHORIZATION_FAILED).
import { AllocateProducerIdsApi, type AllocateProducerIdsRequest, type AllocateProducerIdsResponse } from '../../../protocol/generated/api/67-allocate-producer-ids.js';
import { clusterActionRefusal } from '../access.js';
import { handler } from '../handler.js';

export const allocateProducerIdsHandler = handler<AllocateProducerIdsRequest, AllocateProducerIdsResponse>({
  api: AllocateProducerIdsApi,
  minVersion: 0,
  maxVersion: 0,
  listeners: ['controller'],
  handle(req, ctx) {
    const refusal = clusterActionRefusal(ctx, AllocateProducerIdsApi);
    if (refusal) return refusal;
    const { services } = ctx;
    return services.controller.callLocal(AllocateProducerIdsApi, req);
  },
});
