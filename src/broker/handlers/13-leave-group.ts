// LeaveGroup (key 13), v0-v5.
// Removes members from a classic group, which then rebalances without them. v0-v2 name one member
// and report its error at the top level; v3+ remove a batch, each member by member id or (for
// static members, as the admin client does) by group.instance.id alone, with per-member errors.
// throttle_time_ms comes from the request quota (request_percentage). The leave reason (v5) is only accepted.
import { ErrorCode } from '../../../protocol/errors.js';
import { LeaveGroupApi, type LeaveGroupRequest, type LeaveGroupResponse } from '../../../protocol/generated/api/13-leave-group.js';
import { groupRequestContext } from '../../coordinator/access.js';
import { AclOperation } from '../../metadata/acls.js';
import { groupAllowed } from '../group-access.js';
import { handler } from '../handler.js';

const BATCHED_VERSION = 3;

export const leaveGroupHandler = handler<LeaveGroupRequest, LeaveGroupResponse>({
  api: LeaveGroupApi,
  minVersion: 0,
  maxVersion: 5,
  handle(req, ctx) {
    const batched = ctx.version >= BATCHED_VERSION;
    if (!groupAllowed(ctx, AclOperation.READ, req.groupId)) return { throttleTimeMs: 0, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED, members: [] };
    const members = batched ? req.members : [{ memberId: req.memberId, groupInstanceId: null, reason: null }];
    const result = ctx.services.groups.leaveGroup({ ...req, members }, groupRequestContext(ctx));
    if (batched) return { throttleTimeMs: 0, errorCode: result.errorCode, members: result.members };
    const memberError = result.members.find((m) => m.errorCode !== ErrorCode.NONE)?.errorCode ?? ErrorCode.NONE;
    return { throttleTimeMs: 0, errorCode: result.errorCode !== ErrorCode.NONE ? result.errorCode : memberError, members: [] };
  },
});
