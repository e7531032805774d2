// Hosted partitions by topic name, then partition id. Two levels rather than one map keyed by a
// joined string: a lookup builds and hashes no new string (the partitions of one topic in a
// request share its name's string, whose hash V8 keeps). A follower's fetch in a fetch session
// looks up every partition of the session on each long poll, busy or idle.

interface TopicEntry<P> {
  byId: (P | undefined)[];
  count: number;
}

export class PartitionTable<P> {
  private readonly topics = new Map<string, TopicEntry<P>>();
  private total = 0;

  get size(): number {
    return this.total;
  }

  get(topic: string, partition: number): P | undefined {
    return this.topics.get(topic)?.byId[partition];
  }

  has(topic: string, partition: number): boolean {
    return this.get(topic, partition) !== undefined;
  }

  set(topic: string, partition: number, value: P): void {
    let entry = this.topics.get(topic);
    if (entry === undefined) {
      entry = { byId: [], count: 0 };
      this.topics.set(topic, entry);
    }
    if (entry.byId[partition] === undefined) {
      entry.count++;
      this.total++;
    }
    entry.byId[partition] = value;
  }

  delete(topic: string, partition: number): boolean {
    const entry = this.topics.get(topic);
    if (entry?.byId[partition] === undefined) return false;
    entry.byId[partition] = undefined;
    this.total--;
    // A topic with nothing left goes, so that topics created and deleted leave nothing behind.
    if (--entry.count === 0) this.topics.delete(topic);
    return true;
  }

  /** Topic by topic, each in partition order; a partition set or deleted meanwhile may or may not be seen. */
  *values(): IterableIterator<P> {
    for (const entry of this.topics.values()) {
      for (const value of entry.byId) if (value !== undefined) yield value;
    }
  }
}
