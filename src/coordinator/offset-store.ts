// Committed offsets of one shard, by group, topic and partition. It holds only what the log holds:
// entries change when an offset record is replayed at load or reported written, never before, so a
// failed append leaves nothing behind. Commits still in flight are counted to answer
// require_stable fetches with UNSTABLE_OFFSET_COMMIT and to keep expiry away from them; so are the
// offsets of open transactions (TxnOffsetCommit), kept per producer id until the transaction's
// marker reaches the partition: a commit marker makes them committed offsets, an abort drops them.
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
  private readonly txnOffsets = new Map<number, Map<string, PendingTxnOffset>>();

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

  /** A TxnOffsetCommit of an open transaction is written: pending until its marker. */
  putTxnOffset(producerId: number, groupId: string, topic: string, partition: number, offset: CommittedOffset): void {
    let offsets = this.txnOffsets.get(producerId);
    if (!offsets) this.txnOffsets.set(producerId, (offsets = new Map()));
    const key = pendingKey(groupId, topic, partition);
    if (!offsets.has(key)) this.beginCommit(groupId, topic, partition);
    offsets.set(key, { groupId, topic, partition, offset });
  }

  /** The producer's transaction ended: its offsets become committed (commit) or vanish (abort). */
  completeTxn(producerId: number, committed: boolean): void {
    const offsets = this.txnOffsets.get(producerId);
    if (!offsets) return;
    this.txnOffsets.delete(producerId);
    for (const o of offsets.values()) {
      this.endCommit(o.groupId, o.topic, o.partition);
      if (committed) this.put(o.groupId, o.topic, o.partition, o.offset);
    }
  }

  /** Groups with offsets of an open transaction (they exist through them, as in Kafka). */
  txnGroups(): Set<string> {
    const groups = new Set<string>();
    for (const offsets of this.txnOffsets.values()) for (const o of offsets.values()) groups.add(o.groupId);
    return groups;
  }

  hasPendingCommit(groupId: string, topic: string, partition: number): boolean {
    return this.pending.has(pendingKey(groupId, topic, partition));
  }

  hasPendingCommits(groupId: string): boolean {
    return this.pendingByGroup.has(groupId);
  }
}

interface PendingTxnOffset {
  groupId: string;
  topic: string;
  partition: number;
  offset: CommittedOffset;
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
