// Weighted quorums (kraftling's extension of KIP-853): with every weight 1 they are Raft's plain
// majorities; with weights a quorum weighs more than half of the total; a change is allowed only
// when every old quorum overlaps every new one.
import { describe, expect, it } from 'vitest';
import { changeKeepsOverlap, equalWeights, isMajority, isMajorityLost, majorityEndOffset, type Weights } from '../../../src/raft/quorum-math.js';
import { seededRandom } from '../../helpers/seeded-random.js';

const w = (entries: Record<number, number>): Weights => new Map(Object.entries(entries).map(([id, weight]) => [Number(id), weight]));
const equal = (offsets: number[]) => offsets.map((endOffset) => ({ endOffset, weight: 1 }));

describe('quorum math with equal weights (the plain majority)', () => {
  it('decides majorities as Raft does', () => {
    expect(isMajority(equalWeights([1, 2, 3]), new Set([1, 2]))).toBe(true);
    expect(isMajority(equalWeights([1, 2, 3]), new Set([1, 9]))).toBe(false);
    expect(isMajority(equalWeights([1, 2, 3, 4]), new Set([1, 2]))).toBe(false);
    expect(isMajority(equalWeights([7]), new Set([7]))).toBe(true);
  });

  it('knows when a majority is out of reach', () => {
    expect(isMajorityLost(equalWeights([1, 2, 3]), new Set([2]))).toBe(false);
    expect(isMajorityLost(equalWeights([1, 2, 3]), new Set([2, 3]))).toBe(true);
    expect(isMajorityLost(equalWeights([1, 2, 3, 4]), new Set([3, 4]))).toBe(true);
    expect(isMajorityLost(equalWeights([1, 2, 3, 4, 5]), new Set([4, 5]))).toBe(false);
  });

  it('takes the offset a majority has reached', () => {
    expect(majorityEndOffset(equal([10, 4, 7]))).toBe(7);
    expect(majorityEndOffset(equal([10, -1, -1]))).toBe(-1);
    expect(majorityEndOffset(equal([10, 8, 3, 2]))).toBe(3);
    expect(majorityEndOffset(equal([5]))).toBe(5);
    expect(majorityEndOffset(equal([9, 9, 1, 1, 9]))).toBe(9);
  });

  it('agrees with counting heads for random sets', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 500; i++) {
      const n = 1 + Math.floor(random() * 7);
      const ids = Array.from({ length: n }, (_, k) => k + 1);
      const members = new Set(ids.filter(() => random() < 0.5));
      expect(isMajority(equalWeights(ids), members)).toBe(members.size >= Math.floor(n / 2) + 1);
      const offsets = ids.map(() => Math.floor(random() * 20) - 1);
      expect(majorityEndOffset(equal(offsets))).toBe([...offsets].sort((a, b) => b - a)[Math.floor(n / 2)]);
    }
  });
});

describe('weighted quorums', () => {
  // Two data centers: 1 and 2 in the main one with weight 2 each, 3 in the other with weight 1.
  const twoDc = w({ 1: 2, 2: 2, 3: 1 });

  it('lets the heavy side decide alone and never the light one', () => {
    expect(isMajority(twoDc, new Set([1, 2]))).toBe(true);
    expect(isMajority(twoDc, new Set([1, 3]))).toBe(true);
    expect(isMajority(twoDc, new Set([3]))).toBe(false);
    expect(isMajority(twoDc, new Set([1]))).toBe(false);
    expect(isMajorityLost(twoDc, new Set([1]))).toBe(false);
    expect(isMajorityLost(twoDc, new Set([1, 2]))).toBe(true);
    // A weight-0 voter takes part but never counts.
    expect(isMajority(w({ 1: 1, 2: 0 }), new Set([1]))).toBe(true);
    expect(isMajority(w({ 1: 1, 2: 0 }), new Set([2]))).toBe(false);
  });

  it('commits what a quorum by weight has', () => {
    expect(majorityEndOffset([{ endOffset: 9, weight: 3 }, { endOffset: 5, weight: 1 }, { endOffset: 2, weight: 1 }])).toBe(9);
    expect(majorityEndOffset([{ endOffset: 9, weight: 1 }, { endOffset: 5, weight: 2 }, { endOffset: 2, weight: 2 }])).toBe(5);
  });

  it('any two quorums of one set share a voter of positive weight', () => {
    const random = seededRandom(11);
    for (let i = 0; i < 300; i++) {
      const n = 1 + Math.floor(random() * 6);
      const weights = new Map(Array.from({ length: n }, (_, k) => [k + 1, Math.floor(random() * 4)] as [number, number]));
      if ([...weights.values()].every((x) => x === 0)) weights.set(1, 1);
      const a = new Set([...weights.keys()].filter(() => random() < 0.6));
      const b = new Set([...weights.keys()].filter(() => random() < 0.6));
      if (isMajority(weights, a) && isMajority(weights, b)) {
        expect([...a].some((id) => b.has(id) && weights.get(id)! > 0)).toBe(true);
      }
    }
  });

  it('allows a change only when old and new quorums overlap', () => {
    // One voter in or out at weight 1: always (Raft's single-server change).
    expect(changeKeepsOverlap(equalWeights([1, 2, 3]), equalWeights([1, 2, 3, 4]))).toBe(true);
    expect(changeKeepsOverlap(equalWeights([1, 2, 3]), equalWeights([1, 2]))).toBe(true);
    // A step of one: 1 goes from 1 to 2 among three.
    expect(changeKeepsOverlap(equalWeights([1, 2, 3]), w({ 1: 2, 2: 1, 3: 1 }))).toBe(true);
    // Too big a step: {1} alone would be a new quorum while {2, 3} still is an old one.
    expect(changeKeepsOverlap(equalWeights([1, 2, 3]), w({ 1: 5, 2: 1, 3: 1 }))).toBe(false);
    // Removing the heavy voter at once: its old quorum {3} and the new {1, 2} are disjoint.
    expect(changeKeepsOverlap(w({ 1: 1, 2: 1, 3: 3 }), equalWeights([1, 2]))).toBe(false);
  });
});
