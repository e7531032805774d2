// The invariants of the KRaft TLA+ specification (Vanlightly's raft-tlaplus, pull-raft/KRaft.tla),
// checked after every event of the driver simulation against the real driver's files:
// - no two nodes believe in different leaders for one epoch (the spec's NoTwoLeadersInSameEpoch,
//   taken for every node's belief, not just the leaders);
// - logs match pairwise up to the high watermark at all times: each node's log below its high
//   watermark holds the committed entries (the first node to commit an offset defines it), and no
//   node truncates below what was verified so (NoLogDivergence);
// - an acknowledged proposal is never lost: it is committed at its offset when acknowledged, every
//   later leader holds it (LeaderHasAllAckedValues) and every node applies it;
// - at most one vote per (node, epoch), across restarts, and a granted vote is durable in the
//   quorum-state file before the response leaves (persist before send);
// - epochs never go back, the durable one included; high watermarks never go back in a process.
import { committedBatches } from '../../../src/kraft/metadata-log.js';
import { QUORUM_STATE_FILE } from '../../../src/kraft/quorum-state-file.js';
import { InvariantViolation } from '../checker.js';
import { entryIdsOf, type DriverNode } from './driver-node.js';

/** The checker reads committed batches a chunk at a time into this buffer, as a node does. */
const readBuffer = Buffer.allocUnsafe(1024 * 1024);

export class DriverChecker {
  private readonly leaderByEpoch = new Map<number, number>();
  private readonly votes = new Map<string, number>();
  private readonly durableEpoch = new Map<number, number>();
  private readonly liveEpoch = new Map<number, number>();
  private readonly liveHw = new Map<number, number>();
  /** Offsets below which a node's current log was checked against `committed`. */
  private readonly verified = new Map<number, number>();
  private readonly leadersChecked = new Set<string>();
  private violationFound: string | undefined;
  /** Committed entry ids by offset, as first seen applied. */
  readonly committed: string[] = [];
  readonly acked = new Map<number, string>();

  constructor(private readonly nodes: readonly DriverNode[]) {}

  fail(message: string): void {
    this.violationFound ??= message;
  }

  onStart(node: DriverNode): void {
    this.liveEpoch.delete(node.id);
    this.liveHw.delete(node.id);
    this.verified.set(node.id, 0);
  }

  afterEvent(): void {
    for (const node of this.nodes) {
      this.checkDurableState(node);
      if (node.alive && node.started) this.checkLive(node);
    }
    if (this.violationFound !== undefined) throw new InvariantViolation(this.violationFound);
  }

  /** A node applied entries from `fromOffset` on: they must be the committed ones. */
  onApplied(node: DriverNode, fromOffset: number): void {
    for (let o = fromOffset; o < node.applied.length; o++) this.agree(o, node.applied[o]!, `node ${node.id} applied`);
  }

  onAck(nodeId: number, offset: number, id: string): void {
    if (this.committed[offset] !== id) this.fail(`node ${nodeId} acknowledged ${id} at ${offset}, committed there: ${this.committed[offset]}`);
    this.acked.set(offset, id);
  }

  onTruncate(node: DriverNode, offset: number): void {
    const verified = this.verified.get(node.id) ?? 0;
    if (offset < verified) this.fail(`node ${node.id} truncates its log to ${offset}, below its verified high watermark ${verified}`);
  }

  /** A granted (real) vote of `node` for `candidateId` in `epoch`, as its response leaves. */
  onVoteGranted(node: DriverNode, epoch: number, candidateId: number): void {
    this.noteVote(node.id, epoch, candidateId);
    const stored = this.durableState(node);
    const durable = stored !== undefined && (stored.leaderEpoch > epoch || (stored.leaderEpoch === epoch && stored.votedId === candidateId));
    if (!durable) this.fail(`node ${node.id} sent its vote for ${candidateId} in epoch ${epoch} before storing it (stored: ${JSON.stringify(stored)})`);
  }

  /** After recovery: every node applied every acknowledged entry, at its offset. */
  checkAllApplied(): void {
    for (const node of this.nodes) {
      for (const [offset, id] of this.acked) {
        if (node.applied[offset] !== id) this.fail(`node ${node.id} lost acknowledged ${id} at ${offset} (has ${node.applied[offset]})`);
      }
    }
    if (this.violationFound !== undefined) throw new InvariantViolation(this.violationFound);
  }

  private agree(offset: number, id: string, who: string): void {
    if (offset > this.committed.length) this.fail(`${who} offset ${offset} past the committed ${this.committed.length}`);
    else if (offset === this.committed.length) this.committed.push(id);
    else if (this.committed[offset] !== id) this.fail(`${who} ${id} at ${offset}, committed there: ${this.committed[offset]}`);
  }

