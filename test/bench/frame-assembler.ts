// Splits a response stream into frames without allocating per read or per frame: the socket reads
// into one reused buffer (net's `onread`), a frame that arrived whole is handed out as a view of it,
// and a frame that spans reads is assembled in a second reused buffer. Allocation per chunk and per
// frame made the bench client spend more time in its garbage collector than the broker spent
// answering large fetches. A frame handed out is valid only until the callback returns.

/** Returns false to stop reading this stream (the connection is being torn down). */
export type FrameSink = (frame: Buffer) => boolean;

const INITIAL_ASSEMBLY_BYTES = 1 << 20;

export class FrameAssembler {
  private readonly sizePrefix = Buffer.alloc(4);
  private sizeFilled = 0;
  /** Bytes of the frame being read, or -1 while reading its size prefix. */
  private frameBytes = -1;
  private assembly = Buffer.allocUnsafe(INITIAL_ASSEMBLY_BYTES);
  private filled = 0;

  constructor(private readonly deliver: FrameSink) {}

  /** Consumes `buf[0, end)`. */
  push(buf: Buffer, end: number): void {
    let pos = 0;
    while (pos < end) {
      if (this.frameBytes < 0) {
        pos = this.readSize(buf, pos, end);
        continue;
      }
      if (this.filled === 0 && end - pos >= this.frameBytes) {
        const frame = buf.subarray(pos, pos + this.frameBytes);
        pos += this.frameBytes;
        this.frameBytes = -1;
        if (!this.deliver(frame)) return;
        continue;
      }
      const used = Math.min(this.frameBytes - this.filled, end - pos);
      buf.copy(this.assembly, this.filled, pos, pos + used);
      this.filled += used;
      pos += used;
      if (this.filled === this.frameBytes) {
        const frame = this.assembly.subarray(0, this.frameBytes);
        this.frameBytes = -1;
        if (!this.deliver(frame)) return;
      }
    }
  }

  private readSize(buf: Buffer, pos: number, end: number): number {
    const used = Math.min(4 - this.sizeFilled, end - pos);
    buf.copy(this.sizePrefix, this.sizeFilled, pos, pos + used);
    this.sizeFilled += used;
    if (this.sizeFilled === 4) {
      this.sizeFilled = 0;
      this.filled = 0;
      this.frameBytes = this.sizePrefix.readInt32BE(0);
      if (this.frameBytes > this.assembly.length) this.assembly = Buffer.allocUnsafe(this.frameBytes);
    }
    return pos + used;
  }
}
