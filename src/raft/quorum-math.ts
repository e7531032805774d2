// Quorum arithmetic in one place, so a weighted or dynamic voter set (KIP-853) changes only this
// file: how many voters make a majority, whether a set of voters is one, and the offset a majority
// of voters has reached.

/** Votes needed to win among `voterCount` voters. */
export function majoritySize(voterCount: number): number {
  return Math.floor(voterCount / 2) + 1;
}

/** Whether the ids in `members` (non-voters ignored) form a majority of `voterIds`. */
export function isMajority(voterIds: readonly number[], members: ReadonlySet<number>): boolean {
  let count = 0;
  for (const id of voterIds) if (members.has(id)) count++;
  return count >= majoritySize(voterIds.length);
}

/**
 * Whether a majority is out of reach: more than voterCount - majority voters said no, so the rest
 * cannot make one.
 */
export function isMajorityLost(voterIds: readonly number[], rejecting: ReadonlySet<number>): boolean {
  let count = 0;
  for (const id of voterIds) if (rejecting.has(id)) count++;
  return count > voterIds.length - majoritySize(voterIds.length);
}

/**
 * The largest offset that a majority of voters has reached: sort the voters' end offsets (unknown
 * as -1) from high to low and take the one at position majority - 1. This is the high-watermark
 * candidate; the leader also requires it to lie in its own epoch before committing.
 */
export function majorityEndOffset(voterEndOffsets: readonly number[]): number {
  if (voterEndOffsets.length === 0) throw new RangeError('no voters');
  const sorted = [...voterEndOffsets].sort((a, b) => b - a);
  return sorted[majoritySize(voterEndOffsets.length) - 1]!;
}
