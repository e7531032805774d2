// The pool of lent buffers: a buffer comes back through any view of it, at most `maxFree` are
// kept, and memory the pool did not lend (or already took back) is never taken in.
import { describe, expect, it } from 'vitest';
import { BufferPool } from '../../../storage/buffer-pool.js';

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
});
