// The data plane's invariants, checked after every event of the simulation:
// - a record acknowledged with acks=all was, when the leader acknowledged it, in the logs of at
//   least min.insync.replicas live brokers at its offset;
// - every leader of a later leader epoch holds every acknowledged record at its offset, and a
//   leader never removes anything from its log while it leads (same broker life, same epoch);
// - no offset ever holds two different records below a leader's high watermark, nor in what
//   consumers read: committed data never changes, whoever serves it;
// - every member of a committed ISR (in its current life) holds every acknowledged record;
// - a consumer never finds the log ending below what it already read (committed data vanished).
import { decodeRecordBatches } from '../../../protocol/records/record-batch.js';
import type { PartitionLog } from '../../../storage/partition-log.js';
import type { MetadataImage } from '../../../src/metadata/image.js';
import type { SimBroker } from './broker.js';

export interface Ack {
  partition: number;
  offset: number;
  id: string;
  /** The leader epoch of the leader that acknowledged it. */
  epoch: number;
}

interface LeaderMirror {
  epoch: number;
  /** Record id by offset, as read from the leader's log. */
  ids: string[];
  parsedEnd: number;
  committedTo: number;
  highWatermark: number;
  ackIndex: number;
}

export class InvariantViolation extends Error {}

/** The records of `log` in [from, to), as (offset, id). */
export function readIds(log: PartitionLog, from: number, to: number): { offset: number; id: string }[] {
  const out: { offset: number; id: string }[] = [];
  let next = Math.max(from, log.logStartOffset);
  while (next < to) {
    // Reads stop before a batch that reaches past maxOffset: read to the end, keep what is below `to`.
    const read = log.read(next, 1 << 20, log.logEndOffset);
    if (read.errorCode !== 0 || read.records.length === 0) break;
    for (const batch of decodeRecordBatches(read.records)) {
      for (const r of batch.records) {
        if (r.offset >= next && r.offset < to) out.push({ offset: r.offset, id: r.value?.toString() ?? '' });
      }
      next = Math.max(next, batch.baseOffset + batch.lastOffsetDelta + 1);
    }
  }
  return out;
}

export class DataChecker {
  readonly acks: Ack[] = [];
  private readonly committed: Map<number, string>[];
  private readonly mirrors = new Map<string, LeaderMirror>();
  leaderAcks = 0;
  private isrCheckedAt = -1;
  /** What each broker held when its power was last cut: copies a leader may have counted. */
  private readonly copiesBeforeCut = new Map<number, Map<string, number>[]>();

  constructor(
    private readonly brokers: readonly SimBroker[],
    private readonly partitions: number,
    private readonly minInsyncReplicas: number,
  ) {
    this.committed = Array.from({ length: partitions }, () => new Map());
  }

  /** The first violation found; the simulation stops at it. */
  violation: InvariantViolation | undefined;

  private fail(text: string): never {
    const violation = new InvariantViolation(text);
    this.violation ??= violation;
    throw violation;
  }

  /** Runs a check from a promise callback, where a throw would only reject: the violation is
   * recorded and the simulation loop stops at it after the event. */
  safely(check: () => void): void {
    try {
      check();
    } catch (err) {
      this.violation ??= err instanceof InvariantViolation ? err : new InvariantViolation(String(err));
    }
  }

  /** Called before a broker's power is cut: a leader that counted this broker's copy of a record
   * (its fetch came before the cut) was right to, though the copy is lost now. A partition the
   * broker does not host at the cut (restarted, and not hosting it again yet) keeps the copies of
   * the cut before: its files were not touched since, and a leader may still count what that
   * incarnation fetched (seed 11001 with graceful stops: killed, restarted, killed again before
   * hosting the partition, and its earlier copy was forgotten). */
  rememberCopies(b: SimBroker): void {
    const before = this.copiesBeforeCut.get(b.id);
    const copies = Array.from({ length: this.partitions }, (_, p) => {
      const log = b.partition(p)?.log;
      if (log === undefined) return before?.[p] ?? new Map<string, number>();
      return new Map(readIds(log, log.logStartOffset, log.logEndOffset).map((r) => [r.id, r.offset]));
    });
    this.copiesBeforeCut.set(b.id, copies);
  }

  /** The leader is about to answer success for these records: count their copies, live or lost
   * to a power cut after the leader learnt of them. */
  atLeaderAck(leader: SimBroker, partition: number, baseOffset: number, ids: readonly string[]): void {
    this.leaderAcks++;
    for (const [i, id] of ids.entries()) {
      const offset = baseOffset + i;
      const holders = this.brokers.filter((b) => {
        const log = b.alive ? b.partition(partition)?.log : undefined;
        if (log !== undefined && readIds(log, offset, offset + 1)[0]?.id === id) return true;
        return this.copiesBeforeCut.get(b.id)?.[partition]?.get(id) === offset;
      });
      if (holders.length < this.minInsyncReplicas) {
        this.fail(`broker ${leader.id} acknowledged ${id} at p${partition}@${offset} (acks=all) while only brokers [${holders.map((b) => b.id).join(',')}] hold it, fewer than min.insync.replicas=${this.minInsyncReplicas}`);
      }
    }
  }

  /** A producer received success for these records. */
  acked(partition: number, baseOffset: number, ids: readonly string[], epoch: number): void {
    ids.forEach((id, i) => this.acks.push({ partition, offset: baseOffset + i, id, epoch }));
  }

