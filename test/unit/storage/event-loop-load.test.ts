// The event loop's load as writes see it: busy over a sample when it ran at least the threshold's
// share of it, sampled again only after 50 ms, each sample measured from the one before.
import { describe, expect, it } from 'vitest';
import { EventLoopLoad, type LoopTimes } from '../../../storage/event-loop-load.js';

describe('EventLoopLoad', () => {
  it('is busy over a sample in which the loop ran at least the threshold of the time', () => {
    let now = 0;
    let times: LoopTimes = { idle: 0, active: 0 };
    const load = new EventLoopLoad(0.8, () => times, () => now);
    expect(load.isBusy()).toBe(false);
    // 60 ms, 54 of them running: 90%.
    now = 60;
    times = { idle: 6, active: 54 };
    expect(load.isBusy()).toBe(true);
    // Within 50 ms of that sample the answer stands, whatever the loop did since.
    now = 100;
    times = { idle: 46, active: 54 };
    expect(load.isBusy()).toBe(true);
    // The next sample counts from the last one only: 40 of 60 ms idle.
    now = 120;
    times = { idle: 46, active: 74 };
    expect(load.isBusy()).toBe(false);
    // Exactly the threshold is busy.
    now = 220;
    times = { idle: 66, active: 154 };
    expect(load.isBusy()).toBe(true);
  });

  it('reads the loop itself by default', async () => {
    const load = new EventLoopLoad(0.8);
    const until = performance.now() + 120;
    while (performance.now() < until) { /* the loop runs */ }
    expect(load.isBusy()).toBe(true);
    await new Promise((r) => setTimeout(r, 120));
    expect(load.isBusy()).toBe(false);
  });
});
