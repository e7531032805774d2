// Recovering a quorum that lost its majority for good (kraftling's own; Kafka has no such command):
// an operator runs `kraftling metadata-quorum force-voters` on each surviving voter while it is
// stopped. That raises the node's quorum-state epoch by FORCED_EPOCH_JUMP and names the surviving
// voters. At start the node takes those voters as the set in force (weights kept), so the survivors
// can elect among themselves; the first leader they elect writes them as a VotersRecord in its own
// epoch, and once that record is committed the override is over and the log speaks again.
//
// Why this cannot put two leaders in one epoch: every epoch the survivors use is at least
// FORCED_EPOCH_JUMP above the highest they had seen. The lost side, if it is not lost after all, can
// only reach those epochs by holding over a million elections of its own. When it reconnects, the
// survivors answer its requests with their higher epoch, so it steps down, follows the new leader
// and truncates what it wrote alone. That is the price, and the reason this is a manual command:
// whatever the lost side committed after it was cut off is discarded.
import type { ForcedVoters } from './config.js';
import { VoterSet } from './voter-set.js';

/** How far force-voters raises the epoch. */
export const FORCED_EPOCH_JUMP = 1 << 20;

export class ForcedVoterSet {
  /** Offset of the VotersRecord a recovered leader wrote (epoch >= the forced one), once seen. */
  private recordOffset: number | undefined;

  constructor(readonly set: VoterSet, readonly epoch: number) {}

  /** The surviving voters out of the set in force; an id that is not a voter is a mistake. */
  static from(current: VoterSet, kraftVersion: number, forced: ForcedVoters): ForcedVoterSet {
    if (kraftVersion < 1) {
      throw new Error('force-voters needs a dynamic quorum (kraft.version 1); a static quorum changes controller.quorum.voters instead');
    }
    const unknown = forced.ids.filter((id) => !current.has(id));
    if (unknown.length > 0) throw new Error(`force-voters names ${unknown.join(',')}, not voters of ${current.ids.join(',')}`);
    if (forced.ids.length === 0) throw new Error('force-voters names no voter');
    const set = new VoterSet(current.voters.filter((v) => forced.ids.includes(v.id)));
    if (set.voters.every((v) => v.weight === 0)) throw new Error('the surviving voters all have weight 0');
    return new ForcedVoterSet(set, forced.epoch);
  }

  /** Whether a leader still has to write the set into the log. */
  get needsRecord(): boolean {
    return this.recordOffset === undefined;
  }

  /** A VotersRecord at `offset` in `epoch` was appended. */
  recordAppended(offset: number, epoch: number): void {
    if (epoch >= this.epoch) this.recordOffset = offset;
  }

  truncated(endOffset: number): void {
    if (this.recordOffset !== undefined && this.recordOffset >= endOffset) this.recordOffset = undefined;
  }

  /** Whether the recovered leader's VotersRecord is committed: the override is over. */
  isCommitted(highWatermark: number): boolean {
    return this.recordOffset !== undefined && highWatermark > this.recordOffset;
  }
}
