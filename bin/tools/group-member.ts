// A classic consumer-group member for `kraftling console-consumer --group`, as Kafka's console
// consumer is one: JoinGroup with the "range" consumer protocol, the leader assigning partitions as
// Kafka's RangeAssignor does, SyncGroup, heartbeats, commits inside the generation, LeaveGroup on
// exit. Two console consumers of one group split the partitions between them.
import { HeartbeatApi } from '../../protocol/generated/api/12-heartbeat.js';
import { JoinGroupApi, type JoinGroupResponseMember } from '../../protocol/generated/api/11-join-group.js';
import { LeaveGroupApi } from '../../protocol/generated/api/13-leave-group.js';
import { SyncGroupApi } from '../../protocol/generated/api/14-sync-group.js';
import { readConsumerProtocolAssignment, writeConsumerProtocolAssignment } from '../../protocol/generated/data/consumer-protocol-assignment.js';
import { readConsumerProtocolSubscription, writeConsumerProtocolSubscription } from '../../protocol/generated/data/consumer-protocol-subscription.js';
import { ErrorCode } from '../../protocol/errors.js';
import { Reader } from '../../protocol/primitives/reader.js';
import { Writer } from '../../protocol/primitives/writer.js';
import { KafkaError, type Address, type KafkaClient } from './kafka-client.js';
import { coordinator } from './group-offsets.js';

/** Kafka's consumer defaults (session.timeout.ms 45 s, heartbeat.interval.ms 3 s, max.poll 5 min). */
const SESSION_TIMEOUT_MS = 45_000;
const REBALANCE_TIMEOUT_MS = 300_000;
export const HEARTBEAT_INTERVAL_MS = 3_000;
/** Errors that mean: join again (the group moved on, or this member is no longer known). */
const REJOIN = new Set<number>([ErrorCode.REBALANCE_IN_PROGRESS, ErrorCode.ILLEGAL_GENERATION, ErrorCode.UNKNOWN_MEMBER_ID]);
const FIND_AGAIN = new Set<number>([ErrorCode.NOT_COORDINATOR, ErrorCode.COORDINATOR_NOT_AVAILABLE, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS]);

function encode<T>(write: (w: Writer, v: T, version: number) => void, v: T): Buffer {
  const w = new Writer(64);
  w.int16(0);
  write(w, v, 0);
  return w.toBuffer();
}

function decode<T>(read: (r: Reader, version: number) => T, b: Buffer): T {
  const r = new Reader(b);
  return read(r, Math.min(r.int16(), 0));
}

/** Kafka's RangeAssignor for one topic: members in id order, each a contiguous run of partitions. */
export function rangeAssign(memberIds: string[], partitions: number[]): Map<string, number[]> {
  const members = [...memberIds].sort();
  const sorted = [...partitions].sort((a, b) => a - b);
  const out = new Map(members.map((m) => [m, [] as number[]]));
  const per = Math.floor(sorted.length / members.length);
  const extra = sorted.length % members.length;
  let at = 0;
  members.forEach((m, i) => {
    const n = per + (i < extra ? 1 : 0);
    out.set(m, sorted.slice(at, at + n));
    at += n;
  });
  return out;
}

export class GroupMember {
  memberId = '';
  generation = -1;
  private at: Address | undefined;

  constructor(private readonly client: KafkaClient, readonly group: string, private readonly topic: string) {}

  private async coordinatorAddress(): Promise<Address> {
    this.at ??= await coordinator(this.client, this.group);
    return this.at;
  }

