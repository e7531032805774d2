// The pool of Fetch read buffers: buffers come back for reuse, at most `maxFree` are kept, and a
// buffer of another size (a read too large for the pool got its own) is never taken in.
import { describe, expect, it } from 'vitest';
import { BufferPool } from '../../../storage/buffer-pool.js';

describe('BufferPool', () => {
  it('lends buffers of its size and lends a returned one again', () => {
    const pool = new BufferPool(1024, 2);
    const a = pool.take();
    expect(a.length).toBe(1024);
    pool.give(a);
    expect(pool.freeCount).toBe(1);
    expect(pool.take()).toBe(a);
    expect(pool.take()).not.toBe(a);
  });

  it('keeps at most maxFree and refuses buffers of another size', () => {
    const pool = new BufferPool(1024, 2);
    const taken = [pool.take(), pool.take(), pool.take()];
    for (const b of taken) pool.give(b);
    expect(pool.freeCount).toBe(2);
    pool.take();
    pool.give(Buffer.alloc(2048));
    pool.give(Buffer.alloc(1024).subarray(0, 512));
    expect(pool.freeCount).toBe(1);
  });
});
