// SyncGroup (key 14), v0-v5.
// The leader hands in the assignment of every member; all members wait until it is written to
// __consumer_offsets and then get their part. A Stable group returns a member's current
// assignment. v5 requires protocol type and name and checks them against the group
// (INCONSISTENT_GROUP_PROTOCOL), and echoes them in the answer.
// throttle_time_ms comes from the request quota (request_percentage).
import { ErrorCode } from '../../../protocol/errors.js';
import { SyncGroupApi, type SyncGroupRequest, type SyncGroupResponse } from '../../../protocol/generated/api/14-sync-group.js';
import { EMPTY_BYTES } from '../../../protocol/primitives/codec-helpers.js';
import { groupRequestContext } from '../../coordinator/access.js';
import { AclOperation } from '../../metadata/acls.js';
import { groupAllowed } from '../group-access.js';
import { handler } from '../handler.js';

const PROTOCOL_REQUIRED_VERSION = 5;

export const syncGroupHandler = handler<SyncGroupRequest, SyncGroupResponse>({
  api: SyncGroupApi,
  minVersion: 0,
  maxVersion: 5,
  handle(req, ctx) {
    if (!groupAllowed(ctx, AclOperation.READ, req.groupId)) {
      return { throttleTimeMs: 0, errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED, protocolType: null, protocolName: null, assignment: EMPTY_BYTES };
    }
    if (ctx.version >= PROTOCOL_REQUIRED_VERSION && (req.protocolType === null || req.protocolName === null)) {
      return {
        throttleTimeMs: 0, errorCode: ErrorCode.INCONSISTENT_GROUP_PROTOCOL, protocolType: null, protocolName: null, assignment: EMPTY_BYTES,
      };
    }
    return ctx.services.groups.syncGroup(req, groupRequestContext(ctx));
  },
});
