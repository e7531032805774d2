// Splits a TCP byte stream into Kafka frames (int32 size + payload) without copying a frame that
// arrived in one chunk. A negative or oversized size is reported, never allocated.

export type FrameResult = { frames: Buffer[]; error: string | null };

export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxFrameBytes: number) {}

  /** Bytes held while waiting for the rest of a frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  push(chunk: Buffer): FrameResult {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    while (this.buffered >= 4) {
      const size = this.peekSize();
      if (size < 0 || size > this.maxFrameBytes) {
        return { frames, error: `frame size ${size} is outside 0..${this.maxFrameBytes}` };
      }
      if (this.buffered < 4 + size) break;
      frames.push(this.take(4 + size).subarray(4));
    }
    return { frames, error: null };
  }

  private peekSize(): number {
    const first = this.chunks[0]!;
    if (first.length >= 4) return first.readInt32BE(0);
    return this.gather(4).readInt32BE(0);
  }

  /** The first n buffered bytes as one buffer, merging chunks only when the bytes span several. */
  private gather(n: number): Buffer {
    if (this.chunks[0]!.length < n) {
      const merged = Buffer.concat(this.chunks, this.buffered);
      this.chunks = [merged];
    }
    return this.chunks[0]!;
  }

  private take(n: number): Buffer {
    const head = this.gather(n);
    const out = head.subarray(0, n);
    if (head.length === n) this.chunks.shift();
    else this.chunks[0] = head.subarray(n);
    this.buffered -= n;
    return out;
  }
}
