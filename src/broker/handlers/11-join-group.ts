// JoinGroup (key 11), v0-v9.
// Classic group membership through the group coordinator: the MEMBER_ID_REQUIRED round trip for
// members without an id (v4+), static membership by group.instance.id (v5+), protocol selection
// across members, rebalance and session timeouts, group.initial.rebalance.delay.ms. The answer
// waits until the join phase completes. v0 has no rebalance timeout: the session timeout serves,
// and so it does for a rebalance timeout of 0 or less (kafkajs's low-level joinGroup sends 0 when
// none is given; brokers before the pending-sync expiry kept such a member, so clients rely on it).
// v9 tells a rejoining static leader to skip the assignment.
// throttle_time_ms comes from the request quota (request_percentage). The join reason is only accepted.
import { JoinGroupApi, type JoinGroupRequest, type JoinGroupResponse } from '../../../protocol/generated/api/11-join-group.js';
import { groupRequestContext } from '../../coordinator/access.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation } from '../../metadata/acls.js';
import { groupAllowed } from '../group-access.js';
import { handler } from '../handler.js';

export const joinGroupHandler = handler<JoinGroupRequest, JoinGroupResponse>({
  api: JoinGroupApi,
  minVersion: 0,
  maxVersion: 9,
  handle(req, ctx) {
    if (!groupAllowed(ctx, AclOperation.READ, req.groupId)) {
      return { ...JoinGroupApi.defaultResponse(), memberId: req.memberId, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED };
    }
    const noRebalanceTimeout = ctx.version === 0 || req.rebalanceTimeoutMs <= 0;
    const request = noRebalanceTimeout ? { ...req, rebalanceTimeoutMs: req.sessionTimeoutMs } : req;
    return ctx.services.groups.joinGroup(request, groupRequestContext(ctx));
  },
});
