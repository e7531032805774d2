// DescribeGroups (key 15), v0-v5.
// State, protocol type, chosen protocol and members (client id and host, instance id from v4,
// metadata once Stable, assignment) of each group this broker coordinates; an unknown group is
// described as Dead with no members, others get NOT_COORDINATOR / COORDINATOR_LOAD_IN_PROGRESS.
// With an authorizer a group one may not DESCRIBE is GROUP_AUTHORIZATION_FAILED; with
// include_authorized_operations (v3+) the group operations the client is allowed are reported.
// throttle_time_ms comes from the request quota (request_percentage).
import {
  DescribeGroupsApi, type DescribeGroupsRequest, type DescribeGroupsResponse,
} from '../../../protocol/generated/api/15-describe-groups.js';
import { groupRequestContext } from '../../coordinator/access.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { authorizedOperations } from '../access.js';
import { groupAllowed } from '../group-access.js';
import { handler } from '../handler.js';

export const describeGroupsHandler = handler<DescribeGroupsRequest, DescribeGroupsResponse>({
  api: DescribeGroupsApi,
  minVersion: 0,
  maxVersion: 5,
  handle(req, ctx) {
    const permitted = req.groups.filter((g) => groupAllowed(ctx, AclOperation.DESCRIBE, g));
    const described = ctx.services.groups.describeGroups(permitted, groupRequestContext(ctx));
    if (req.includeAuthorizedOperations) for (const g of described) g.authorizedOperations = authorizedOperations(ctx, ResourceType.GROUP, g.groupId);
    const byId = new Map(described.map((g) => [g.groupId, g]));
    const groups = req.groups.map((groupId) => byId.get(groupId) ?? {
      errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED, groupId, groupState: '', protocolType: '', protocolData: '', members: [], authorizedOperations: -2147483648,
    });
    return { throttleTimeMs: 0, groups };
  },
});
