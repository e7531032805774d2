// The partition logs a clean shutdown left that are not opened yet, by topic, then partition.
// A start with 100,000 partitions fills this from two checkpoints and a directory listing, and
// looks each partition up again as the metadata image assigns it. Kept in one Map by directory
// name, that was most of the log directory's opening (about 300 ms of it): a name string built
// and hashed per partition and per lookup, in a Map whose table, regrown up to 100,000 entries,
// was copied into fresh memory each time. By topic, a lookup hashes a topic name the checkpoint
// parser already made (once per topic, not per partition) and indexes an array.

/** A partition directory a clean shutdown left, not opened yet, with its checkpointed offsets. */
export interface UnopenedLog {
  topic: string;
  partition: number;
  recoveryPoint: number | undefined;
  logStartOffset: number | undefined;
  /** Its directory was listed (opening drops checkpointed partitions whose directory is gone). */
  listed: boolean;
}

interface TopicLogs {
  /** By partition id; sparse where this directory has no log of a partition. */
  readonly logs: (UnopenedLog | undefined)[];
  count: number;
}

export class UnopenedLogs {
  private readonly byTopic = new Map<string, TopicLogs>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(topic: string, partition: number): UnopenedLog | undefined {
    return this.byTopic.get(topic)?.logs[partition];
  }

  /** Adds `log`, or replaces the entry of its partition; true when it replaced one. */
  set(log: UnopenedLog): boolean {
    let topic = this.byTopic.get(log.topic);
    if (topic === undefined) {
      topic = { logs: [], count: 0 };
      this.byTopic.set(log.topic, topic);
    }
    const replaced = topic.logs[log.partition] !== undefined;
    topic.logs[log.partition] = log;
    if (!replaced) {
      topic.count++;
      this.count++;
    }
    return replaced;
  }

  delete(topic: string, partition: number): boolean {
    const logs = this.byTopic.get(topic);
    if (logs === undefined || logs.logs[partition] === undefined) return false;
    logs.logs[partition] = undefined;
    this.count--;
    if (--logs.count === 0) this.byTopic.delete(topic);
    return true;
  }

  /** Visits every entry: topics in the order first set, partitions in ascending order. `visit`
   * may delete the entry it is given. (A callback, not a generator: iterating 100,000 entries
   * through a generator took 40 ms of a restart.) */
  forEach(visit: (log: UnopenedLog) => void): void {
    for (const { logs, count } of this.byTopic.values()) {
      if (logs.length <= 2 * count + 16) {
        for (let partition = 0; partition < logs.length; partition++) {
          const log = logs[partition];
          if (log !== undefined) visit(log);
        }
        continue;
      }
      // Sparse (a checkpoint line or directory can name partition 2147483647): only the indexes
      // set, which for-in gives in ascending order, rather than every index below the length.
      for (const index in logs) {
        const log = logs[index as unknown as number];
        if (log !== undefined) visit(log);
      }
    }
  }
}