  /** Joins (again) and returns this member's partitions of the topic. */
  async join(): Promise<number[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        const assigned = await this.joinOnce();
        if (assigned !== undefined) return assigned;
      } catch (err) {
        if (err instanceof KafkaError && !FIND_AGAIN.has(err.errorCode)) throw err;
        if (attempt > 100) throw err;
        this.at = undefined;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  private async joinOnce(): Promise<number[] | undefined> {
    const at = await this.coordinatorAddress();
    const metadata = encode(writeConsumerProtocolSubscription, { topics: [this.topic], userData: null, ownedPartitions: [], generationId: -1, rackId: null });
    const { res } = await this.client.request(JoinGroupApi, {
      groupId: this.group, sessionTimeoutMs: SESSION_TIMEOUT_MS, rebalanceTimeoutMs: REBALANCE_TIMEOUT_MS, memberId: this.memberId,
      groupInstanceId: null, protocolType: 'consumer', protocols: [{ name: 'range', metadata }], reason: null,
    }, at, 7);
    if (res.errorCode === ErrorCode.MEMBER_ID_REQUIRED) {
      this.memberId = res.memberId;
      return undefined;
    }
    if (res.errorCode === ErrorCode.UNKNOWN_MEMBER_ID) this.memberId = '';
    if (REJOIN.has(res.errorCode)) return undefined;
    if (res.errorCode !== 0) throw new KafkaError(res.errorCode, `joining group ${this.group}`);
    this.memberId = res.memberId;
    this.generation = res.generationId;
    const assignments = res.leader === res.memberId ? await this.assign(res.members) : [];
    const sync = await this.client.request(SyncGroupApi, {
      groupId: this.group, generationId: this.generation, memberId: this.memberId, groupInstanceId: null,
      protocolType: 'consumer', protocolName: 'range', assignments,
    }, at, 5);
    if (REJOIN.has(sync.res.errorCode)) return undefined;
    if (sync.res.errorCode !== 0) throw new KafkaError(sync.res.errorCode, `syncing group ${this.group}`);
    if (sync.res.assignment.length === 0) return [];
    const mine = decode(readConsumerProtocolAssignment, sync.res.assignment);
    return mine.assignedPartitions.filter((t) => t.topic === this.topic).flatMap((t) => t.partitions);
  }

  /** The leader's part: every member's subscription to the partitions of the topics they name. */
  private async assign(members: JoinGroupResponseMember[]): Promise<{ memberId: string; assignment: Buffer }[]> {
    const byTopic = new Map<string, string[]>();
    for (const m of members) {
      for (const t of decode(readConsumerProtocolSubscription, m.metadata).topics) byTopic.set(t, [...(byTopic.get(t) ?? []), m.memberId]);
    }
    const owned = new Map(members.map((m) => [m.memberId, [] as { topic: string; partitions: number[] }[]]));
    for (const [topic, subscribers] of byTopic) {
      const partitions = (await this.client.partitions(topic)).map((p) => p.partition);
      for (const [member, ps] of rangeAssign(subscribers, partitions)) if (ps.length > 0) owned.get(member)!.push({ topic, partitions: ps });
    }
    return [...owned].map(([memberId, assignedPartitions]) => ({
      memberId, assignment: encode(writeConsumerProtocolAssignment, { assignedPartitions, userData: null }),
    }));
  }

  /** One heartbeat: true while the generation stands, false when the member must join again. */
  async heartbeat(): Promise<boolean> {
    try {
      const { res } = await this.client.request(HeartbeatApi, { groupId: this.group, generationId: this.generation, memberId: this.memberId, groupInstanceId: null }, await this.coordinatorAddress(), 4);
      if (res.errorCode === 0) return true;
      if (res.errorCode === ErrorCode.UNKNOWN_MEMBER_ID) this.memberId = '';
      if (FIND_AGAIN.has(res.errorCode)) this.at = undefined;
      return false;
    } catch {
      // The coordinator's node is gone: find the new one, and join there.
      this.at = undefined;
      return false;
    }
  }

  async leave(): Promise<void> {
    if (this.memberId === '' || this.at === undefined) return;
    await this.client.request(LeaveGroupApi, { groupId: this.group, memberId: '', members: [{ memberId: this.memberId, groupInstanceId: null, reason: 'console consumer exits' }] }, this.at, 5).catch(() => undefined);
  }
}
