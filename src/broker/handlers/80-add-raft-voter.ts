// AddRaftVoter (key 80), v0, on both listeners (KIP-853): makes an observer of the metadata quorum a
// voter. Served by the leader (another node forwards it there) with Kafka's AddVoterHandler rules:
// kraft.version 1 (else UNSUPPORTED_VERSION), the leader committed in its epoch and no voter change
// uncommitted (else REQUEST_TIMED_OUT), the node not already a voter (DUPLICATE_VOTER), and a
// caught-up observer with that directory id (else REQUEST_TIMED_OUT). Answered once the new
// VotersRecord commits. Not implemented: the ApiVersions probe of the new voter's kraft.version range.
// With an authorizer the caller needs ALTER on the cluster (else CLUSTER_AUTHORIZATION_FAILED).
import { AddRaftVoterApi, type AddRaftVoterRequest, type AddRaftVoterResponse } from '../../../protocol/generated/api/80-add-raft-voter.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation } from '../../metadata/acls.js';
import { clusterOperationRefusal } from '../access.js';
import { handler } from '../handler.js';

export const addRaftVoterHandler = handler<AddRaftVoterRequest, AddRaftVoterResponse>({
  api: AddRaftVoterApi,
  minVersion: 0,
  maxVersion: 0,
  listeners: ['broker', 'controller'],
  handle(req, ctx) {
    const refusal = clusterOperationRefusal(ctx, AddRaftVoterApi, AclOperation.ALTER);
    if (refusal) return refusal;
    if (req.clusterId !== null && req.clusterId !== ctx.services.clusterId) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.INCONSISTENT_CLUSTER_ID, errorMessage: null };
    }
    return ctx.services.quorum.addVoter(req);
  },
});
