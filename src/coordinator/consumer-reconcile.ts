// The next state of one member towards its target assignment, as Kafka's CurrentAssignmentBuilder:
// - partitions the member has but its target does not are revoked first: the member stays in its
//   epoch (UNREVOKED_PARTITIONS) until a heartbeat shows it no longer owns them;
// - only then does it move to the target epoch and receive new partitions, and of those only the
//   ones no other member still holds (the rest wait: UNRELEASED_PARTITIONS);
// - a member at the target epoch with everything assigned is STABLE.
import {
  EMPTY_ASSIGNMENT, equals, fromPairs, intersect, isEmpty, minus, type Assignment,
} from './consumer-assignment.js';
import { MemberState, type ConsumerGroup, type ConsumerMember } from './consumer-group.js';

/**
 * `owned`: the partitions the member reported in this heartbeat (null when it did not say, which
 * Kafka reads as "still owns everything").
 */
export function reconcile(group: ConsumerGroup, member: ConsumerMember, owned: Assignment | null): ConsumerMember {
  const next = step(group, member, owned);
  // Unchanged: the same object, so the caller writes no record for a heartbeat that moved nothing.
  const same = next.state === member.state && next.memberEpoch === member.memberEpoch &&
    next.previousMemberEpoch === member.previousMemberEpoch && equals(next.assigned, member.assigned) &&
    equals(next.pendingRevocation, member.pendingRevocation);
  return same ? member : next;
}

function step(group: ConsumerGroup, member: ConsumerMember, owned: Assignment | null): ConsumerMember {
  const target = group.target(member.memberId);
  switch (member.state) {
    case MemberState.STABLE:
      if (member.memberEpoch === group.assignmentEpoch) return member;
      return nextAssignment(group, member, target, owned);
    case MemberState.UNREVOKED_PARTITIONS:
      if (ownsAnyOf(owned, member.pendingRevocation)) return member;
      return nextAssignment(group, { ...member, pendingRevocation: EMPTY_ASSIGNMENT }, target, owned);
    case MemberState.UNRELEASED_PARTITIONS:
      return nextAssignment(group, member, target, owned);
  }
}

function ownsAnyOf(owned: Assignment | null, partitions: Assignment): boolean {
  if (owned === null) return true;
  return !isEmpty(intersect(owned, partitions));
}

function nextAssignment(group: ConsumerGroup, member: ConsumerMember, target: Assignment, owned: Assignment | null): ConsumerMember {
  const kept = intersect(member.assigned, target);
  const toRevoke = minus(member.assigned, target);
  if (!isEmpty(toRevoke) && ownsAnyOf(owned, toRevoke)) {
    return { ...member, state: MemberState.UNREVOKED_PARTITIONS, assigned: kept, pendingRevocation: toRevoke };
  }
  const free: [string, number][] = [];
  let unreleased = false;
  for (const [topicId, ps] of minus(target, kept)) {
    for (const p of ps) {
      const owner = group.ownerOf(topicId, p);
      if (owner === null || owner === member.memberId) free.push([topicId, p]);
      else unreleased = true;
    }
  }
  const assigned = free.length === 0 ? kept : fromPairs([...pairsOf(kept), ...free]);
  const epochChanged = member.memberEpoch !== group.assignmentEpoch;
  return {
    ...member,
    state: unreleased ? MemberState.UNRELEASED_PARTITIONS : MemberState.STABLE,
    previousMemberEpoch: epochChanged ? member.memberEpoch : member.previousMemberEpoch,
    memberEpoch: group.assignmentEpoch,
    assigned,
    pendingRevocation: EMPTY_ASSIGNMENT,
  };
}

function* pairsOf(a: Assignment): Generator<[string, number]> {
  for (const [topicId, ps] of a) for (const p of ps) yield [topicId, p];
}

