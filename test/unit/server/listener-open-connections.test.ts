// A listener's count of open connections per address (max.connections.per.ip): a connection over
// the count is closed at once with one log line, on plaintext and on TLS (counted from the TCP
// accept, so its failed handshake is not logged again), and a counted one is uncounted once when
// it closes, whichever socket it was read through.
import net from 'node:net';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { createCa, issueCertificate } from '../../../src/cluster/certificates.js';
import { Listener } from '../../../src/server/listener.js';

const limits = { maxFrameBytes: 1 << 20, idleTimeoutMs: 60_000, maxInFlight: 16, maxQueuedBytes: 1 << 20 };
const ca = createCa();
const server = issueCertificate(ca, { commonName: 'localhost', hosts: ['127.0.0.1'] });
let listener: Listener | undefined;

afterEach(async () => {
  await listener?.close(100);
  listener = undefined;
});

/** A listener that lets `max` connections be open at once, and what it logged and counted. */
async function limitedListener(max: number, secure: boolean): Promise<{ lines: string[]; open: () => number; closes: () => number }> {
  const lines: string[] = [];
  let open = 0;
  let closes = 0;
  listener = new Listener({
    name: 'L', host: '127.0.0.1', port: 0, limits,
    log: { warn: (_f, m) => lines.push(`warn ${m}`), info: (_f, m) => lines.push(`info ${m}`), debug() {} },
    handler: { handle: () => null },
    ...(secure ? { tls: { key: server.key, cert: server.cert } } : {}),
    openConnections: {
      open: () => (open < max ? (open++, true) : false),
      close: () => { open--; closes++; },
    },
  });
  await listener.listen();
  return { lines, open: () => open, closes: () => closes };
}

/** Connects: `closed` settles when the server hangs up; `ready` when a TLS handshake is done, or
 * at once for plaintext (whose refusal comes after the TCP connect). */
function connect(secure: boolean): { socket: net.Socket; ready: Promise<void>; closed: Promise<void> } {
  const socket: net.Socket = secure
    ? tls.connect({ host: '127.0.0.1', port: listener!.port, ca: ca.cert, servername: 'localhost' })
    : net.connect({ host: '127.0.0.1', port: listener!.port });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const ready = new Promise<void>((resolve) => socket.once(secure ? 'secureConnect' : 'connect', () => resolve()));
  return { socket, ready, closed };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe.each([['plaintext', false], ['TLS', true]])('open connections per address, %s', (_, secure) => {
  it('closes the one over the count with one log line, and uncounts a closed one once', async () => {
    const l = await limitedListener(1, secure);
    const first = connect(secure);
    await first.ready;
    await until(() => listener!.connectionCount === 1);
    expect(l.open()).toBe(1);
    // The second is closed by the server (this waits for that), and only logged once.
    await connect(secure).closed;
    await until(() => l.lines.length > 0);
    expect(first.socket.destroyed).toBe(false);
    first.socket.destroy();
    await until(() => l.open() === 0);
    expect(l.open()).toBe(0);
    expect(l.closes()).toBe(1);
    expect(l.lines).toEqual(['info address already has its maximum of open connections (max.connections.per.ip): connection closed']);
    const again = connect(secure);
    await again.ready;
    // Served (its TLS handshake done on the server's side too), not only counted.
    await until(() => listener!.connectionCount === 1);
    expect(l.open()).toBe(1);
    again.socket.destroy();
    await until(() => l.open() === 0);
    expect(l.closes()).toBe(2);
    expect(l.lines).toHaveLength(1);
  });
});