  private commit(partition: number, offset: number, id: string | undefined, who: string): void {
    if (id === undefined) this.fail(`${who}: no record at p${partition}@${offset} below its high watermark`);
    const known = this.committed[partition]!.get(offset);
    if (known === undefined) this.committed[partition]!.set(offset, id);
    else if (known !== id) this.fail(`p${partition}@${offset} holds ${known} and ${id} (${who})`);
  }

  consumed(partition: number, offset: number, id: string, consumer: string): void {
    this.commit(partition, offset, id, consumer);
  }

  /** A leader told a consumer its log ends before `fetchOffset`, which the consumer had reached. */
  outOfRange(partition: number, fetchOffset: number, leaderId: number, epoch: number): void {
    this.fail(`consumer of p${partition} at offset ${fetchOffset} (all below read as committed): leader ${leaderId} at epoch ${epoch} answers OFFSET_OUT_OF_RANGE`);
  }

  /** After every event: every live leader's log against the acknowledged and committed records. */
  afterEvent(): void {
    for (const b of this.brokers) {
      if (!b.alive) continue;
      for (let p = 0; p < this.partitions; p++) {
        const part = b.partition(p);
        if (part?.isLeader) this.checkLeader(b, p, part.leaderEpoch, part.log);
      }
    }
  }

  private checkLeader(b: SimBroker, partition: number, epoch: number, log: PartitionLog): void {
    const key = `${b.id}/${b.incarnation}/${partition}/${epoch}`;
    let m = this.mirrors.get(key);
    if (!m) {
      m = { epoch, ids: [], parsedEnd: 0, committedTo: 0, highWatermark: 0, ackIndex: 0 };
      this.mirrors.set(key, m);
    }
    const who = `leader ${b.id} (epoch ${epoch}) of p${partition}`;
    const end = log.logEndOffset;
    if (end < m.parsedEnd) this.fail(`${who}: its log end went back from ${m.parsedEnd} to ${end} while it leads`);
    if (end > m.parsedEnd) {
      for (const r of readIds(log, m.parsedEnd, end)) m.ids[r.offset] = r.id;
      m.parsedEnd = end;
    }
    const hw = log.highWatermark;
    if (hw < m.highWatermark) this.fail(`${who}: high watermark went back from ${m.highWatermark} to ${hw}`);
    m.highWatermark = hw;
    for (; m.committedTo < hw; m.committedTo++) this.commit(partition, m.committedTo, m.ids[m.committedTo], who);
    for (; m.ackIndex < this.acks.length; m.ackIndex++) {
      const a = this.acks[m.ackIndex]!;
      if (a.partition !== partition || a.epoch >= epoch) continue;
      const found = m.ids[a.offset];
      if (found !== a.id) {
        this.fail(`${who}: acknowledged ${a.id} (p${partition}@${a.offset}, acked in epoch ${a.epoch}) is missing; the log has ${found ?? 'nothing'} there (end ${end})`);
      }
    }
  }

  /**
   * Whenever the controller's image changes: every member of a committed ISR that registered in its
   * current life (a restarted broker leaves the ISR when it registers again) holds every
   * acknowledged record, as the high watermark only passes what every ISR member fetched. A broker
   * re-admitted on what its previous life had fetched breaks this at once (KIP-903's concern).
   */
  checkIsrMembers(image: MetadataImage): void {
    if (image.offset === this.isrCheckedAt) return;
    this.isrCheckedAt = image.offset;
    for (const topic of image.topicsByName.values()) {
      for (const state of topic.partitions) {
        for (const id of state.isr) {
          const b = this.brokers.find((x) => x.id === id);
          const log = b?.alive && image.brokers.get(id)?.epoch === b.brokerEpoch ? b.partition(state.partitionId)?.log : undefined;
          if (!b || !log) continue;
          const held = new Map(readIds(log, log.logStartOffset, log.logEndOffset).map((r) => [r.offset, r.id]));
          for (const a of this.acks) {
            if (a.partition !== state.partitionId || held.get(a.offset) === a.id) continue;
            this.fail(`broker ${id} (broker epoch ${b.brokerEpoch}) is in the ISR [${state.isr.join(',')}] of p${a.partition} (partition epoch ${state.partitionEpoch}) but lacks acknowledged ${a.id} at offset ${a.offset} (its log ends at ${log.logEndOffset})`);
          }
        }
      }
    }
  }

  /** End of a run, everything healed: replicas equal their leader up to its high watermark. */
  finalCheck(): void {
    for (let p = 0; p < this.partitions; p++) {
      const leader = this.brokers.find((b) => b.alive && b.partition(p)?.isLeader);
      if (!leader) this.fail(`p${p} has no leader after healing`);
      const leaderLog = leader.partition(p)!.log;
      const hw = leaderLog.highWatermark;
      const expected = readIds(leaderLog, 0, hw);
      for (const a of this.acks) {
        if (a.partition === p && a.offset >= hw) this.fail(`acknowledged ${a.id} at p${p}@${a.offset} is above the final high watermark ${hw}`);
      }
      for (const b of this.brokers) {
        const log = b.partition(p)?.log;
        if (!log) this.fail(`broker ${b.id} hosts no p${p} after healing`);
        const got = readIds(log, 0, hw);
        const diff = expected.findIndex((r, i) => got[i]?.id !== r.id || got[i]?.offset !== r.offset);
        if (diff >= 0 || got.length !== expected.length) {
          this.fail(`broker ${b.id}'s p${p} differs from leader ${leader.id}'s below the high watermark ${hw} (first at index ${diff})`);
        }
      }
    }
  }
}
