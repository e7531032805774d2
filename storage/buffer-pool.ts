// Buffers of one size lent out and taken back, for reads of log data that leave the process soon
// (a Fetch response's records). A new buffer of a megabyte costs its pages' faults on first write
// and, at hundreds of MB/s, a steady stream of external memory that makes V8 collect often: on the
// bench VM a read into a new buffer ran at 1.7-2.5 GB/s, into one used before at 4.7 GB/s. A buffer
// not given back (its response was dropped) is simply collected; the pool keeps at most `maxFree`.
export class BufferPool {
  private readonly free: Buffer[] = [];

  constructor(
    readonly bufferBytes: number,
    private readonly maxFree: number,
  ) {}

  /** A buffer of bufferBytes, used before when one is free. Its contents are arbitrary. */
  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(this.bufferBytes);
  }

  /** Takes back a buffer from take() that nothing refers to any more. */
  give(buffer: Buffer): void {
    if (this.free.length < this.maxFree && buffer.length === this.bufferBytes) this.free.push(buffer);
  }

  /** Buffers waiting to be used again. */
  get freeCount(): number {
    return this.free.length;
  }
}
