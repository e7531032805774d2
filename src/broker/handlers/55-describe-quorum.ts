// DescribeQuorum (key 55), v0-v2, on both listeners: the metadata quorum's leader, epoch, high
// watermark, and each voter's and observer's log end offset, last fetch and last caught-up time.
// Only the leader knows them; another node asks the leader, as a Kafka broker forwards it.
// With an authorizer the caller needs DESCRIBE on the cluster (else CLUSTER_AUTHORIZATION_FAILED).
import { DescribeQuorumApi, type DescribeQuorumRequest, type DescribeQuorumResponse } from '../../../protocol/generated/api/55-describe-quorum.js';
import { AclOperation } from '../../metadata/acls.js';
import { clusterActionRefusal } from '../access.js';
import { handler } from '../handler.js';

export const describeQuorumHandler = handler<DescribeQuorumRequest, DescribeQuorumResponse>({
  api: DescribeQuorumApi,
  minVersion: 0,
  maxVersion: 2,
  listeners: ['broker', 'controller'],
  handle(_req, ctx) {
    const refusal = clusterActionRefusal(ctx, DescribeQuorumApi, AclOperation.DESCRIBE);
    if (refusal) return refusal;
    return ctx.services.quorum.describe();
  },
});
