// The server-side assignors of the consumer group protocol: balance, stickiness, range semantics,
// and the reconciliation rule that a partition changes hands only once it is released.
import { describe, expect, it } from 'vitest';
import type { AssignorMember } from '../../../src/coordinator/assignors/assignor.js';
import { rangeAssign } from '../../../src/coordinator/assignors/range.js';
import { uniformAssign } from '../../../src/coordinator/assignors/uniform.js';
import { EMPTY_ASSIGNMENT, partitionCount, type Assignment } from '../../../src/coordinator/consumer-assignment.js';

const member = (memberId: string, topics: string[], currentTarget: Assignment = EMPTY_ASSIGNMENT): AssignorMember =>
  ({ memberId, subscribedTopicIds: new Set(topics), currentTarget });
const flat = (a: Assignment | undefined): string[] => [...(a ?? [])].flatMap(([t, ps]) => ps.map((p) => `${t}${p}`));

describe('uniform assignor', () => {
  it('spreads partitions within one of each other and keeps what members had', () => {
    const counts = new Map([['a', 5], ['b', 2]]);
    const first = uniformAssign({ members: [member('m1', ['a', 'b']), member('m2', ['a', 'b'])], partitionCounts: counts });
    expect([partitionCount(first.get('m1')!), partitionCount(first.get('m2')!)].sort()).toEqual([3, 4]);
    const second = uniformAssign({
      members: [member('m1', ['a', 'b'], first.get('m1')), member('m2', ['a', 'b'], first.get('m2')), member('m3', ['a', 'b'])],
      partitionCounts: counts,
    });
    const sizes = ['m1', 'm2', 'm3'].map((m) => partitionCount(second.get(m)!));
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    // Sticky: m1 and m2 keep only partitions they had; the new member takes the rest.
    for (const m of ['m1', 'm2']) for (const p of flat(second.get(m))) expect(flat(first.get(m))).toContain(p);
    expect(new Set(['m1', 'm2', 'm3'].flatMap((m) => flat(second.get(m)))).size).toBe(7);
  });

  it('gives each partition only to members subscribed to its topic', () => {
    const out = uniformAssign({ members: [member('m1', ['a']), member('m2', ['b'])], partitionCounts: new Map([['a', 3], ['b', 1]]) });
    expect(flat(out.get('m1'))).toEqual(['a0', 'a1', 'a2']);
    expect(flat(out.get('m2'))).toEqual(['b0']);
  });
});

describe('range assignor', () => {
  it('gives each member a contiguous range per topic, the first members one more, co-partitioned', () => {
    const out = rangeAssign({ members: [member('m2', ['a', 'b']), member('m1', ['a', 'b'])], partitionCounts: new Map([['a', 3], ['b', 3]]) });
    expect(flat(out.get('m1'))).toEqual(['a0', 'a1', 'b0', 'b1']);
    expect(flat(out.get('m2'))).toEqual(['a2', 'b2']);
  });
});
