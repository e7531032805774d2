// Heartbeat (key 12), v0-v4.
// Keeps a classic group member's session alive. REBALANCE_IN_PROGRESS tells the member to rejoin;
// ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID and FENCED_INSTANCE_ID fence stale or duplicate members.
// While the coordinator loads its partition the member is answered as alive (Kafka does the same).
// throttle_time_ms comes from the request quota (request_percentage).
import { HeartbeatApi, type HeartbeatRequest, type HeartbeatResponse } from '../../../protocol/generated/api/12-heartbeat.js';
import { groupRequestContext } from '../../coordinator/access.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation } from '../../metadata/acls.js';
import { groupAllowed } from '../group-access.js';
import { handler } from '../handler.js';

export const heartbeatHandler = handler<HeartbeatRequest, HeartbeatResponse>({
  api: HeartbeatApi,
  minVersion: 0,
  maxVersion: 4,
  handle(req, ctx) {
    if (!groupAllowed(ctx, AclOperation.READ, req.groupId)) return { throttleTimeMs: 0, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED };
    return ctx.services.groups.heartbeat(req, groupRequestContext(ctx));
  },
});
