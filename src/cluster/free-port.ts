// A TCP port nobody listens on right now, for listeners whose address other nodes must know
// before they start (the controller quorum's voters). Such a node restarts on the same port, so the
// port is taken below the range the kernel hands out as source ports of outgoing connections
// (Linux: ip_local_port_range): a port from that range, free while its node was down, may have
// become some connection's source port, and the restart would fail with EADDRINUSE.
import fs from 'node:fs';
import net from 'node:net';

/** Ports below this are left alone (well-known and registered services). */
const LOWEST = 10_000;
const TRIES = 50;

export async function freePort(host: string): Promise<number> {
  const ephemeralStart = ephemeralRangeStart();
  if (ephemeralStart !== undefined && ephemeralStart - LOWEST >= 1_000) {
    for (let i = 0; i < TRIES; i++) {
      const port = LOWEST + Math.floor(Math.random() * (ephemeralStart - LOWEST));
      if (await listens(host, port)) return port;
    }
  }
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host, port: 0 }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The first port of the kernel's range for outgoing connections, where it can be read. */
export function ephemeralRangeStart(): number | undefined {
  try {
    const start = Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(start) && start > 0 ? start : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a listener can take the port now (it is let go again at once). */
function listens(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port }, () => server.close(() => resolve(true)));
  });
}
