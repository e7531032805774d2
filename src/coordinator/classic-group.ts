// A classic (JoinGroup/SyncGroup) group: its state machine, members, static-member index, the
// protocol vote and the bookkeeping of who has rejoined or synced. Pure data and rules: timers,
// records and responses are the shard's business (classic-join.ts, classic-sync.ts).
import { ErrorCode } from '../../protocol/errors.js';
import { readConsumerProtocolSubscription } from '../../protocol/generated/data/consumer-protocol-subscription.js';
import type { JoinGroupResponse, JoinGroupResponseMember } from '../../protocol/generated/api/11-join-group.js';
import type { SyncGroupResponse } from '../../protocol/generated/api/14-sync-group.js';
import { EMPTY_BYTES } from '../../protocol/primitives/codec-helpers.js';
import { Reader } from '../../protocol/primitives/reader.js';
import type { ClassicGroupMember, JoinResponder, MemberProtocol } from './classic-member.js';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

const VALID_PREVIOUS: Record<GroupState, readonly GroupState[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
};

export const CONSUMER_PROTOCOL_TYPE = 'consumer';

export interface LoadedGroup {
  state: 'Empty' | 'Stable';
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leaderId: string | null;
  currentStateTimestampMs: number | null;
}

export class ClassicGroup {
  state: GroupState;
  previousState: GroupState = 'Dead';
  /** When the group entered its current state; null for a group loaded from an old record. */
  currentStateTimestampMs: number | null;
  protocolType: string | null = null;
  protocolName: string | null = null;
  generationId = 0;
  leaderId: string | null = null;
  readonly members = new Map<string, ClassicGroupMember>();
  /** groupInstanceId -> memberId. */
  private readonly staticMembers = new Map<string, string>();
  /** Member ids handed out with MEMBER_ID_REQUIRED that have not rejoined yet. */
  private readonly pendingJoinMembers = new Set<string>();
  readonly pendingSyncMembers = new Set<string>();
  private numAwaitingJoin = 0;
  /** Protocol name -> how many members support it. */
  private readonly supportedProtocols = new Map<string, number>();
  /** Topics the members subscribe to, when the group uses the consumer protocol and it parses. */
  subscribedTopics: Set<string> | null = null;
  /** A member joined during the initial delay, so the delay is extended once more. */
  newMemberAdded = false;

  constructor(readonly groupId: string, nowMs: number | null, loaded?: LoadedGroup) {
    this.state = 'Empty';
    this.currentStateTimestampMs = nowMs;
    if (loaded) Object.assign(this, loaded);
  }

  get size(): number {
    return this.members.size;
  }

  isLeader(memberId: string): boolean {
    return this.leaderId === memberId;
  }

  transitionTo(target: GroupState, nowMs: number): void {
    if (!VALID_PREVIOUS[target].includes(this.state)) {
      throw new Error(`group ${this.groupId} cannot move from ${this.state} to ${target}`);
    }
    this.previousState = this.state;
    this.state = target;
    this.currentStateTimestampMs = nowMs;
  }

  canRebalance(): boolean {
    return VALID_PREVIOUS.PreparingRebalance.includes(this.state);
  }

  add(member: ClassicGroupMember, respond: JoinResponder | null): void {
    if (member.groupInstanceId !== null) {
      if (this.staticMembers.has(member.groupInstanceId)) throw new Error(`static member ${member.groupInstanceId} already in ${this.groupId}`);
      this.staticMembers.set(member.groupInstanceId, member.memberId);
    }
    if (this.members.size === 0) this.protocolType = member.protocolType;
    if (this.leaderId === null) this.leaderId = member.memberId;
    this.members.set(member.memberId, member);
    this.countProtocols(member, 1);
    member.awaitingJoin = respond;
    if (respond) this.numAwaitingJoin++;
    this.pendingJoinMembers.delete(member.memberId);
  }

  /** Removes a member, or a pending member id; a removed leader passes leadership to the next member. */
  remove(memberId: string): void {
    const member = this.members.get(memberId);
    if (member) {
      this.members.delete(memberId);
      this.countProtocols(member, -1);
      if (member.awaitingJoin) this.numAwaitingJoin--;
      if (member.groupInstanceId !== null) this.staticMembers.delete(member.groupInstanceId);
    }
    if (this.isLeader(memberId)) this.leaderId = this.members.keys().next().value ?? null;
    this.pendingJoinMembers.delete(memberId);
    this.pendingSyncMembers.delete(memberId);
  }

