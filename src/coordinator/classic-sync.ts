// SyncGroup, Heartbeat and LeaveGroup on one shard. SyncGroup parks every member until the leader's
// assignment is written to the log, then answers them all; Heartbeat keeps a session alive and
// tells members when to rejoin; LeaveGroup removes members (in batches from v3) and lets the group
// rebalance without them.
import { ErrorCode } from '../../protocol/errors.js';
import type { HeartbeatRequest, HeartbeatResponse } from '../../protocol/generated/api/12-heartbeat.js';
import type { LeaveGroupRequest, MemberResponse } from '../../protocol/generated/api/13-leave-group.js';
import type { SyncGroupRequest } from '../../protocol/generated/api/14-sync-group.js';
import { EMPTY_BYTES } from '../../protocol/primitives/codec-helpers.js';
import type { GroupRequestContext } from './access.js';
import { joinError, syncError, type ClassicGroup } from './classic-group.js';
import type { SyncResponder } from './classic-member.js';
import {
  appendErrorToResponse, cancelHeartbeat, maybeCompleteJoinPhase, maybePrepareRebalanceOrCompleteJoin,
  removePendingSyncMember, resetAndPropagateAssignmentWithError, scheduleHeartbeat, setAndPropagateAssignment,
} from './classic-rebalance.js';
import type { GroupShard } from './group-shard.js';

