// UpdateRaftVoter (key 82), v0, controller listener (KIP-853): a voter tells the leader its new
// controller endpoints and kraft.version range. The leader appends a VotersRecord with them (nothing
// when they are unchanged), with the rules of AddRaftVoter: kraft.version 1, committed in its epoch,
// one change at a time; an unknown voter or directory id gets VOTER_NOT_FOUND, a range that
// excludes the finalized kraft.version INVALID_REQUEST. Answered once the record is appended (as
// Kafka's UpdateVoterHandler), with the current leader. A voter sends it on its own once per epoch
// when its controller endpoints differ from those in the voter set.
// With an authorizer the caller needs CLUSTER_ACTION on the cluster (else CLUSTER_AUTHORIZATION_FAILED).
import { UpdateRaftVoterApi, type UpdateRaftVoterRequest, type UpdateRaftVoterResponse } from '../../../protocol/generated/api/82-update-raft-voter.js';
import { clusterActionRefusal } from '../access.js';
import { handler } from '../handler.js';

export const updateRaftVoterHandler = handler<UpdateRaftVoterRequest, UpdateRaftVoterResponse>({
  api: UpdateRaftVoterApi,
  minVersion: 0,
  maxVersion: 0,
  listeners: ['controller'],
  handle(req, ctx) {
    const refusal = clusterActionRefusal(ctx, UpdateRaftVoterApi);
    if (refusal) return refusal;
    return ctx.services.quorum.updateVoter(req);
  },
});
