// Frames read straight into their own buffers: whatever sizes the socket's reads come in, every
// frame comes out whole, in order, and a size out of bounds fails the connection once.
import { describe, expect, it } from 'vitest';
import { FrameReceiver } from '../../../src/server/frame-receiver.js';
import { BufferPool } from '../../../storage/buffer-pool.js';
import { seededRandom } from '../../helpers/seeded-random.js';

function framed(payloads: Buffer[]): Buffer {
  return Buffer.concat(payloads.flatMap((p) => {
    const size = Buffer.alloc(4);
    size.writeInt32BE(p.length);
    return [size, p];
  }));
}

/** Feeds `stream` as a socket would: each read fills at most the buffer handed out and at most `maxRead`. */
function feed(receiver: FrameReceiver, stream: Buffer, random: () => number, maxRead: number): void {
  let pos = 0;
  while (pos < stream.length) {
    const target = receiver.buffer();
    const n = Math.min(target.length, stream.length - pos, 1 + Math.floor(random() * maxRead));
    if (n <= 0) throw new Error('the receiver handed out an empty buffer');
    stream.copy(target, 0, pos, pos + n);
    pos += n;
    receiver.read(n);
  }
}

describe('FrameReceiver', () => {
  it('delivers every frame whole and in order, small and large, whatever the reads (seeded)', () => {
    const random = seededRandom(0xf4a3e);
    for (let round = 0; round < 40; round++) {
      // Even rounds: tiny reads (a few bytes each) over frames of up to 70 KB, across the staging
      // buffer's edge; odd rounds: reads of up to 200 KB over frames of up to 400 KB.
      const tiny = round % 2 === 0;
      const sizes = Array.from({ length: 30 }, () => {
        const r = random();
        return r < 0.5 ? Math.floor(random() * 100) : r < 0.8 || tiny ? Math.floor(random() * 70_000) : Math.floor(random() * 400_000);
      });
      const payloads = sizes.map((size, i) => Buffer.alloc(size, (i * 31 + round) & 0xff));
      const got: Buffer[] = [];
      const receiver = new FrameReceiver(1 << 20, (f) => got.push(f), (reason) => { throw new Error(reason); });
      feed(receiver, framed(payloads), random, tiny ? 64 : 200_000);
      expect(got.map((f) => f.length)).toEqual(sizes);
      got.forEach((f, i) => expect(f.equals(payloads[i]!)).toBe(true));
    }
  });

  it('reserves little for a declared size alone, and grows a frame\'s buffer as its bytes arrive (seeded)', () => {
    const random = seededRandom(0x9a0e);
    const upfront = 1_000;
    const alone = new FrameReceiver(1 << 24, () => undefined, () => undefined, upfront);
    const header = Buffer.alloc(4);
    header.writeInt32BE(10_000_000);
    feed(alone, header, random, 4);
    expect(alone.buffer().length).toBeLessThanOrEqual(upfront);
    for (let round = 0; round < 10; round++) {
      const sizes = Array.from({ length: 20 }, () => Math.floor(random() * 400_000));
      const payloads = sizes.map(() => Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256)))).map((pattern, i) =>
        Buffer.alloc(sizes[i]!, pattern));
      const got: Buffer[] = [];
      const receiver = new FrameReceiver(1 << 20, (f) => got.push(f), (reason) => { throw new Error(reason); }, upfront);
      feed(receiver, framed(payloads), random, 150_000);
      expect(got.map((f) => f.length)).toEqual(sizes);
      got.forEach((f, i) => expect(f.equals(payloads[i]!)).toBe(true));
    }
  });

  it('reads frames that fit a pool\'s buffers into them, never past a frame\'s end, and reuses those given back (seeded)', () => {
    const random = seededRandom(0x5ab);
    const pool = new BufferPool(300_000, 4);
    for (let round = 0; round < 10; round++) {
      const sizes = Array.from({ length: 20 }, () => Math.floor(random() * 400_000));
      const payloads = sizes.map((size, i) => Buffer.alloc(size, (i * 17 + round) & 0xff));
      const got: Buffer[] = [];
      const pooled: boolean[] = [];
      const receiver = new FrameReceiver(1 << 20, (f) => {
        // A copy to compare with, then the frame goes back at once: the next frame may land in it.
        got.push(Buffer.from(f));
        pooled.push(f.buffer.byteLength === pool.bufferBytes);
        pool.give(f);
      }, (reason) => { throw new Error(reason); }, 1_000, pool);
      feed(receiver, framed(payloads), random, 150_000);
      expect(got.map((f) => f.length)).toEqual(sizes);
      got.forEach((f, i) => expect(f.equals(payloads[i]!)).toBe(true));
      // Larger than staging and within the pool's size: pooled; the others are not.
      expect(pooled).toEqual(sizes.map((size) => size + 4 > 64 * 1024 && size <= pool.bufferBytes));
    }
    expect(pool.freeCount).toBeGreaterThan(0);
  });

  it('hands out frames that later reads do not overwrite', () => {
    const got: Buffer[] = [];
    const receiver = new FrameReceiver(1 << 20, (f) => got.push(f), () => undefined);
    feed(receiver, framed([Buffer.from('first'), Buffer.from('second')]), () => 0.99, 1_000);
    feed(receiver, framed([Buffer.from('third!')]), () => 0.99, 1_000);
    expect(got.map((f) => f.toString())).toEqual(['first', 'second', 'third!']);
  });

  it('copies small frames of every connection into aligned slices that never overlap, and each survives the others (seeded)', () => {
    const random = seededRandom(0x51ab);
    const got: Buffer[] = [];
    const receivers = [0, 1, 2].map(() => new FrameReceiver(1 << 20, (f) => got.push(f), () => undefined));
    const sent: Buffer[] = [];
    for (let i = 0; i < 600; i++) {
      // Mostly small (sliced), some past the slice limit (a buffer of their own), interleaved.
      const size = random() < 0.9 ? Math.floor(random() * 2_000) : 4_000 + Math.floor(random() * 8_000);
      const payload = Buffer.alloc(size);
      for (let b = 0; b < size; b++) payload[b] = (i * 7 + b) & 0xff;
      sent.push(payload);
      feed(receivers[i % 3]!, framed([payload]), random, 3_000);
    }
    // Every frame still holds what was sent: no later frame was copied over it.
    expect(got.length).toBe(sent.length);
    expect(got.every((f, i) => f.equals(sent[i]!))).toBe(true);
    expect(got.every((f) => f.byteOffset % 8 === 0)).toBe(true);
    const byBacking = new Map<ArrayBufferLike, [number, number][]>();
    for (const f of got) byBacking.set(f.buffer, [...(byBacking.get(f.buffer) ?? []), [f.byteOffset, f.byteOffset + f.length]]);
    for (const ranges of byBacking.values()) {
      ranges.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBeGreaterThanOrEqual(ranges[i - 1]![1]);
    }
    // Small frames share backing stores: a 32 KiB slab holds about thirty of these, where Node's
    // 8 KiB pool held about eight.
    const small = got.filter((f) => f.length <= 4096);
    expect(new Set(small.map((f) => f.buffer)).size).toBeLessThan(small.length / 16);
  });

  it('fails on a negative or oversized frame size, without allocating it', () => {
    for (const size of [-1, 2 ** 31 - 1]) {
      const failures: string[] = [];
      const receiver = new FrameReceiver(1 << 20, () => undefined, (reason) => failures.push(reason));
      const header = Buffer.alloc(8);
      header.writeInt32BE(size);
      feed(receiver, header, () => 0.99, 100);
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatch(/outside 0\.\.1048576/);
    }
  });
});
