// Quorum arithmetic in one place, for weighted voters (kraftling's extension of KIP-853): a quorum
// is a set of voters whose weights add up to more than half of the total weight, for elections
// and for the high watermark alike. With every weight 1 this is the plain majority. Any two
// quorums of one voter set share a voter of positive weight, which is what Raft's safety needs; a
// change of the set (or of a weight) is safe when every quorum of the old set also shares a voter
// with every quorum of the new one (changeKeepsOverlap).

/** Voter id -> weight (a non-negative integer; the total is positive). */
export type Weights = ReadonlyMap<number, number>;

/** Weights of a voter set where every voter counts 1. */
export function equalWeights(ids: Iterable<number>): Weights {
  return new Map([...ids].map((id) => [id, 1]));
}

export function totalWeight(weights: Weights): number {
  let total = 0;
  for (const w of weights.values()) total += w;
  return total;
}

function weightOf(weights: Weights, members: Iterable<number>): number {
  let sum = 0;
  for (const id of members) sum += weights.get(id) ?? 0;
  return sum;
}

/** Whether the voters in `members` (non-voters ignored) weigh more than half of the total. */
export function isMajority(weights: Weights, members: ReadonlySet<number>): boolean {
  return 2 * weightOf(weights, members) > totalWeight(weights);
}

/** Whether a quorum is out of reach: the voters not in `rejecting` weigh half the total or less. */
export function isMajorityLost(weights: Weights, rejecting: ReadonlySet<number>): boolean {
  const total = totalWeight(weights);
  return 2 * (total - weightOf(weights, rejecting)) <= total;
}

/**
 * The largest offset that a quorum of voters has reached: walk the voters from the highest end
 * offset (unknown as -1) down, adding weights, and take the offset at which the sum passes half the
 * total. This is the high-watermark candidate; the leader also requires it to lie in its own epoch.
 */
export function majorityEndOffset(voters: readonly { endOffset: number; weight: number }[]): number {
  if (voters.length === 0) throw new RangeError('no voters');
  const total = voters.reduce((sum, v) => sum + v.weight, 0);
  const sorted = [...voters].sort((a, b) => b.endOffset - a.endOffset);
  let sum = 0;
  for (const v of sorted) {
    sum += v.weight;
    if (2 * sum > total) return v.endOffset;
  }
  return -1;
}

/** Voter sets up to this size are checked exhaustively by changeKeepsOverlap. */
export const MAX_CHECKED_VOTERS = 16;

/**
 * Whether every quorum of `before` shares a voter with every quorum of `after`, so that a leader
 * elected under either set cannot be outvoted by one elected under the other while the change is in
 * flight. Equivalently: no split of the voters into S and the rest where S is a quorum of `before`
 * and the rest a quorum of `after`. Adding or removing one voter of weight 1 always passes, as in
 * Raft's one-at-a-time changes; a large weight change must be made in steps.
 */
export function changeKeepsOverlap(before: Weights, after: Weights): boolean {
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  if (ids.length > MAX_CHECKED_VOTERS) return false;
  const totalBefore = totalWeight(before);
  const totalAfter = totalWeight(after);
  for (let mask = 0; mask < 1 << ids.length; mask++) {
    let inBefore = 0;
    let restAfter = 0;
    for (let i = 0; i < ids.length; i++) {
      if (mask & (1 << i)) inBefore += before.get(ids[i]!) ?? 0;
      else restAfter += after.get(ids[i]!) ?? 0;
    }
    if (2 * inBefore > totalBefore && 2 * restAfter > totalAfter) return false;
  }
  return true;
}
