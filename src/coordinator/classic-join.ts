// JoinGroup on one shard: new dynamic members (with the MEMBER_ID_REQUIRED round trip from v4),
// new and returning static members (group.instance.id), and known members rejoining in each group
// state. Answers that must wait for the join phase are parked on the member as its callback.
import { ErrorCode } from '../../protocol/errors.js';
import type { JoinGroupRequest } from '../../protocol/generated/api/11-join-group.js';
import type { GroupRequestContext } from './access.js';
import { joinError, type ClassicGroup } from './classic-group.js';
import { ClassicGroupMember, type JoinResponder } from './classic-member.js';
import {
  appendErrorToResponse, cancelHeartbeat, joinResponse, maybeCompleteJoinPhase, maybePrepareRebalanceOrCompleteJoin,
  prepareRebalance, scheduleHeartbeat,
} from './classic-rebalance.js';
import type { GroupShard } from './group-shard.js';

/** JoinGroup from v4 on answers a member without an id MEMBER_ID_REQUIRED and a fresh id. */
const REQUIRE_KNOWN_MEMBER_ID_VERSION = 4;
/** From v9 a rejoining static leader is told it leads but must skip the assignment. */
const SKIP_ASSIGNMENT_VERSION = 9;

interface Join {
  shard: GroupShard;
  group: ClassicGroup;
  req: JoinGroupRequest;
  ctx: GroupRequestContext;
  respond: JoinResponder;
}

