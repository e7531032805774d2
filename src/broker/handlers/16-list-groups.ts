// ListGroups (key 16), v0-v5.
// The groups of every __consumer_offsets partition this broker leads (clients ask every broker),
// filtered by state (v4+, case-insensitive) and type (v5+: "classic", or "consumer" for KIP-848 groups).
// COORDINATOR_LOAD_IN_PROGRESS while a partition is still loading, with the groups loaded so far.
// throttle_time_ms comes from the request quota (request_percentage).
import { ListGroupsApi, type ListGroupsRequest, type ListGroupsResponse } from '../../../protocol/generated/api/16-list-groups.js';
import { groupRequestContext } from '../../coordinator/access.js';
import { AclOperation } from '../../metadata/acls.js';
import { clusterAllowed } from '../access.js';
import { groupAllowed } from '../group-access.js';
import { handler } from '../handler.js';

export const listGroupsHandler = handler<ListGroupsRequest, ListGroupsResponse>({
  api: ListGroupsApi,
  minVersion: 0,
  maxVersion: 5,
  handle(req, ctx) {
    const result = ctx.services.groups.listGroups(req.statesFilter, req.typesFilter, groupRequestContext(ctx));
    // DESCRIBE on the cluster lists every group; otherwise only the groups one may describe.
    const all = clusterAllowed(ctx, AclOperation.DESCRIBE);
    const groups = all ? result.groups : result.groups.filter((g) => groupAllowed(ctx, AclOperation.DESCRIBE, g.groupId));
    return { throttleTimeMs: 0, errorCode: result.errorCode, groups };
  },
});
