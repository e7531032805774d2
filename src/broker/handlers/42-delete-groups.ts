// DeleteGroups (key 42), v0-v2.
// Deletes Empty groups with all their committed offsets (tombstones in __consumer_offsets, answered
// once written). Groups with members answer NON_EMPTY_GROUP, unknown ones GROUP_ID_NOT_FOUND,
// groups of other coordinators NOT_COORDINATOR. A name listed twice is answered once.
// Not implemented: ACLs; quotas (throttle_time_ms is always 0).
import { DeleteGroupsApi, type DeleteGroupsRequest, type DeleteGroupsResponse } from '../../../protocol/generated/api/42-delete-groups.js';
import { groupRequestContext } from '../../coordinator/access.js';
import { handler } from '../handler.js';

export const deleteGroupsHandler = handler<DeleteGroupsRequest, DeleteGroupsResponse>({
  api: DeleteGroupsApi,
  minVersion: 0,
  maxVersion: 2,
  async handle(req, ctx) {
    const results = await ctx.services.groups.deleteGroups(req.groupsNames, groupRequestContext(ctx));
    return { throttleTimeMs: 0, results };
  },
});