export function syncGroup(shard: GroupShard, req: SyncGroupRequest, ctx: GroupRequestContext, respond: SyncResponder): void {
  const group = shard.groups.get(req.groupId);
  if (!group) {
    respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    return;
  }
  const error = validateSync(group, req);
  if (error !== ErrorCode.NONE) {
    respond(syncError(error));
    return;
  }
  const member = group.members.get(req.memberId)!;
  switch (group.state) {
    case 'Empty':
      respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
      return;
    case 'PreparingRebalance':
      respond(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      return;
    case 'CompletingRebalance': {
      const replaced = member.awaitingSync;
      member.awaitingSync = respond;
      replaced?.(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      removePendingSyncMember(shard, group, req.memberId);
      if (group.isLeader(req.memberId)) storeAssignment(shard, group, req, ctx.nowMs);
      return;
    }
    default:
      removePendingSyncMember(shard, group, req.memberId);
      scheduleHeartbeat(shard, group, member.memberId, member.sessionTimeoutMs, ctx.nowMs);
      respond({
        throttleTimeMs: 0, errorCode: ErrorCode.NONE, protocolType: group.protocolType,
        protocolName: group.protocolName, assignment: member.assignment,
      });
  }
}

function validateSync(group: ClassicGroup, req: SyncGroupRequest): number {
  if (group.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
  const memberError = group.validateMember(req.memberId, req.groupInstanceId);
  if (memberError !== ErrorCode.NONE) return memberError;
  if (req.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
  if (inconsistent(req.protocolType, group.protocolType) || inconsistent(req.protocolName, group.protocolName)) {
    return ErrorCode.INCONSISTENT_GROUP_PROTOCOL;
  }
  return ErrorCode.NONE;
}

function inconsistent(requested: string | null, current: string | null): boolean {
  return requested !== null && current !== null && requested !== current;
}

/**
 * The leader's assignment (members it left out get an empty one) is written with the group; once
 * it is in the log every parked member gets its part and the group is Stable.
 */
function storeAssignment(shard: GroupShard, group: ClassicGroup, req: SyncGroupRequest, nowMs: number): void {
  const assignments = new Map<string, Buffer>();
  for (const a of req.assignments) assignments.set(a.memberId, a.assignment);
  for (const id of group.members.keys()) if (!assignments.has(id)) assignments.set(id, EMPTY_BYTES);
  const generationId = group.generationId;
  shard.append([shard.groupRecord(group, assignments)], nowMs, (errorCode, doneMs) => {
    // A member may have joined meanwhile and moved the group on; then this round is void.
    if (!shard.isLive(group) || group.state !== 'CompletingRebalance' || group.generationId !== generationId) return;
    if (errorCode !== ErrorCode.NONE) {
      resetAndPropagateAssignmentWithError(shard, group, appendErrorToResponse(errorCode), doneMs);
      maybePrepareRebalanceOrCompleteJoin(shard, group, doneMs);
    } else {
      setAndPropagateAssignment(shard, group, assignments, doneMs);
      group.transitionTo('Stable', doneMs);
    }
  });
}

export function heartbeat(shard: GroupShard, req: HeartbeatRequest, ctx: GroupRequestContext): HeartbeatResponse {
  const respond = (errorCode: number): HeartbeatResponse => ({ throttleTimeMs: 0, errorCode });
  const group = shard.groups.get(req.groupId);
  if (!group) return respond(ErrorCode.UNKNOWN_MEMBER_ID);
  if (group.state === 'Dead') return respond(ErrorCode.COORDINATOR_NOT_AVAILABLE);
  const memberError = group.validateMember(req.memberId, req.groupInstanceId);
  if (memberError !== ErrorCode.NONE) return respond(memberError);
  if (req.generationId !== group.generationId) return respond(ErrorCode.ILLEGAL_GENERATION);
  if (group.state === 'Empty') return respond(ErrorCode.UNKNOWN_MEMBER_ID);
  const member = group.members.get(req.memberId)!;
  scheduleHeartbeat(shard, group, member.memberId, member.sessionTimeoutMs, ctx.nowMs);
  // Heartbeats may start right after the JoinGroup answer, while the group completes its rebalance.
  return respond(group.state === 'PreparingRebalance' ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE);
}

/** Per-member results; the group-level error is the caller's (only Dead sets one here). */
export function leaveGroup(shard: GroupShard, req: LeaveGroupRequest, ctx: GroupRequestContext): { errorCode: number; members: MemberResponse[] } {
  const group = shard.groups.get(req.groupId);
  if (!group) {
    return {
      errorCode: ErrorCode.NONE,
      members: req.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, errorCode: ErrorCode.UNKNOWN_MEMBER_ID })),
    };
  }
  if (group.state === 'Dead') return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
  const members = req.members.map((m): MemberResponse => ({
    memberId: m.memberId, groupInstanceId: m.groupInstanceId, errorCode: leaveMember(shard, group, m.memberId, m.groupInstanceId),
  }));
  if (members.some((m) => m.errorCode === ErrorCode.NONE)) {
    if (group.state === 'Stable' || group.state === 'CompletingRebalance') maybePrepareRebalanceOrCompleteJoin(shard, group, ctx.nowMs);
    else if (group.state === 'PreparingRebalance') maybeCompleteJoinPhase(shard, group, ctx.nowMs);
  }
  return { errorCode: ErrorCode.NONE, members };
}

function leaveMember(shard: GroupShard, group: ClassicGroup, memberId: string, groupInstanceId: string | null): number {
  // An administrator may remove a static member by its instance id alone.
  if (memberId === '') {
    const staticId = groupInstanceId !== null ? group.staticMemberId(groupInstanceId) : undefined;
    if (staticId === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    removeCurrentMember(shard, group, staticId);
    return ErrorCode.NONE;
  }
  if (group.isPendingMember(memberId)) {
    group.remove(memberId);
    cancelHeartbeat(shard, group, memberId);
    return ErrorCode.NONE;
  }
  const error = group.validateMember(memberId, groupInstanceId);
  if (error === ErrorCode.NONE) removeCurrentMember(shard, group, memberId);
  return error;
}

function removeCurrentMember(shard: GroupShard, group: ClassicGroup, memberId: string): void {
  const member = group.members.get(memberId)!;
  cancelHeartbeat(shard, group, memberId);
  group.completeJoin(member, joinError('', ErrorCode.UNKNOWN_MEMBER_ID));
  group.remove(memberId);
}