  updateMember(member: ClassicGroupMember, protocols: MemberProtocol[], rebalanceTimeoutMs: number,
    sessionTimeoutMs: number, respond: JoinResponder | null): void {
    this.countProtocols(member, -1);
    member.protocols = protocols;
    this.countProtocols(member, 1);
    member.rebalanceTimeoutMs = rebalanceTimeoutMs;
    member.sessionTimeoutMs = sessionTimeoutMs;
    if (respond && !member.awaitingJoin) this.numAwaitingJoin++;
    else if (!respond && member.awaitingJoin) this.numAwaitingJoin--;
    // A second JoinGroup replaces the parked one, which still gets an answer so that no request,
    // and no connection waiting behind it, hangs.
    const replaced = respond ? member.awaitingJoin : null;
    member.awaitingJoin = respond;
    replaced?.(joinError(member.memberId, ErrorCode.REBALANCE_IN_PROGRESS));
  }

  /** Answers a parked JoinGroup; false when the member had none. */
  completeJoin(member: ClassicGroupMember, response: JoinGroupResponse): boolean {
    const respond = member.awaitingJoin;
    if (!respond) return false;
    member.awaitingJoin = null;
    this.numAwaitingJoin--;
    respond(response);
    return true;
  }

  completeSync(member: ClassicGroupMember, response: SyncGroupResponse): boolean {
    const respond = member.awaitingSync;
    if (!respond) return false;
    member.awaitingSync = null;
    respond(response);
    return true;
  }

  /**
   * A static member rejoining without its member id takes over its old entry under a new id. The
   * old id's parked requests are answered FENCED_INSTANCE_ID: that is a duplicate instance.
   */
  replaceStaticMember(groupInstanceId: string, oldMemberId: string, newMemberId: string): ClassicGroupMember {
    const old = this.members.get(oldMemberId);
    if (!old) throw new Error(`cannot replace unknown member ${oldMemberId}`);
    this.completeJoin(old, joinError(oldMemberId, ErrorCode.FENCED_INSTANCE_ID));
    this.completeSync(old, syncError(ErrorCode.FENCED_INSTANCE_ID));
    this.members.delete(oldMemberId);
    const replacement = old.withMemberId(newMemberId);
    this.members.set(newMemberId, replacement);
    if (this.isLeader(oldMemberId)) this.leaderId = newMemberId;
    if (this.pendingSyncMembers.delete(oldMemberId)) this.pendingSyncMembers.add(newMemberId);
    this.staticMembers.set(groupInstanceId, newMemberId);
    return replacement;
  }

  addPendingMember(memberId: string): void {
    this.pendingJoinMembers.add(memberId);
  }

  isPendingMember(memberId: string): boolean {
    return this.pendingJoinMembers.has(memberId);
  }

  staticMemberId(groupInstanceId: string): string | undefined {
    return this.staticMembers.get(groupInstanceId);
  }

