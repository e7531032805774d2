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

/** Connects; resolves 'open' once connected (TLS: after the handshake), or 'closed' when the server hung up. */
function connect(secure: boolean): Promise<{ state: 'open' | 'closed'; socket: net.Socket }> {
  return new Promise((resolve) => {
    const socket: net.Socket = secure
      ? tls.connect({ host: '127.0.0.1', port: listener!.port, ca: ca.cert, servername: 'localhost' })
      : net.connect({ host: '127.0.0.1', port: listener!.port });
    socket.on('error', () => {});
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      // A plaintext refusal comes after the TCP connect: wait a moment for the hang-up.
      if (secure) resolve({ state: 'open', socket });
      else setTimeout(() => resolve({ state: socket.destroyed || socket.readableEnded ? 'closed' : 'open', socket }), 100);
    });
    socket.once('close', () => resolve({ state: 'closed', socket }));
  });
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe.each([['plaintext', false], ['TLS', true]])('open connections per address, %s', (_, secure) => {
  it('closes the one over the count with one log line, and uncounts a closed one once', async () => {
    const l = await limitedListener(1, secure);
    const first = await connect(secure);
    expect(first.state).toBe('open');
    expect((await connect(secure)).state).toBe('closed');
    await until(() => l.lines.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(l.lines).toEqual(['info address already has its maximum of open connections (max.connections.per.ip): connection closed']);
    first.socket.destroy();
    await until(() => l.open() === 0);
    expect(l.open()).toBe(0);
    expect(l.closes()).toBe(1);
    const again = await connect(secure);
    expect(again.state).toBe('open');
    again.socket.destroy();
    await until(() => l.open() === 0);
    expect(l.closes()).toBe(2);
  });
});