  private noteVote(nodeId: number, epoch: number, candidateId: number): void {
    const key = `${nodeId}@${epoch}`;
    const earlier = this.votes.get(key);
    if (earlier !== undefined && earlier !== candidateId) this.fail(`node ${nodeId} voted for ${earlier} and ${candidateId} in epoch ${epoch}`);
    this.votes.set(key, candidateId);
  }

  private durableState(node: DriverNode): { leaderEpoch: number; leaderId: number; votedId: number } | undefined {
    // JSON.parse of a few dozen bytes per node and event: cheap next to the driver's own work.
    const bytes = node.disk.durableFile(`${node.metadataDir}/${QUORUM_STATE_FILE}`);
    return bytes === undefined ? undefined : JSON.parse(bytes.toString('utf8'));
  }

  /** The stored epoch never goes back; a stored vote (a grant, or a candidate's own) counts as cast. */
  private checkDurableState(node: DriverNode): void {
    const stored = this.durableState(node);
    const epoch = stored?.leaderEpoch ?? 0;
    if (epoch < (this.durableEpoch.get(node.id) ?? 0)) this.fail(`node ${node.id}: durable epoch went back to ${epoch}`);
    this.durableEpoch.set(node.id, epoch);
    if (stored !== undefined && stored.votedId >= 0) this.noteVote(node.id, epoch, stored.votedId);
    if (stored !== undefined && stored.leaderId >= 0) this.noteLeader(node.id, epoch, stored.leaderId, 'stored');
  }

  private noteLeader(nodeId: number, epoch: number, leaderId: number, how: string): void {
    const known = this.leaderByEpoch.get(epoch);
    if (known !== undefined && known !== leaderId) this.fail(`node ${nodeId} ${how} ${leaderId} as leader of epoch ${epoch}, another ${known}`);
    this.leaderByEpoch.set(epoch, leaderId);
  }

  private checkLive(node: DriverNode): void {
    const status = node.quorum!.status;
    if (status.epoch < (this.liveEpoch.get(node.id) ?? status.epoch)) this.fail(`node ${node.id}: epoch went back to ${status.epoch}`);
    if (status.epoch < (this.durableEpoch.get(node.id) ?? 0)) this.fail(`node ${node.id}: runs epoch ${status.epoch} below its stored one`);
    this.liveEpoch.set(node.id, status.epoch);
    if (status.leaderId >= 0) this.noteLeader(node.id, status.epoch, status.leaderId, 'believes');
    if (status.role === 'leader') this.checkLeaderCompleteness(node, status.epoch);
    const hw = node.log!.highWatermark;
    if (hw < (this.liveHw.get(node.id) ?? 0)) this.fail(`node ${node.id}: high watermark went back to ${hw}`);
    this.liveHw.set(node.id, hw);
    this.verifyLog(node, hw);
  }

  /** The node's log in [verified, hw) holds the committed entries. */
  private verifyLog(node: DriverNode, hw: number): void {
    const log = node.log!;
    const from = Math.max(this.verified.get(node.id) ?? 0, log.logStartOffset);
    if (from >= hw) return;
    let next = from;
    for (const batch of committedBatches(log, from, hw, readBuffer)) {
      entryIdsOf(batch).forEach((id, i) => {
        const offset = batch.baseOffset + i;
        if (offset < next || offset >= hw) return;
        if (offset !== next) this.fail(`node ${node.id}: offset ${next} missing from its log below ${hw}`);
        this.agree(offset, id, `node ${node.id} log holds`);
        next = offset + 1;
      });
    }
    if (next < hw) this.fail(`node ${node.id}: its log ends at ${next}, below its high watermark ${hw}`);
    this.verified.set(node.id, hw);
  }

  /** A leader holds every committed entry from its log start on. */
  private checkLeaderCompleteness(node: DriverNode, epoch: number): void {
    const key = `${node.id}@${epoch}`;
    if (this.leadersChecked.has(key)) return;
    this.leadersChecked.add(key);
    const log = node.log!;
    if (log.logEndOffset < this.committed.length) this.fail(`node ${node.id} leads epoch ${epoch} with log end ${log.logEndOffset}, ${this.committed.length} committed`);
    const from = Math.max(log.logStartOffset, this.verified.get(node.id) ?? 0);
    for (const batch of committedBatches(log, from, Math.min(this.committed.length, log.logEndOffset), readBuffer)) {
      entryIdsOf(batch).forEach((id, i) => {
        const offset = batch.baseOffset + i;
        if (offset >= from && offset < this.committed.length && this.committed[offset] !== id) {
          this.fail(`node ${node.id} leads epoch ${epoch} with ${id} at ${offset}, committed there: ${this.committed[offset]}`);
        }
      });
    }
  }
}
