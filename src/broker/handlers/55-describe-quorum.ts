// DescribeQuorum (key 55), v0-v2, on both listeners: the metadata quorum's leader, epoch, high
// watermark, and each voter's and observer's log end offset, last fetch and last caught-up time.
// Only the leader knows them; another node asks the leader, as a Kafka broker forwards it.
import { DescribeQuorumApi, type DescribeQuorumRequest, type DescribeQuorumResponse } from '../../../protocol/generated/api/55-describe-quorum.js';
import { handler } from '../handler.js';

export const describeQuorumHandler = handler<DescribeQuorumRequest, DescribeQuorumResponse>({
  api: DescribeQuorumApi,
  minVersion: 0,
  maxVersion: 2,
  listeners: ['broker', 'controller'],
  handle(_req, { services }) {
    return services.quorum.describe();
  },
});
