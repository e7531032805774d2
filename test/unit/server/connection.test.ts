// The TCP adapter over real sockets: responses leave in request order even when handlers finish
// out of order, and a client that stops reading stops the server from reading its requests.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Listener } from '../../../src/server/listener.js';
import type { Response } from '../../../src/server/connection.js';

const quiet = { warn() {}, debug() {}, info() {} };
const limits = { maxFrameBytes: 1 << 20, idleTimeoutMs: 60_000, maxInFlight: 16, maxQueuedBytes: 1 << 20 };
let listener: Listener | undefined;

afterEach(async () => {
  await listener?.close(100);
  listener = undefined;
});

function frame(n: number, size = 8): Buffer {
  const b = Buffer.alloc(4 + size);
  b.writeInt32BE(size, 0);
  b.writeInt32BE(n, 4);
  return b;
}

async function start(handle: (frame: Buffer) => Response | Promise<Response>, extra: Partial<typeof limits> = {}): Promise<number> {
  listener = new Listener({ name: 'TEST', host: '127.0.0.1', port: 0, limits: { ...limits, ...extra }, handler: { handle }, log: quiet });
  await listener.listen();
  return listener.port;
}

describe('Connection', () => {
  it('answers pipelined requests in request order when handlers finish out of order', async () => {
    const port = await start((f) => {
      const n = f.readInt32BE(0);
      const answer = [frame(n)];
      return n % 3 === 0 ? new Promise((r) => setTimeout(() => r(answer), 30 - n)) : answer;
    });
    const socket = net.connect(port, '127.0.0.1');
    const seen: number[] = [];
    let buf = Buffer.alloc(0);
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 12) {
        seen.push(buf.readInt32BE(4));
        buf = buf.subarray(12);
      }
    });
    for (let i = 0; i < 20; i++) socket.write(frame(i));
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (seen.length === 20) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    socket.destroy();
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('stops reading from a client that does not read its responses', async () => {
    let handled = 0;
    const big = Buffer.alloc(256 * 1024);
    const port = await start((f) => {
      handled++;
      const answer = Buffer.concat([frame(f.readInt32BE(0), big.length), big]);
      answer.writeInt32BE(big.length + 8, 0);
      return [answer];
    });
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.pause();
    const sent = 5_000;
    for (let i = 0; i < sent; i++) socket.write(frame(i, 1024));
    await new Promise((r) => setTimeout(r, 500));
    const afterWait = handled;
    await new Promise((r) => setTimeout(r, 300));
    socket.destroy();
    // Each 256 KiB answer fills the outgoing queue quickly: the server must stop long before 5,000.
    expect(afterWait).toBeLessThan(sent / 5);
    expect(handled).toBe(afterWait);
  });

  it('closes a connection that sends a frame above the limit, and keeps serving others', async () => {
    const port = await start((f) => [frame(f.readInt32BE(0))], { maxFrameBytes: 100 });
    const bad = net.connect(port, '127.0.0.1');
    const closed = new Promise((r) => bad.once('close', r));
    bad.write(frame(1, 1000));
    await closed;
    const good = net.connect(port, '127.0.0.1');
    const answer = new Promise<Buffer>((r) => good.once('data', r));
    good.write(frame(7));
    expect((await answer).readInt32BE(4)).toBe(7);
    good.destroy();
  });

  it('closes idle connections after the idle timeout', async () => {
    const port = await start((f) => [frame(f.readInt32BE(0))], { idleTimeoutMs: 100 });
    const socket = net.connect(port, '127.0.0.1');
    const started = Date.now();
    await new Promise((r) => socket.once('close', r));
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });
});
