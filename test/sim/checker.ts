// Safety invariants, checked after every simulation event (and at each completed Ready):
// - at most one leader per epoch;
// - epochs never go back: a node's while it runs, and the durable quorum-state's ever;
// - a node's high watermark never goes back while it runs, and when it rises the new records are
//   the committed ones (the first node to commit an offset defines it) and a majority of voters
//   holds them durably;
// - committed records are never lost (a majority of voters keeps them durably) or changed, and no
//   node truncates or replaces what it reported as committed;
// - a new leader holds every record committed in earlier epochs (leader completeness);
// - a granted vote leaves only after the vote is durable.
import { equalWeights, isMajority } from '../../src/raft/quorum-math.js';
import type { OutboundMessage } from '../../src/raft/messages.js';
import type { Ready } from '../../src/raft/raft-node.js';
import { entryAt, idsOfSnapshot } from './entries.js';
import type { SimNode } from './sim-node.js';

export class InvariantViolation extends Error {
  override readonly name = 'InvariantViolation';
}

function violation(message: string): never {
  throw new InvariantViolation(message);
}

export class Checker {
  private readonly leaderByEpoch = new Map<number, number>();
  private readonly liveEpoch = new Map<number, number>();
  private readonly durableEpoch = new Map<number, number>();
  /** High watermark each running node last reported; -1 until its first report. */
  private readonly reportedHw = new Map<number, number>();
  /** The committed records by offset, as first reported. */
  readonly committed: string[] = [];
  /** For each committed offset, an epoch no older than the leader's that committed it. */
  private readonly commitEpochs: number[] = [];
  committedDataCount = 0;

  constructor(
    private readonly nodes: readonly SimNode[],
    private readonly voterIds: readonly number[],
  ) {}

  reportedHighWatermark(nodeId: number): number {
    return this.reportedHw.get(nodeId) ?? -1;
  }

  onStart(node: SimNode): void {
    this.liveEpoch.set(node.id, node.status.epoch);
    this.reportedHw.set(node.id, -1);
  }

  afterEvent(): void {
    for (const node of this.nodes) {
      const durable = node.disk.durable.quorumState?.leaderEpoch ?? 0;
      if (durable < (this.durableEpoch.get(node.id) ?? 0)) violation(`node ${node.id}: durable epoch went back to ${durable}`);
      this.durableEpoch.set(node.id, durable);
      if (!node.alive) continue;
      const status = node.status;
      if (status.epoch < (this.liveEpoch.get(node.id) ?? 0)) violation(`node ${node.id}: epoch went back to ${status.epoch}`);
      this.liveEpoch.set(node.id, status.epoch);
      if (status.role === 'leader') this.noteLeader(node.id, status.epoch);
    }
    this.checkCommittedKept();
  }

  onReadyDone(node: SimNode, ready: Ready): void {
    const reported = this.reportedHw.get(node.id) ?? -1;
    if (ready.truncateToOffset !== undefined && ready.truncateToOffset < reported) {
      violation(`node ${node.id}: truncated to ${ready.truncateToOffset} below its high watermark ${reported}`);
    }
    if (ready.installSnapshot !== undefined) this.checkSnapshot(node, ready.installSnapshot.endOffset);
    if (ready.highWatermark !== undefined) this.onHighWatermark(node, Math.max(reported, 0), ready.highWatermark);
    if (ready.role?.role === 'leader') this.checkLeaderCompleteness(node, ready.role.epoch);
  }

  private noteLeader(nodeId: number, epoch: number): void {
    const known = this.leaderByEpoch.get(epoch);
    if (known !== undefined && known !== nodeId) violation(`leaders ${known} and ${nodeId} in epoch ${epoch}`);
    this.leaderByEpoch.set(epoch, nodeId);
  }

  private onHighWatermark(node: SimNode, from: number, to: number): void {
    if (to < from) violation(`node ${node.id}: high watermark went back from ${from} to ${to}`);
    this.reportedHw.set(node.id, to);
    for (let o = Math.min(from, this.committed.length); o < to; o++) {
      const id = entryAt(node.disk.log, node.disk.snapshots, o);
      if (id === undefined) violation(`node ${node.id}: offset ${o} below its high watermark ${to} is missing`);
      if (o < this.committed.length) {
        if (this.committed[o] !== id) violation(`node ${node.id}: committed offset ${o} is ${id}, was ${this.committed[o]}`);
      } else {
        this.committed.push(id);
        this.commitEpochs.push(node.status.epoch);
        if (!id.endsWith('/ctl')) this.committedDataCount++;
      }
    }
    if (to > 0) this.checkMajorityHolds(to - 1, `node ${node.id} committed ${to}`);
  }

  /** Raft's leader completeness: a leader of epoch E holds everything committed before E. */
  private checkLeaderCompleteness(node: SimNode, epoch: number): void {
    let o = this.committed.length - 1;
    while (o >= 0 && this.commitEpochs[o]! >= epoch) o--;
    if (o < 0) return;
    const id = entryAt(node.disk.log, node.disk.snapshots, o);
    if (id !== this.committed[o]) violation(`node ${node.id} leads epoch ${epoch} without committed offset ${o} (${this.committed[o]}, has ${id})`);
  }

  private checkMajorityHolds(offset: number, what: string): void {
    const holders = new Set<number>();
    for (const node of this.nodes) {
      if (!this.voterIds.includes(node.id)) continue;
      const durable = node.disk.durable;
      if (entryAt(durable.log, durable.snapshots, offset) === this.committed[offset]) holders.add(node.id);
    }
    if (!isMajority(equalWeights(this.voterIds), holders)) violation(`${what}: offset ${offset} durable on voters ${[...holders]} only`);
  }

  private checkCommittedKept(): void {
    if (this.committed.length > 0) this.checkMajorityHolds(this.committed.length - 1, 'committed records');
  }

  private checkSnapshot(node: SimNode, endOffset: number): void {
    const latest = node.disk.snapshots.latestSnapshotId();
    if (latest?.endOffset !== endOffset) violation(`node ${node.id}: installed snapshot ${endOffset} is not its latest`);
    const ids = idsOfSnapshot(node.disk.snapshots.snapshotBytes(latest)!);
    if (ids.length !== endOffset) violation(`node ${node.id}: snapshot ${endOffset} holds ${ids.length} records`);
    for (let o = 0; o < Math.min(endOffset, this.committed.length); o++) {
      if (ids[o] !== this.committed[o]) violation(`node ${node.id}: snapshot offset ${o} is ${ids[o]}, committed ${this.committed[o]}`);
    }
  }

  /** Persist-before-send: a granted vote is in the synced quorum-state (or a newer epoch is). */
  onVoteGranted(node: SimNode, response: OutboundMessage, candidateId: number): void {
    if (response.kind !== 'response' || response.apiKey !== 52) return;
    const epoch = response.body.topics[0]!.partitions[0]!.leaderEpoch;
    const stored = node.disk.durable.quorumState;
    const durable = stored !== undefined && (stored.leaderEpoch > epoch || (stored.leaderEpoch === epoch && stored.votedId === candidateId));
    if (!durable) violation(`node ${node.id}: vote for ${candidateId} in epoch ${epoch} sent before it was stored`);
  }
}
