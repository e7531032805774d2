// One member of a classic group: what it joined with, its assignment, and the JoinGroup/SyncGroup
// request it has parked while the group rebalances (as a response callback).
import type { JoinGroupResponse } from '../../protocol/generated/api/11-join-group.js';
import type { SyncGroupResponse } from '../../protocol/generated/api/14-sync-group.js';
import { EMPTY_BYTES } from '../../protocol/primitives/codec-helpers.js';

export interface MemberProtocol {
  name: string;
  metadata: Buffer;
}

export type JoinResponder = (response: JoinGroupResponse) => void;
export type SyncResponder = (response: SyncGroupResponse) => void;

export interface MemberInit {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  protocolType: string;
  protocols: MemberProtocol[];
  assignment?: Buffer;
}

export class ClassicGroupMember {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  readonly protocolType: string;
  rebalanceTimeoutMs: number;
  sessionTimeoutMs: number;
  /** In the member's order of preference. */
  protocols: MemberProtocol[];
  assignment: Buffer;
  awaitingJoin: JoinResponder | null = null;
  awaitingSync: SyncResponder | null = null;
  /**
   * Joined during the current rebalance and has not had a JoinGroup answer yet. Such a member has
   * no member id to heartbeat with, so its deadline is the new-member join timeout instead.
   */
  isNew = false;

  constructor(init: MemberInit) {
    this.memberId = init.memberId;
    this.groupInstanceId = init.groupInstanceId;
    this.clientId = init.clientId;
    this.clientHost = init.clientHost;
    this.protocolType = init.protocolType;
    this.rebalanceTimeoutMs = init.rebalanceTimeoutMs;
    this.sessionTimeoutMs = init.sessionTimeoutMs;
    this.protocols = init.protocols;
    this.assignment = init.assignment ?? EMPTY_BYTES;
  }

  /** A copy under another member id: how a static member that rejoins keeps its place. */
  withMemberId(memberId: string): ClassicGroupMember {
    return new ClassicGroupMember({ ...this, memberId });
  }

  /**
   * A member parked in JoinGroup or SyncGroup is waiting on the coordinator, not failing to
   * heartbeat; only a new member can expire while parked.
   */
  hasSatisfiedHeartbeat(): boolean {
    return !this.isNew && (this.awaitingJoin !== null || this.awaitingSync !== null);
  }

  metadata(protocolName: string): Buffer {
    const p = this.protocols.find((x) => x.name === protocolName);
    if (!p) throw new Error(`member ${this.memberId} does not support protocol ${protocolName}`);
    return p.metadata;
  }

  /** Same protocols, same order, same metadata bytes. */
  matches(protocols: readonly MemberProtocol[]): boolean {
    return protocols.length === this.protocols.length
      && protocols.every((p, i) => p.name === this.protocols[i]!.name && p.metadata.equals(this.protocols[i]!.metadata));
  }

  /** The member's most preferred protocol among the candidates. */
  vote(candidates: ReadonlySet<string>): string {
    const p = this.protocols.find((x) => candidates.has(x.name));
    if (!p) throw new Error(`member ${this.memberId} supports none of the candidate protocols`);
    return p.name;
  }
}
