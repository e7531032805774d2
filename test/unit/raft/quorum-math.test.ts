import { describe, expect, it } from 'vitest';
import { isMajority, isMajorityLost, majorityEndOffset, majoritySize } from '../../../src/raft/quorum-math.js';

describe('quorum math', () => {
  it('needs more than half of the voters', () => {
    expect([1, 2, 3, 4, 5].map(majoritySize)).toEqual([1, 2, 2, 3, 3]);
  });

  it('counts only voters towards a majority', () => {
    expect(isMajority([1, 2, 3], new Set([1, 2]))).toBe(true);
    expect(isMajority([1, 2, 3], new Set([1, 9]))).toBe(false);
    expect(isMajority([1, 2, 3, 4], new Set([1, 2]))).toBe(false);
    expect(isMajority([7], new Set([7]))).toBe(true);
  });

  it('calls an election lost once the rest cannot make a majority', () => {
    expect(isMajorityLost([1, 2, 3], new Set([2]))).toBe(false);
    expect(isMajorityLost([1, 2, 3], new Set([2, 3]))).toBe(true);
    expect(isMajorityLost([1, 2, 3, 4], new Set([3, 4]))).toBe(true);
    expect(isMajorityLost([1, 2, 3, 4, 5], new Set([4, 5]))).toBe(false);
  });

  it('takes the offset a majority has reached, unknown replicas counting as -1', () => {
    expect(majorityEndOffset([10, 4, 7])).toBe(7);
    expect(majorityEndOffset([10, -1, -1])).toBe(-1);
    expect(majorityEndOffset([10, 8, 3, 2])).toBe(3);
    expect(majorityEndOffset([5])).toBe(5);
    expect(majorityEndOffset([9, 9, 1, 1, 9])).toBe(9);
  });
});
