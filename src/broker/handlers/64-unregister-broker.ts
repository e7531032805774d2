// UnregisterBroker (key 64), v0: kafka-cluster unregister. Forwarded to the active controller,
// which takes the broker out of every ISR and leadership and drops its registration; a broker id
// not registered gets BROKER_ID_NOT_REGISTERED. With an authorizer: ALTER on the cluster, else
// CLUSTER_AUTHORIZATION_FAILED.
import { UnregisterBrokerApi, type UnregisterBrokerRequest, type UnregisterBrokerResponse } from '../../../protocol/generated/api/64-unregister-broker.js';
import { AclOperation } from '../../metadata/acls.js';
import { clusterOperationRefusal } from '../access.js';
import { toController } from '../forward-authorized.js';
import { handler } from '../handler.js';

export const unregisterBrokerHandler = handler<UnregisterBrokerRequest, UnregisterBrokerResponse>({
  api: UnregisterBrokerApi,
  minVersion: 0,
  maxVersion: 0,
  listeners: ['broker', 'controller'],
  handle(req, ctx) {
    const refusal = clusterOperationRefusal(ctx, UnregisterBrokerApi, AclOperation.ALTER);
    if (refusal) return refusal;
    return toController(ctx, UnregisterBrokerApi, req);
  },
});
