// ElectLeaders (key 43), v0-v2.
// Forwarded to the active controller. Preferred elections (type 0, and every v0 request) move
// leadership to the first replica when it is in the ISR and unfenced (ELECTION_NOT_NEEDED if it
// already leads, PREFERRED_LEADER_NOT_AVAILABLE if it cannot); unclean elections (type 1) give a
// leaderless partition a live replica, from outside the ISR if no ISR member is alive
// (ELECTION_NOT_NEEDED if it has a leader). Null partitions mean all, answered without the ones
// whose election was not needed, as Kafka does. Answered once the change is in this broker's image.
// Not implemented: eligible leader replicas (KIP-966); an unclean leader starts RECOVERED.
// With an authorizer: ALTER on the cluster, else CLUSTER_AUTHORIZATION_FAILED.
import { ElectLeadersApi, type ElectLeadersRequest, type ElectLeadersResponse } from '../../../protocol/generated/api/43-elect-leaders.js';
import { AclOperation } from '../../metadata/acls.js';
import { clusterOperationRefusal } from '../access.js';
import { handler } from '../handler.js';

export const electLeadersHandler = handler<ElectLeadersRequest, ElectLeadersResponse>({
  api: ElectLeadersApi,
  minVersion: 0,
  maxVersion: 2,
  listeners: ['broker', 'controller'],
  handle(req, ctx) {
    const refusal = clusterOperationRefusal(ctx, ElectLeadersApi, AclOperation.ALTER);
    if (refusal) return refusal;
    const { services, listenerType } = ctx;
    // On the controller listener the request was forwarded here: serve it, never forward again.
    if (listenerType === 'controller') return services.controller.callLocal(ElectLeadersApi, req);
    // Forwarded at the newest version, whose top-level error code carries NOT_CONTROLLER back.
    return services.controller.call(ElectLeadersApi, 2, req);
  },
});
