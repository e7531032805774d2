// The pool of lent buffers: a buffer comes back through any view of it, at most `maxFree` are
// kept, and memory the pool did not lend (or already took back) is never taken in.
import { describe, expect, it } from 'vitest';
import { BufferPool, BufferPools } from '../../../storage/buffer-pool.js';

describe('BufferPool', () => {
  it('lends buffers of its size and lends a returned one again, given back through a view', () => {
    const pool = new BufferPool(1024, 2);
    const a = pool.take();
    expect(a.length).toBe(1024);
    a[10] = 42;
    pool.give(a.subarray(10, 20));
    expect(pool.freeCount).toBe(1);
    const again = pool.take();
    expect(again.buffer).toBe(a.buffer);
    expect(again[10]).toBe(42);
    expect(pool.take().buffer).not.toBe(a.buffer);
  });

  it('keeps at most maxFree and ignores memory it did not lend or already took back', () => {
    const pool = new BufferPool(1024, 2);
    const taken = [pool.take(), pool.take(), pool.take()];
    for (const b of taken) pool.give(b);
    expect(pool.freeCount).toBe(2);
    pool.give(taken[0]!);
    pool.give(Buffer.allocUnsafeSlow(1024));
    expect(pool.freeCount).toBe(2);
    const b = pool.take();
    pool.give(b);
    pool.give(b);
    expect(pool.freeCount).toBe(2);
  });

  it('in sizes: a read takes from the smallest pool that holds it, none past the largest, and goes back where it came from', () => {
    const small = new BufferPool(64, 4);
    const large = new BufferPool(1024, 4);
    const pools = new BufferPools([small, large]);
    const a = pools.take(10)!;
    const b = pools.take(64)!;
    const c = pools.take(65)!;
    expect([a.length, b.length, c.length, pools.take(1025)]).toEqual([64, 64, 1024, undefined]);
    expect([small.lends(a), small.lends(b), large.lends(c)]).toEqual([true, true, true]);
    expect(pools.lends(Buffer.alloc(64))).toBe(false);
    pools.give(c.subarray(100, 200));
    pools.give(a);
    pools.give(Buffer.allocUnsafeSlow(64));
    expect([small.freeCount, large.freeCount]).toEqual([1, 1]);
    expect(pools.take(1)!.buffer).toBe(a.buffer);
    expect(pools.take(500)!.buffer).toBe(c.buffer);
    // Below minBytes a read gets a buffer of its own.
    expect([new BufferPools([small], 16).take(15), new BufferPools([small], 16).take(16)?.length]).toEqual([undefined, 64]);
  });
});
