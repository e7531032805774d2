// Buffers of one size lent out and taken back, for data that leaves the process soon: a Fetch
// response's records on their way to the socket, a follower's fetch answer on its way to the log.
// A new buffer of megabytes costs its pages' faults on first write and, at hundreds of MB/s, a
// steady stream of external memory that makes V8 collect often: on the bench VM a read into a new
// buffer ran at 1.7-2.5 GB/s, into one used before at 4.7 GB/s. A buffer not given back (its
// response was dropped) is simply collected; the pool keeps at most `maxFree`.
export class BufferPool {
  private readonly free: ArrayBuffer[] = [];
  /** The memory of buffers lent and not given back: only these are taken back. */
  private readonly lent = new WeakSet<ArrayBufferLike>();

  constructor(
    readonly bufferBytes: number,
    private readonly maxFree: number,
  ) {}

  /** A buffer of bufferBytes, used before when one is free. Its contents are arbitrary. */
  take(): Buffer {
    const memory = this.free.pop() ?? Buffer.allocUnsafeSlow(this.bufferBytes).buffer;
    this.lent.add(memory);
    return Buffer.from(memory, 0, this.bufferBytes);
  }

  /** Takes back the buffer `view` lies in, once nothing refers to it any more. A view of memory
   * the pool did not lend (or already took back) is ignored. */
  give(view: Buffer): void {
    const memory = view.buffer;
    if (!this.lent.delete(memory)) return;
    if (this.free.length < this.maxFree) this.free.push(memory as ArrayBuffer);
  }

  /** Whether `view` lies in a buffer lent and not yet given back. */
  lends(view: Buffer): boolean {
    return this.lent.has(view.buffer);
  }

  /** Buffers waiting to be used again. */
  get freeCount(): number {
    return this.free.length;
  }
}

/** Where a read gets its buffer once it knows its size (PartitionLog.readLarge). */
export interface ReadBufferSource {
  /** A buffer of at least `bytes`, or undefined when the read should get one of its own. */
  take(bytes: number): Buffer | undefined;
}

/**
 * Pools of a few sizes, smallest first: a read takes a buffer of the smallest that holds it, so a
 * response pins about as much memory as it carries (a 16 KiB answer lent a 1 MiB buffer would hold
 * the rest of it unused until it is sent). A read larger than every pool, or smaller than
 * `minBytes`, gets none.
 */
export class BufferPools implements ReadBufferSource {
  constructor(
    private readonly pools: readonly BufferPool[],
    private readonly minBytes = 0,
  ) {}

  take(bytes: number): Buffer | undefined {
    if (bytes < this.minBytes) return undefined;
    for (const pool of this.pools) if (bytes <= pool.bufferBytes) return pool.take();
    return undefined;
  }

  /** Gives `view`'s buffer back to the pool that lent it (none did: ignored). */
  give(view: Buffer): void {
    for (const pool of this.pools) if (pool.lends(view)) return pool.give(view);
  }

  lends(view: Buffer): boolean {
    return this.pools.some((pool) => pool.lends(view));
  }
}