  /** UNKNOWN_MEMBER_ID / FENCED_INSTANCE_ID as Kafka's validateMember, or NONE. */
  validateMember(memberId: string, groupInstanceId: string | null): number {
    if (groupInstanceId !== null) {
      const existing = this.staticMembers.get(groupInstanceId);
      if (existing === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      if (existing !== memberId) return ErrorCode.FENCED_INSTANCE_ID;
    }
    return this.members.has(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
  }

  hasAllMembersJoined(): boolean {
    return this.members.size === this.numAwaitingJoin && this.pendingJoinMembers.size === 0;
  }

  get numAwaitingJoinResponse(): number {
    return this.numAwaitingJoin;
  }

  notYetRejoinedMembers(): ClassicGroupMember[] {
    return [...this.members.values()].filter((m) => !m.awaitingJoin);
  }

  /** The longest rebalance timeout of any member: how long a rebalance may wait for everyone. */
  rebalanceTimeoutMs(): number {
    let max = 0;
    for (const m of this.members.values()) max = Math.max(max, m.rebalanceTimeoutMs);
    return max;
  }

  /** When the leader did not rejoin, a member that did takes over. False when nobody rejoined. */
  maybeElectNewJoinedLeader(): boolean {
    if (this.leaderId === null) return false;
    if (this.members.get(this.leaderId)?.awaitingJoin) return true;
    const joined = [...this.members.values()].find((m) => m.awaitingJoin);
    if (!joined) return false;
    this.leaderId = joined.memberId;
    return true;
  }

  /** On an empty group any non-empty protocol set is fine; otherwise one protocol must suit everyone. */
  supportsProtocols(protocolType: string, protocolNames: readonly string[]): boolean {
    if (this.state === 'Empty') return protocolType !== '' && protocolNames.length > 0;
    return this.protocolType === protocolType
      && protocolNames.some((n) => (this.supportedProtocols.get(n) ?? 0) === this.members.size);
  }

  /** Each member votes for its most preferred protocol that all support; the most votes wins. */
  selectProtocol(): string {
    const candidates = new Set<string>();
    for (const [name, count] of this.supportedProtocols) if (count === this.members.size) candidates.add(name);
    const votes = new Map<string, number>();
    for (const m of this.members.values()) {
      const choice = m.vote(candidates);
      votes.set(choice, (votes.get(choice) ?? 0) + 1);
    }
    let best: string | null = null;
    for (const [name, count] of votes) if (best === null || count > votes.get(best)!) best = name;
    if (best === null) throw new Error(`cannot select a protocol for empty group ${this.groupId}`);
    return best;
  }

  initNextGeneration(nowMs: number): void {
    this.generationId++;
    if (this.members.size > 0) {
      this.protocolName = this.selectProtocol();
      this.transitionTo('CompletingRebalance', nowMs);
    } else {
      this.protocolName = null;
      this.transitionTo('Empty', nowMs);
    }
    this.subscribedTopics = this.computeSubscribedTopics();
    this.pendingSyncMembers.clear();
  }

  /** The member list a leader gets in its JoinGroup answer, with metadata for the chosen protocol. */
  joinResponseMembers(): JoinGroupResponseMember[] {
    return [...this.members.values()].map((m) => ({
      memberId: m.memberId, groupInstanceId: m.groupInstanceId, metadata: m.metadata(this.protocolName!),
    }));
  }

  usesConsumerProtocol(): boolean {
    return this.protocolType === CONSUMER_PROTOCOL_TYPE;
  }

  /** When unknown (no parseable subscriptions), a consumer group counts as subscribed to everything. */
  isSubscribedToTopic(topic: string): boolean {
    return this.subscribedTopics ? this.subscribedTopics.has(topic) : this.usesConsumerProtocol();
  }

  /**
   * The union of the members' subscriptions, read with consumer-protocol v0, which every later
   * version starts with; null for non-consumer groups and for metadata that does not parse.
   */
  computeSubscribedTopics(): Set<string> | null {
    if (!this.usesConsumerProtocol()) return null;
    if (this.members.size === 0) return new Set();
    if (this.protocolName === null) return null;
    const topics = new Set<string>();
    try {
      for (const m of this.members.values()) {
        const r = new Reader(m.metadata(this.protocolName));
        r.int16();
        for (const t of readConsumerProtocolSubscription(r, 0).topics) topics.add(t);
      }
    } catch {
      return null;
    }
    return topics;
  }

  private countProtocols(member: ClassicGroupMember, delta: number): void {
    for (const p of member.protocols) this.supportedProtocols.set(p.name, (this.supportedProtocols.get(p.name) ?? 0) + delta);
  }
}

export function syncError(errorCode: number): SyncGroupResponse {
  return { throttleTimeMs: 0, errorCode, protocolType: null, protocolName: null, assignment: EMPTY_BYTES };
}

/** A JoinGroup answer carrying only an error, as Kafka builds them. */
export function joinError(memberId: string, errorCode: number): JoinGroupResponse {
  return {
    throttleTimeMs: 0, errorCode, generationId: -1, protocolType: null, protocolName: null,
    leader: '', skipAssignment: false, memberId, members: [],
  };
}
