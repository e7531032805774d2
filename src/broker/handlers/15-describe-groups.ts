// DescribeGroups (key 15), v0-v5.
// State, protocol type, chosen protocol and members (client id and host, instance id from v4,
// metadata once Stable, assignment) of each group this broker coordinates; an unknown group is
// described as Dead with no members, others get NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS.
// With include_authorized_operations (v3+) every group operation is reported as allowed: there is
// no authorizer.
// Not implemented: ACLs; quotas (throttle_time_ms is always 0).
import {
  DescribeGroupsApi, type DescribeGroupsRequest, type DescribeGroupsResponse,
} from '../../../protocol/generated/api/15-describe-groups.js';
import { groupRequestContext } from '../../coordinator/access.js';
import { handler } from '../handler.js';

/** READ (3), DELETE (6) and DESCRIBE (8): Kafka's operations on a group resource, as a bit set. */
const GROUP_OPERATIONS = (1 << 3) | (1 << 6) | (1 << 8);

export const describeGroupsHandler = handler<DescribeGroupsRequest, DescribeGroupsResponse>({
  api: DescribeGroupsApi,
  minVersion: 0,
  maxVersion: 5,
  handle(req, ctx) {
    const groups = ctx.services.groups.describeGroups(req.groups, groupRequestContext(ctx));
    if (req.includeAuthorizedOperations) for (const g of groups) g.authorizedOperations = GROUP_OPERATIONS;
    return { throttleTimeMs: 0, groups };
  },
});
