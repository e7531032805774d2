// Kafka frames (int32 size + payload) read from a plaintext socket straight into buffers of their
// own size, through net.Socket's `onread`: a produce request or a follower's fetch response of
// megabytes lands in the buffer it is decoded from, where the socket's usual reading would allocate
// a 64 KiB chunk per read and join the chunks with one more copy (together a visible share of the
// broker's and a follower's CPU, much of it garbage collection). Small frames are read into a
// staging buffer and copied out, each into a buffer of its own size.

/** Reads of frames smaller than this, and of every frame's first bytes, go through the staging buffer. */
const STAGING_BYTES = 64 * 1024;

export class FrameReceiver {
  private readonly staging = Buffer.allocUnsafe(STAGING_BYTES);
  /** Bytes in staging not yet handed out, from its start. */
  private staged = 0;
  /** The large frame being read, and how much of it has arrived. */
  private frame: Buffer | undefined;
  private filled = 0;

  /** `deliver` gets each frame's payload (without its size); `fail` a frame size out of bounds. */
  constructor(
    private readonly maxFrameBytes: number,
    private readonly deliver: (frame: Buffer) => void,
    private readonly fail: (reason: string) => void,
  ) {}

  /** onread.buffer: where the next read goes. */
  readonly buffer = (): Buffer => (this.frame !== undefined ? this.frame.subarray(this.filled) : this.staging.subarray(this.staged));

  /** onread.callback: `n` bytes arrived in the buffer last handed out. True: keep reading. */
  readonly read = (n: number): boolean => {
    if (this.frame !== undefined) {
      this.filled += n;
      if (this.filled === this.frame.length) {
        const frame = this.frame;
        this.frame = undefined;
        this.deliver(frame);
      }
      return true;
    }
    this.staged += n;
    this.drainStaging();
    return true;
  };

  /** Hands out every whole frame in staging; a large frame's start moves to a buffer of its own. */
  private drainStaging(): void {
    let pos = 0;
    while (this.staged - pos >= 4) {
      const size = this.staging.readInt32BE(pos);
      if (size < 0 || size > this.maxFrameBytes) {
        this.staged = 0;
        this.fail(`frame size ${size} is outside 0..${this.maxFrameBytes}`);
        return;
      }
      const available = this.staged - pos - 4;
      if (available >= size) {
        this.deliver(Buffer.from(this.staging.subarray(pos + 4, pos + 4 + size)));
        pos += 4 + size;
        continue;
      }
      if (4 + size > STAGING_BYTES) {
        // Too large for staging: its own buffer, which the following reads fill directly.
        this.frame = Buffer.allocUnsafe(size);
        this.filled = this.staging.copy(this.frame, 0, pos + 4, this.staged);
        pos = this.staged;
      }
      break;
    }
    // What is left is the start of a frame that fits: moved to the front for the next read.
    this.staging.copy(this.staging, 0, pos, this.staged);
    this.staged -= pos;
  }
}
