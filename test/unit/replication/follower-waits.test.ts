// FollowerWaits on a hand-moved clock: a partition this broker starts leading wakes the parked
// fetches of its other replicas (not of this broker, not of brokers outside it), and their
// fetches wait only briefly until they ask for it, for a short while at most; then as long as
// they ask again.
import { describe, expect, it } from 'vitest';
import { FollowerWaits } from '../../../src/replication/follower-waits.js';

describe('FollowerWaits', () => {
  it('wakes the followers of a partition led here, and shortens their waits until they fetch it', () => {
    let now = 1_000;
    const waits = new FollowerWaits<string>(() => now);
    const woken: string[] = [];
    const wake = (name: string) => () => woken.push(name);
    const a2 = wake('2a');
    waits.park(2, a2);
    waits.park(2, wake('2b'));
    waits.park(3, wake('3'));
    waits.park(4, wake('4'));
    waits.unpark(2, a2);
    expect(waits.maxWaitMs(2, 500, ['old'])).toBe(500);

    waits.led('t-0', [1, 2, 3], 1);
    expect(woken.sort()).toEqual(['2b', '3']);
    // Woken once: a fetch parked after that waits for the next news.
    waits.led('u-0', [4], 1);
    waits.led('t-1', [1, 2, 3], 1);
    expect(woken.sort()).toEqual(['2b', '3', '4']);

    // A fetch that does not ask for every partition given yet waits briefly (never longer than asked).
    expect([waits.maxWaitMs(2, 500, ['old']), waits.maxWaitMs(3, 5, ['old', 't-0']), waits.maxWaitMs(5, 500, ['old'])]).toEqual([10, 5, 500]);
    // One that does follows them all: it waits as long as it asks, and so do the next ones.
    expect(waits.maxWaitMs(2, 500, ['old', 't-0', 't-1'])).toBe(500);
    expect(waits.maxWaitMs(2, 500, ['old'])).toBe(500);
    expect(waits.maxWaitMs(3, 500, ['t-1'])).toBe(500);
    expect(waits.maxWaitMs(4, 500, [])).toBe(10);
    // A follower that never asks for what it was given waits briefly for a short while only.
    now += 251;
    expect(waits.maxWaitMs(4, 500, [])).toBe(500);
  });
});
