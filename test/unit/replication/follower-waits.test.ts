// FollowerWaits on a hand-moved clock: a partition this broker starts leading wakes the parked
// fetches of its other replicas (not of this broker, not of brokers outside it), and their
// fetches wait only briefly for a short while after, then as long as they ask again.
import { describe, expect, it } from 'vitest';
import { FollowerWaits } from '../../../src/replication/follower-waits.js';

describe('FollowerWaits', () => {
  it('wakes the followers of a partition led here, and shortens their waits for a while', () => {
    let now = 1_000;
    const waits = new FollowerWaits(() => now);
    const woken: string[] = [];
    const wake = (name: string) => () => woken.push(name);
    const a2 = wake('2a');
    waits.park(2, a2);
    waits.park(2, wake('2b'));
    waits.park(3, wake('3'));
    waits.park(4, wake('4'));
    waits.unpark(2, a2);
    expect(waits.maxWaitMs(2, 500)).toBe(500);

    waits.led([1, 2, 3], 1);
    expect(woken.sort()).toEqual(['2b', '3']);
    // Woken once: a fetch parked after that waits for the next news.
    waits.led([4], 1);
    waits.led([1, 2, 3], 1);
    expect(woken.sort()).toEqual(['2b', '3', '4']);

    expect([waits.maxWaitMs(2, 500), waits.maxWaitMs(3, 5), waits.maxWaitMs(5, 500)]).toEqual([10, 5, 500]);
    now += 251;
    expect([waits.maxWaitMs(2, 500), waits.maxWaitMs(3, 500)]).toEqual([500, 500]);
  });
});
