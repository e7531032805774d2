// The TCP adapter over real sockets: responses leave in request order even when handlers finish
// out of order, a client that stops reading stops the server from reading its requests, and one
// connection's backlog does not keep the others waiting.
import net from 'node:net';
import type { TlsOptions } from 'node:tls';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createCa, issueCertificate } from '../../../src/cluster/certificates.js';
import { Listener } from '../../../src/server/listener.js';
import type { Response } from '../../../src/server/connection.js';
import { seededRandom } from '../../helpers/seeded-random.js';

const quiet = { warn() {}, debug() {}, info() {} };
const limits = { maxFrameBytes: 1 << 20, idleTimeoutMs: 60_000, maxInFlight: 16, maxQueuedBytes: 1 << 20 };
let listener: Listener | undefined;
const ca = createCa();
const serverCert = issueCertificate(ca, { commonName: 'localhost', hosts: ['127.0.0.1', 'localhost'] });

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

async function start(handle: (frame: Buffer) => Response | Promise<Response>, extra: Partial<typeof limits> = {}, tls?: TlsOptions): Promise<number> {
  listener = new Listener({ name: 'TEST', host: '127.0.0.1', port: 0, limits: { ...limits, ...extra }, handler: { handle }, log: quiet, tls });
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

  // libuv reads a ready socket up to 32 times (2 MiB) before it looks at another. Without a limit on
  // each connection's turn, a producer's backlog of requests held everything else for that long.
  // The clients run on a thread of their own, so the flood keeps arriving while the server is busy:
  // its first 40,000 requests cost nothing (the socket's receive window grows to several MiB), the
  // rest 50 us each; the other connection's request is sent during those. Over TLS the frames come
  // from 'data' events instead of the plaintext reads into frame buffers: the same limit applies.
  it.each([['plaintext', false], ['TLS', true]])('lets another connection in while one has a backlog of requests to handle (%s)', async (_name, secure) => {
    const cheap = 40_000;
    const total = 60_000;
    const flags = new Int32Array(new SharedArrayBuffer(8));
    let afterOtherSent = 0;
    let waited = -1;
    const port = await start((f) => {
      const n = f.readInt32BE(0);
      if (n < 0) waited = afterOtherSent;
      else if (Atomics.load(flags, 0) === 1) afterOtherSent++;
      if (n === cheap + 2_000) Atomics.store(flags, 1, 1);
      if (n >= cheap) {
        const until = performance.now() + 0.05;
        while (performance.now() < until) { /* the request's work */ }
      }
      return [frame(n)];
    }, { maxInFlight: 1_000_000, maxQueuedBytes: 1 << 30 }, secure ? { key: serverCert.key, cert: serverCert.cert } : undefined);
    const clients = new Worker(`
      const { workerData: { port, flags, total, ca } } = require('node:worker_threads');
      const frame = (n) => { const b = Buffer.alloc(1024); b.writeInt32BE(1020, 0); b.writeInt32BE(n, 4); return b; };
      const connect = () => ca === null ? require('node:net').connect(port, '127.0.0.1')
        : require('node:tls').connect({ port, host: '127.0.0.1', ca, servername: 'localhost' });
      const flood = connect();
      const other = connect();
      let answered = 0;
      flood.on('data', (d) => { answered += d.length; if (answered === total * 12) flood.end(); });
      other.on('data', () => other.end());
      flood.write(Buffer.concat(Array.from({ length: total }, (_, i) => frame(i))));
      const check = setInterval(() => {
        if (Atomics.load(flags, 1) !== 1) return;
        clearInterval(check);
        other.write(frame(-1));
        Atomics.store(flags, 0, 1);
      }, 1);
    `, { eval: true, workerData: { port, flags, total, ca: secure ? ca.cert : null } });
    await new Promise((resolve, reject) => clients.once('exit', resolve).once('error', reject));
    expect(waited).toBeGreaterThanOrEqual(0);
    expect(waited).toBeLessThan(300);
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

  it('reads frames of every size whole over a plaintext socket, however the client splits its writes (seeded)', async () => {
    const random = seededRandom(0x5ca1e);
    // Each answer: the frame's size and a checksum of its bytes, so a frame cut, joined or
    // overwritten (a staging buffer reused under it) shows.
    const port = await start((f) => {
      const answer = Buffer.alloc(12);
      answer.writeInt32BE(8, 0);
      answer.writeInt32BE(f.length, 4);
      answer.writeInt32BE(checksum(f), 8);
      return new Promise((r) => setImmediate(() => r([answer])));
    }, { maxFrameBytes: 1 << 20, maxQueuedBytes: 1 << 22 });
    const sizes = Array.from({ length: 120 }, () => (random() < 0.3 ? 1 + Math.floor(random() * 400_000) : 1 + Math.floor(random() * 3000)));
    const payloads = sizes.map((size) => Buffer.from(Array.from({ length: size }, () => Math.floor(random() * 256))));
    const stream = Buffer.concat(payloads.flatMap((p) => [sizePrefix(p.length), p]));
    const socket = net.connect(port, '127.0.0.1');
    const answers: [number, number][] = [];
    let buf = Buffer.alloc(0);
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      for (; buf.length >= 12; buf = buf.subarray(12)) answers.push([buf.readInt32BE(4), buf.readInt32BE(8)]);
    });
    await new Promise((r) => socket.once('connect', r));
    for (let pos = 0; pos < stream.length;) {
      const n = Math.min(stream.length - pos, 1 + Math.floor(random() * 200_000));
      if (!socket.write(stream.subarray(pos, pos + n))) await new Promise((r) => socket.once('drain', r));
      pos += n;
      if (random() < 0.2) await new Promise((r) => setTimeout(r, 1));
    }
    await until(() => answers.length === payloads.length);
    expect(answers).toEqual(payloads.map((p) => [p.length, checksum(p)]));
    // The connection is still open: close() ends it and returns (a socket the listener lost track
    // of would keep the server from closing).
    const closed = new Promise((r) => socket.once('close', r));
    await listener!.close(100);
    listener = undefined;
    await closed;
  });

  it('forgets a client cut off in the middle of a large frame, and keeps serving others', async () => {
    const port = await start((f) => [frame(f.readInt32BE(0))]);
    const cut = net.connect(port, '127.0.0.1');
    await new Promise((r) => cut.once('connect', r));
    const large = frame(1, 500_000);
    cut.write(large.subarray(0, 200_000));
    await until(() => listener!.connectionCount === 1);
    cut.resetAndDestroy();
    await until(() => listener!.connectionCount === 0);
    const good = net.connect(port, '127.0.0.1');
    const answer = new Promise<Buffer>((r) => good.once('data', r));
    good.write(frame(7, 100_000));
    expect((await answer).readInt32BE(4)).toBe(7);
    good.destroy();
  });
});

function sizePrefix(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function checksum(b: Buffer): number {
  let h = 0;
  for (let i = 0; i < b.length; i++) h = (Math.imul(h, 31) + b[i]!) | 0;
  return h;
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 5));
}

