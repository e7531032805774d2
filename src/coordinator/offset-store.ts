// Committed offsets of one shard, by group, topic and partition. It holds only what the log holds:
// entries change when an offset record is replayed at load or reported written, never before, so a
// failed append leaves nothing behind. Commits still in flight are counted to answer
// require_stable fetches with UNSTABLE_OFFSET_COMMIT and to keep expiry away from them.
import type { OffsetCommitValue } from '../../protocol/generated/data/offset-commit-value.js';

export interface CommittedOffset {
  offset: number;
  /** -1 when the client did not say. */
  leaderEpoch: number;
  metadata: string;
  commitTimestampMs: number;
  /** Only commits of OffsetCommit v2-v4 with an explicit retention carry one. */
  expireTimestampMs: number | null;
}

type TopicOffsets = Map<number, CommittedOffset>;

export class OffsetStore {
  private readonly byGroup = new Map<string, Map<string, TopicOffsets>>();
  private readonly pending = new Map<string, number>();
  private readonly pendingByGroup = new Map<string, number>();

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.byGroup.get(groupId)?.get(topic)?.get(partition);
  }

  /** The group's offsets by topic; empty when it has none. */
  groupOffsets(groupId: string): ReadonlyMap<string, ReadonlyMap<number, CommittedOffset>> {
    return this.byGroup.get(groupId) ?? EMPTY;
  }

  put(groupId: string, topic: string, partition: number, offset: CommittedOffset): void {
    let topics = this.byGroup.get(groupId);
    if (!topics) this.byGroup.set(groupId, (topics = new Map()));
    let partitions = topics.get(topic);
    if (!partitions) topics.set(topic, (partitions = new Map()));
    partitions.set(partition, offset);
  }

  remove(groupId: string, topic: string, partition: number): void {
    const topics = this.byGroup.get(groupId);
    const partitions = topics?.get(topic);
    if (!topics || !partitions) return;
    partitions.delete(partition);
    if (partitions.size === 0) topics.delete(topic);
    if (topics.size === 0) this.byGroup.delete(groupId);
  }

  removeGroup(groupId: string): void {
    this.byGroup.delete(groupId);
  }

  beginCommit(groupId: string, topic: string, partition: number): void {
    bump(this.pending, pendingKey(groupId, topic, partition), 1);
    bump(this.pendingByGroup, groupId, 1);
  }

  endCommit(groupId: string, topic: string, partition: number): void {
    bump(this.pending, pendingKey(groupId, topic, partition), -1);
    bump(this.pendingByGroup, groupId, -1);
  }

  hasPendingCommit(groupId: string, topic: string, partition: number): boolean {
    return this.pending.has(pendingKey(groupId, topic, partition));
  }

  hasPendingCommits(groupId: string): boolean {
    return this.pendingByGroup.has(groupId);
  }
}

const EMPTY: ReadonlyMap<string, TopicOffsets> = new Map();

function pendingKey(groupId: string, topic: string, partition: number): string {
  return `${groupId}\u0000${topic}\u0000${partition}`;
}

function bump(counts: Map<string, number>, key: string, delta: number): void {
  const n = (counts.get(key) ?? 0) + delta;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}

export function fromRecordValue(v: OffsetCommitValue): CommittedOffset {
  return {
    offset: v.offset,
    leaderEpoch: v.leaderEpoch,
    metadata: v.metadata,
    commitTimestampMs: v.commitTimestamp,
    expireTimestampMs: v.expireTimestamp >= 0 ? v.expireTimestamp : null,
  };
}

export function toRecordValue(o: CommittedOffset): OffsetCommitValue {
  return {
    offset: o.offset,
    leaderEpoch: o.leaderEpoch,
    metadata: o.metadata,
    commitTimestamp: o.commitTimestampMs,
    expireTimestamp: o.expireTimestampMs ?? -1,
  };
}
