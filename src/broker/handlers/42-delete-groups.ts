// DeleteGroups (key 42), v0-v2.
// Deletes Empty groups with all their committed offsets (tombstones in __consumer_offsets, answered
// once written). Groups with members answer NON_EMPTY_GROUP, unknown ones GROUP_ID_NOT_FOUND,
// groups of other coordinators NOT_COORDINATOR. A name listed twice is answered once.
// With an authorizer: DELETE on each group (else GROUP_AUTHORIZATION_FAILED).
// throttle_time_ms comes from the request quota (request_percentage).
import { DeleteGroupsApi, type DeleteGroupsRequest, type DeleteGroupsResponse } from '../../../protocol/generated/api/42-delete-groups.js';
import { groupRequestContext } from '../../coordinator/access.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation } from '../../metadata/acls.js';
import { groupAllowed } from '../group-access.js';
import { handler } from '../handler.js';

export const deleteGroupsHandler = handler<DeleteGroupsRequest, DeleteGroupsResponse>({
  api: DeleteGroupsApi,
  minVersion: 0,
  maxVersion: 2,
  async handle(req, ctx) {
    const permitted = req.groupsNames.filter((g) => groupAllowed(ctx, AclOperation.DELETE, g));
    const deleted = await ctx.services.groups.deleteGroups(permitted, groupRequestContext(ctx));
    const refused = req.groupsNames.filter((g) => !permitted.includes(g)).map((groupId) => ({ groupId, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED }));
    return { throttleTimeMs: 0, results: [...deleted, ...refused] };
  },
});
