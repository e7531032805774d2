// The log cleaner's I/O throttle on a virtual clock: bytes faster than the rate get the pause that
// brings them back to it, as soon as an interval's worth has been read (a short burst included);
// bytes at or under the rate get none; the rate is read at each check (a dynamic change applies).
import { describe, expect, it } from 'vitest';
import { Throttler } from '../../../src/node/throttler.js';

describe('Throttler', () => {
  it('pauses a burst back to the rate, leaves a slower flow alone, and follows a rate change', () => {
    let now = 10_000;
    let rate = 1_000_000;
    const throttler = new Throttler(() => rate, () => now);
    // 128 KiB twice in 10 ms: still under an interval's worth (300 KB at 1 MB/s).
    now += 5;
    expect(throttler.observe(131_072)).toBe(0);
    now += 5;
    expect(throttler.observe(131_072)).toBe(0);
    // The third makes 393,216 bytes in 15 ms: they should have taken 393 ms.
    now += 5;
    expect(throttler.observe(131_072)).toBe(393 - 15);
    // After the pause, 100 KB every 100 ms is the rate itself: no pause.
    now += 378;
    for (let i = 0; i < 6; i++) {
      now += 100;
      expect(throttler.observe(100_000)).toBe(0);
    }
    // Ten times slower from now on: 200 KB in 100 ms wants 2 s.
    rate = 100_000;
    now += 100;
    expect(throttler.observe(200_000)).toBe(2_000 - 100);
  });
});