export function joinGroup(shard: GroupShard, req: JoinGroupRequest, ctx: GroupRequestContext, respond: JoinResponder): void {
  const config = shard.config;
  if (req.sessionTimeoutMs < config.minSessionTimeoutMs || req.sessionTimeoutMs > config.maxSessionTimeoutMs) {
    respond(joinError(req.memberId, ErrorCode.INVALID_SESSION_TIMEOUT));
    return;
  }
  const isUnknownMember = req.memberId === '';
  const existing = shard.groups.get(req.groupId);
  // Only a member without an id may create a group; a known id for a missing group is stale.
  if (!existing && !isUnknownMember) {
    respond(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    return;
  }
  const group = existing ?? shard.getOrCreateGroup(req.groupId, ctx.nowMs);
  if (!acceptJoiningMember(group, req.memberId, config.maxGroupSize)) {
    group.remove(req.memberId);
    cancelHeartbeat(shard, group, req.memberId);
    respond(joinError('', ErrorCode.GROUP_MAX_SIZE_REACHED));
    return;
  }
  const join: Join = { shard, group, req, ctx, respond };
  if (isUnknownMember) joinNewMember(join);
  else joinExistingMember(join);
}

function acceptJoiningMember(group: ClassicGroup, memberId: string, maxGroupSize: number): boolean {
  switch (group.state) {
    case 'Empty':
    case 'Dead':
      return true;
    case 'PreparingRebalance':
      // Counting members that have rejoined lets a shrunk group.max.size cut the last to rejoin.
      return group.members.get(memberId)?.awaitingJoin != null || group.numAwaitingJoinResponse < maxGroupSize;
    default:
      return group.members.has(memberId) || group.size < maxGroupSize;
  }
}

function protocolNames(req: JoinGroupRequest): string[] {
  return req.protocols.map((p) => p.name);
}

function joinNewMember(j: Join): void {
  const { shard, group, req, ctx } = j;
  if (group.state === 'Dead') {
    j.respond(joinError('', ErrorCode.COORDINATOR_NOT_AVAILABLE));
  } else if (!group.supportsProtocols(req.protocolType, protocolNames(req))) {
    j.respond(joinError('', ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
  } else {
    const newMemberId = shard.newMemberId(req.groupInstanceId ?? ctx.clientId);
    if (req.groupInstanceId !== null) {
      const oldMemberId = group.staticMemberId(req.groupInstanceId);
      if (oldMemberId !== undefined) replaceStaticMember(j, req.groupInstanceId, oldMemberId, newMemberId);
      else addMemberThenRebalanceOrCompleteJoin(j, newMemberId);
    } else if (ctx.apiVersion >= REQUIRE_KNOWN_MEMBER_ID_VERSION) {
      // The member must come back with this id; until then it only holds a place in the rebalance.
      group.addPendingMember(newMemberId);
      scheduleHeartbeat(shard, group, newMemberId, req.sessionTimeoutMs, ctx.nowMs);
      j.respond(joinError(newMemberId, ErrorCode.MEMBER_ID_REQUIRED));
    } else {
      addMemberThenRebalanceOrCompleteJoin(j, newMemberId);
    }
  }
}

function joinExistingMember(j: Join): void {
  const { group, req } = j;
  if (group.state === 'Dead') {
    j.respond(joinError(req.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
    return;
  }
  if (!group.supportsProtocols(req.protocolType, protocolNames(req))) {
    j.respond(joinError(req.memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    return;
  }
  if (group.isPendingMember(req.memberId) && req.groupInstanceId === null) {
    addMemberThenRebalanceOrCompleteJoin(j, req.memberId);
    return;
  }
  const error = group.validateMember(req.memberId, req.groupInstanceId);
  if (error !== ErrorCode.NONE) {
    j.respond(joinError(req.memberId, error));
    return;
  }
  const member = group.members.get(req.memberId)!;
  const isLeader = group.isLeader(req.memberId);
  switch (group.state) {
    case 'PreparingRebalance':
      updateMemberThenRebalanceOrCompleteJoin(j, member);
      return;
    case 'CompletingRebalance':
      // Same metadata: it most likely missed the first answer, so it gets it again.
      if (member.matches(req.protocols)) j.respond(joinResponse(group, req.memberId, isLeader));
      else updateMemberThenRebalanceOrCompleteJoin(j, member);
      return;
    case 'Stable':
      // A leader's rejoin is its way to ask for a rebalance (e.g. topic metadata changed).
      if (isLeader || !member.matches(req.protocols)) updateMemberThenRebalanceOrCompleteJoin(j, member);
      else j.respond(joinResponse(group, req.memberId, false));
      return;
    default:
      j.respond(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
  }
}

function updateMemberThenRebalanceOrCompleteJoin(j: Join, member: ClassicGroupMember): void {
  j.group.updateMember(member, j.req.protocols, j.req.rebalanceTimeoutMs, j.req.sessionTimeoutMs, j.respond);
  maybePrepareRebalanceOrCompleteJoin(j.shard, j.group, j.ctx.nowMs);
}

function addMemberThenRebalanceOrCompleteJoin(j: Join, memberId: string): void {
  const { shard, group, req, ctx } = j;
  const member = new ClassicGroupMember({
    memberId,
    groupInstanceId: req.groupInstanceId,
    clientId: ctx.clientId,
    clientHost: ctx.clientHost,
    rebalanceTimeoutMs: req.rebalanceTimeoutMs,
    sessionTimeoutMs: req.sessionTimeoutMs,
    protocolType: req.protocolType,
    protocols: req.protocols,
  });
  member.isNew = true;
  if (group.state === 'PreparingRebalance' && group.previousState === 'Empty') group.newMemberAdded = true;
  group.add(member, j.respond);
  // It cannot heartbeat before its JoinGroup is answered, so it gets the longer new-member deadline.
  scheduleHeartbeat(shard, group, memberId, shard.config.newMemberJoinTimeoutMs, ctx.nowMs);
  maybePrepareRebalanceOrCompleteJoin(shard, group, ctx.nowMs);
}

/**
 * A static member rejoining without its member id (a restarted instance) replaces its old entry.
 * In a Stable group whose protocol choice stays the same this costs no rebalance: the new member
 * id is recorded and the member resumes with its previous assignment.
 */
function replaceStaticMember(j: Join, groupInstanceId: string, oldMemberId: string, newMemberId: string): void {
  const { shard, group, req, ctx } = j;
  const currentLeader = group.leaderId;
  const member = group.replaceStaticMember(groupInstanceId, oldMemberId, newMemberId);
  cancelHeartbeat(shard, group, oldMemberId);
  scheduleHeartbeat(shard, group, newMemberId, member.sessionTimeoutMs, ctx.nowMs);
  const previous = { protocols: member.protocols, rebalanceTimeoutMs: member.rebalanceTimeoutMs, sessionTimeoutMs: member.sessionTimeoutMs };
  group.updateMember(member, req.protocols, req.rebalanceTimeoutMs, req.sessionTimeoutMs, j.respond);
  switch (group.state) {
    case 'Stable':
      if ((group.protocolName ?? '') !== group.selectProtocol()) {
        maybePrepareRebalanceOrCompleteJoin(shard, group, ctx.nowMs);
        return;
      }
      break;
    case 'CompletingRebalance':
      // The leader may be assigning to the old member id; only a new round gets it right.
      prepareRebalance(shard, group, ctx.nowMs);
      return;
    default:
      maybeCompleteJoinPhase(shard, group, ctx.nowMs);
      return;
  }
  const assignments = new Map([...group.members.values()].map((m) => [m.memberId, m.assignment]));
  shard.append([shard.groupRecord(group, assignments)], ctx.nowMs, (errorCode, nowMs) => {
    if (errorCode === ErrorCode.NONE) {
      // If a rebalance began meanwhile, its join phase answers the member instead.
      if (group.state === 'Stable') group.completeJoin(member, staticRejoinResponse(group, member, currentLeader, ctx.apiVersion));
      return;
    }
    const failed = {
      ...joinResponse(group, '', false), errorCode: appendErrorToResponse(errorCode), leader: currentLeader ?? '',
    };
    const stillReplaced = shard.isLive(group) && group.members.get(newMemberId) === member;
    group.completeJoin(member, failed);
    if (!stillReplaced) return;
    // The log still names the old member id, so the group goes back to it.
    group.updateMember(member, previous.protocols, previous.rebalanceTimeoutMs, previous.sessionTimeoutMs, null);
    const restored = group.replaceStaticMember(groupInstanceId, newMemberId, oldMemberId);
    cancelHeartbeat(shard, group, newMemberId);
    scheduleHeartbeat(shard, group, oldMemberId, restored.sessionTimeoutMs, nowMs);
  });
}

function staticRejoinResponse(group: ClassicGroup, member: ClassicGroupMember, previousLeader: string | null, apiVersion: number) {
  if (apiVersion >= SKIP_ASSIGNMENT_VERSION) {
    const isLeader = group.isLeader(member.memberId);
    return { ...joinResponse(group, member.memberId, isLeader), skipAssignment: isLeader };
  }
  // Older clients would take the leader id as theirs and run a pointless assignment that a Stable
  // group never hands out; the previous leader id keeps them followers.
  return { ...joinResponse(group, member.memberId, false), leader: previousLeader ?? '' };
}
