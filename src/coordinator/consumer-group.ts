// A group of the consumer group protocol (KIP-848) as Kafka's ConsumerGroup models it: the group
// epoch (bumped whenever membership, subscriptions or the subscribed topics change), the target
// assignment and its epoch, and per member its epoch, current assignment and partitions pending
// revocation. A partition is owned by at most one member at a time; partitionOwners says which, so
// a member is given a partition only once its previous owner has revoked it.
import type { ClassicMemberMetadata } from '../../protocol/generated/data/consumer-group-member-metadata-value.js';
import { EMPTY_ASSIGNMENT, type Assignment } from './consumer-assignment.js';

/** Member states as Kafka's MemberState (the numbers are its record values). */
export const enum MemberState {
  STABLE = 0,
  UNRELEASED_PARTITIONS = 1,
  UNREVOKED_PARTITIONS = 2,
}

/** The epoch a static member leaves with, keeping its assignment for its return. */
export const LEAVE_GROUP_STATIC_MEMBER_EPOCH = -2;
export const LEAVE_GROUP_MEMBER_EPOCH = -1;

export interface ConsumerMember {
  memberId: string;
  instanceId: string | null;
  rackId: string | null;
  clientId: string;
  clientHost: string;
  subscribedTopicNames: readonly string[];
  subscribedTopicRegex: string | null;
  serverAssignor: string | null;
  rebalanceTimeoutMs: number;
  memberEpoch: number;
  previousMemberEpoch: number;
  state: MemberState;
  assigned: Assignment;
  pendingRevocation: Assignment;
  /** Set for a member that speaks the classic protocol (JoinGroup/SyncGroup) in a consumer group. */
  classic: ClassicMemberMetadata | null;
}

export function newMember(memberId: string): ConsumerMember {
  return {
    memberId, instanceId: null, rackId: null, clientId: '', clientHost: '', subscribedTopicNames: [],
    subscribedTopicRegex: null, serverAssignor: null, rebalanceTimeoutMs: -1, memberEpoch: 0, previousMemberEpoch: -1,
    state: MemberState.STABLE, assigned: EMPTY_ASSIGNMENT, pendingRevocation: EMPTY_ASSIGNMENT, classic: null,
  };
}

export type ConsumerGroupState = 'Empty' | 'Assigning' | 'Reconciling' | 'Stable';

export class ConsumerGroup {
  groupEpoch = 0;
  assignmentEpoch = 0;
  readonly members = new Map<string, ConsumerMember>();
  readonly targets = new Map<string, Assignment>();
  /** instance id -> member id of static members. */
  readonly staticMembers = new Map<string, string>();
  /** "topicId:partition" -> member id holding it (assigned or pending revocation). */
  private readonly partitionOwners = new Map<string, string>();
  /** Partition counts of the subscribed topics the target was computed from; null after a load (adopted, not a change). */
  subscriptionSignature: string | null = null;

  constructor(readonly groupId: string) {}

  get state(): ConsumerGroupState {
    if (this.members.size === 0) return 'Empty';
    if (this.assignmentEpoch < this.groupEpoch) return 'Assigning';
    for (const m of this.members.values()) {
      if (m.state !== MemberState.STABLE || m.memberEpoch !== this.assignmentEpoch) return 'Reconciling';
    }
    return 'Stable';
  }

  target(memberId: string): Assignment {
    return this.targets.get(memberId) ?? EMPTY_ASSIGNMENT;
  }

  /** The member holding the partition, or null when it is free to give to another. */
  ownerOf(topicId: string, partition: number): string | null {
    return this.partitionOwners.get(`${topicId}:${partition}`) ?? null;
  }

  /** Adds or replaces a member, keeping the ownership index and static ids in step. */
  put(member: ConsumerMember): void {
    const old = this.members.get(member.memberId);
    if (old) this.dropOwnership(old);
    this.members.set(member.memberId, member);
    if (member.instanceId !== null) this.staticMembers.set(member.instanceId, member.memberId);
    for (const a of [member.assigned, member.pendingRevocation]) {
      for (const [topicId, ps] of a) for (const p of ps) this.partitionOwners.set(`${topicId}:${p}`, member.memberId);
    }
  }

  remove(memberId: string): void {
    const old = this.members.get(memberId);
    if (!old) return;
    this.dropOwnership(old);
    this.members.delete(memberId);
    if (old.instanceId !== null && this.staticMembers.get(old.instanceId) === memberId) this.staticMembers.delete(old.instanceId);
  }

  private dropOwnership(m: ConsumerMember): void {
    for (const a of [m.assigned, m.pendingRevocation]) {
      for (const [topicId, ps] of a) {
        for (const p of ps) if (this.partitionOwners.get(`${topicId}:${p}`) === m.memberId) this.partitionOwners.delete(`${topicId}:${p}`);
      }
    }
  }

  /** Members speaking the classic protocol. */
  classicMembers(): ConsumerMember[] {
    return [...this.members.values()].filter((m) => m.classic !== null);
  }

  /**
   * Kafka's supportsClassicProtocols: a classic member may join when it speaks the consumer
   * protocol type and, if classic members are already in, shares a protocol name with all of them.
   */
  supportsClassicProtocols(protocolType: string | null, names: readonly string[]): boolean {
    if (protocolType !== 'consumer' || names.length === 0) return false;
    const classic = this.classicMembers();
    return classic.length === 0 || names.some((n) => classic.every((m) => m.classic!.supportedProtocols.some((p) => p.name === n)));
  }

  /** Whether every member but `memberId` uses the classic protocol, and `memberId` does not. */
  allMembersUseClassicProtocolExcept(memberId: string): boolean {
    const m = this.members.get(memberId);
    return m !== undefined && m.classic === null && this.classicMembers().length === this.members.size - 1;
  }

  /** A member still waiting for a partition of its target that another member has not released. */
  waitingOnUnreleasedPartition(member: ConsumerMember): boolean {
    if (member.state !== MemberState.UNRELEASED_PARTITIONS) return false;
    for (const [topicId, ps] of this.target(member.memberId)) {
      const assigned = member.assigned.get(topicId) ?? [];
      for (const p of ps) if (!assigned.includes(p) && this.ownerOf(topicId, p) !== null) return true;
    }
    return false;
  }

  /** The assignor the most members asked for, else the configured default (Kafka's rule). */
  preferredAssignor(defaultName: string): string {
    const votes = new Map<string, number>();
    for (const m of this.members.values()) if (m.serverAssignor !== null) votes.set(m.serverAssignor, (votes.get(m.serverAssignor) ?? 0) + 1);
    let best = defaultName;
    let bestVotes = 0;
    for (const [name, n] of [...votes].sort()) if (n > bestVotes) [best, bestVotes] = [name, n];
    return best;
  }
}
