// Committed offsets of one shard, by group, topic and partition. It holds only what the log holds:
// entries change when an offset record is replayed at load or reported written, never before, so a
// failed append leaves nothing behind. Commits still in flight are counted to answer
// require_stable fetches with UNSTABLE_OFFSET_COMMIT and to keep expiry away from them; so are the
// offsets of open transactions (TxnOffsetCommit), kept per producer id until the transaction's
// marker reaches the partition: a commit marker makes them committed offsets, an abort drops them.
// As in Kafka's OffsetMetadataManager, the offset whose record came later in the log wins: a
// transactional offset committed by its marker replaces the committed one only if its record
// follows that one's (a regular commit written while the transaction was open stays). Records are
// applied in log order, at load and as their writes complete, so a counter of applied records
// orders them as their log offsets would.
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
  /** Offset records applied so far, committed or pending: each one's place in the log. */
  private applied = 0;
  /** Where the committed offset of a key with pending transactional offsets was applied; only
   * kept while a transaction holds an offset of the key, the one time the order is needed. */
  private readonly committedAt = new Map<string, number>();

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.byGroup.get(groupId)?.get(topic)?.get(partition);
  }

  /** The group's offsets by topic; empty when it has none. */
  groupOffsets(groupId: string): ReadonlyMap<string, ReadonlyMap<number, CommittedOffset>> {
    return this.byGroup.get(groupId) ?? EMPTY;
  }

  /** An offset record (not a transaction's) is applied: the key's committed offset. */
  put(groupId: string, topic: string, partition: number, offset: CommittedOffset): void {
    const at = ++this.applied;
    if (this.txnOffsets.size > 0) {
      const key = pendingKey(groupId, topic, partition);
      if (this.inOpenTxn(key)) this.committedAt.set(key, at);
    }
    this.set(groupId, topic, partition, offset);
  }

  private set(groupId: string, topic: string, partition: number, offset: CommittedOffset): void {
    let topics = this.byGroup.get(groupId);
    if (!topics) this.byGroup.set(groupId, (topics = new Map()));
    let partitions = topics.get(topic);
    if (!partitions) topics.set(topic, (partitions = new Map()));
    partitions.set(partition, offset);
  }

  /** A tombstone is applied: the committed offset goes, and so do open transactions' offsets of
   * the key (Kafka drops them too, so a commit marker cannot bring a deleted offset back). */
  remove(groupId: string, topic: string, partition: number): void {
    ++this.applied;
    if (this.txnOffsets.size > 0) {
      const key = pendingKey(groupId, topic, partition);
      for (const offsets of this.txnOffsets.values()) {
        if (offsets.delete(key)) this.endCommit(groupId, topic, partition);
      }
      this.committedAt.delete(key);
    }
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
    offsets.set(key, { groupId, topic, partition, offset, appliedAt: ++this.applied });
  }

  /** The producer's transaction ended: its offsets become committed (commit) or vanish (abort). */
  completeTxn(producerId: number, committed: boolean): void {
    const offsets = this.txnOffsets.get(producerId);
    if (!offsets) return;
    this.txnOffsets.delete(producerId);
    for (const [key, o] of offsets) {
      this.endCommit(o.groupId, o.topic, o.partition);
      if (committed && o.appliedAt > (this.committedAt.get(key) ?? 0)) {
        this.set(o.groupId, o.topic, o.partition, o.offset);
        this.committedAt.set(key, o.appliedAt);
      }
      if (!this.inOpenTxn(key)) this.committedAt.delete(key);
    }
  }

  private inOpenTxn(key: string): boolean {
    for (const offsets of this.txnOffsets.values()) if (offsets.has(key)) return true;
    return false;
  }

  /** Groups with offsets of an open transaction (they exist through them, as in Kafka). */
  txnGroups(): Set<string> {
    const groups = new Set<string>();
    for (const offsets of this.txnOffsets.values()) for (const o of offsets.values()) groups.add(o.groupId);
    return groups;
  }

  /** An open transaction holds an offset of the partition for the group. */
  hasTxnOffset(groupId: string, topic: string, partition: number): boolean {
    return this.txnOffsets.size > 0 && this.inOpenTxn(pendingKey(groupId, topic, partition));
  }

  /** Every partition the group has an offset of, committed or in an open transaction: what
   * deleting the group writes tombstones for (Kafka's deleteAllOffsets). */
  offsetKeys(groupId: string): [topic: string, partition: number][] {
    const keys: [string, number][] = [];
    for (const [topic, partitions] of this.groupOffsets(groupId)) for (const partition of partitions.keys()) keys.push([topic, partition]);
    const seen = new Set<string>();
    for (const offsets of this.txnOffsets.values()) {
      for (const [key, o] of offsets) {
        if (o.groupId !== groupId || seen.has(key) || this.get(groupId, o.topic, o.partition)) continue;
        seen.add(key);
        keys.push([o.topic, o.partition]);
      }
    }
    return keys;
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
  /** Its place in the log among the shard's offset records (see OffsetStore.applied). */
  appliedAt: number;
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
