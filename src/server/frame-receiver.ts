// Kafka frames (int32 size + payload) read from a plaintext socket straight into buffers of their
// own size, through net.Socket's `onread`: a produce request or a follower's fetch response of
// megabytes lands in the buffer it is decoded from, where the socket's usual reading would allocate
// a 64 KiB chunk per read and join the chunks with one more copy (together a visible share of the
// broker's and a follower's CPU, much of it garbage collection). Small frames are read into a
// staging buffer and copied out, into slices of a shared slab. A large frame's buffer is reserved
// up to `upfrontBytes` when its size arrives and grows (doubling) as its bytes do: a size prefix
// alone, sent by many connections, reserves little (Kafka reserves the whole declared size).

import type { BufferPool } from '../../storage/buffer-pool.js';

/** Reads of frames smaller than this, and of every frame's first bytes, go through the staging buffer. */
const STAGING_BYTES = 64 * 1024;
/** What a declared frame size reserves before its bytes arrive. */
const UPFRONT_BYTES = 8 * 1024 * 1024;
/**
 * Small frames are copied out of staging into slices of a slab shared by every connection, a new
 * one when it is full. Buffer.from took a new 8 KiB pool (an ArrayBuffer) every seven 1 KiB
 * produce requests: 0.91-1.23 us of CPU a frame against 0.72-0.79 here (1.1 KB frames read eight
 * at a time, in process); Buffer.from and its pools were 3% of the broker's busy time at 48,000
 * single-record produce requests/s. A frame kept past its request (a group member's metadata is a
 * view of its JoinGroup) keeps its slab alive: at most this much, where the pool kept 8 KiB.
 */
const SLAB_BYTES = 32 * 1024;
/** Frames larger than this get a buffer of their own. */
const SLAB_FRAME_BYTES = 4 * 1024;
/** Slices start 8-byte aligned, as the pool's do (typed-array views of a frame need it). */
const ALIGN = 8;

let slab = Buffer.alloc(0);
let slabUsed = 0;

/** A copy of `bytes`, in the shared slab when small. */
function copyOut(bytes: Buffer): Buffer {
  const size = bytes.length;
  if (size > SLAB_FRAME_BYTES) return Buffer.from(bytes);
  if (slabUsed + size > slab.length) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    slabUsed = 0;
  }
  const frame = slab.subarray(slabUsed, slabUsed + size);
  bytes.copy(frame);
  slabUsed = (slabUsed + size + ALIGN - 1) & ~(ALIGN - 1);
  return frame;
}

export class FrameReceiver {
  private readonly staging = Buffer.allocUnsafe(STAGING_BYTES);
  /** Bytes in staging not yet handed out, from its start. */
  private staged = 0;
  /** The large frame being read (its buffer may not have reached its size yet), its declared
   * size, and how much of it has arrived. */
  private frame: Buffer | undefined;
  private frameSize = 0;
  private filled = 0;

  /**
   * `deliver` gets each frame's payload (without its size); `fail` a frame size out of bounds.
   * With `pool`, a large frame that fits one of its buffers is read into one: whoever is done with
   * the frame gives it back (pool.give), or leaves it to the collector.
   */
  constructor(
    private readonly maxFrameBytes: number,
    private readonly deliver: (frame: Buffer) => void,
    private readonly fail: (reason: string) => void,
    private readonly upfrontBytes = UPFRONT_BYTES,
    private readonly pool?: BufferPool,
  ) {}

  /** onread.buffer: where the next read goes (never past the frame's end: a pooled buffer is larger). */
  readonly buffer = (): Buffer => {
    if (this.frame === undefined) return this.staging.subarray(this.staged);
    if (this.filled === this.frame.length) {
      const grown = Buffer.allocUnsafe(Math.min(this.frameSize, 2 * this.frame.length));
      this.frame.copy(grown, 0, 0, this.filled);
      this.frame = grown;
    }
    return this.frame.subarray(this.filled, this.frameSize);
  };

  /** onread.callback: `n` bytes arrived in the buffer last handed out. True: keep reading. */
  readonly read = (n: number): boolean => {
    if (this.frame !== undefined) {
      this.filled += n;
      if (this.filled === this.frameSize) {
        const frame = this.frame;
        this.frame = undefined;
        this.deliver(frame.length === this.frameSize ? frame : frame.subarray(0, this.frameSize));
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
        this.deliver(copyOut(this.staging.subarray(pos + 4, pos + 4 + size)));
        pos += 4 + size;
        continue;
      }
      if (4 + size > STAGING_BYTES) {
        // Too large for staging: its own buffer, which the following reads fill directly.
        this.frame = this.pool !== undefined && size <= this.pool.bufferBytes
          ? this.pool.take()
          : Buffer.allocUnsafe(Math.min(size, Math.max(this.upfrontBytes, available)));
        this.frameSize = size;
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
