// RemoveRaftVoter (key 81), v0, on both listeners (KIP-853): removes a voter (id and directory id)
// from the metadata quorum. Served by the leader (another node forwards it there) with Kafka's
// RemoveVoterHandler rules: kraft.version 1 (else UNSUPPORTED_VERSION), the leader committed in its
// epoch and no voter change uncommitted (else REQUEST_TIMED_OUT), the voter in the set
// (VOTER_NOT_FOUND). Answered once the new VotersRecord commits; a leader that removed itself then
// hands leadership to the remaining voters.
// With an authorizer the caller needs ALTER on the cluster (else CLUSTER_AUTHORIZATION_FAILED).
import { RemoveRaftVoterApi, type RemoveRaftVoterRequest, type RemoveRaftVoterResponse } from '../../../protocol/generated/api/81-remove-raft-voter.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation } from '../../metadata/acls.js';
import { clusterOperationRefusal } from '../access.js';
import { handler } from '../handler.js';

export const removeRaftVoterHandler = handler<RemoveRaftVoterRequest, RemoveRaftVoterResponse>({
  api: RemoveRaftVoterApi,
  minVersion: 0,
  maxVersion: 0,
  listeners: ['broker', 'controller'],
  handle(req, ctx) {
    const refusal = clusterOperationRefusal(ctx, RemoveRaftVoterApi, AclOperation.ALTER);
    if (refusal) return refusal;
    if (req.clusterId !== null && req.clusterId !== ctx.services.clusterId) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.INCONSISTENT_CLUSTER_ID, errorMessage: null };
    }
    return ctx.services.quorum.removeVoter(req);
  },
});
