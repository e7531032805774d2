// A TCP port nobody listens on right now, for listeners whose address other nodes must know
// before they start (the controller quorum's voters). Such a node restarts on the same port, so the
// port is taken below the range the kernel hands out as source ports of outgoing connections
// (Linux: ip_local_port_range): a port from that range, free while its node was down, may have
// become some connection's source port, and the restart would fail with EADDRINUSE.
//
// For the same reason a port handed out is claimed, in a file named after it under the temp
// directory, until its process exits: another freePort (in this process, or in the next test
// runner worker) would otherwise find it free while its node restarts and hand it out again. A
// claim whose process is gone, or that is older than a day, no longer counts.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { processExists } from '../../storage/dir-lock.js';

/** Ports below this are left alone (well-known and registered services). */
const LOWEST = 10_000;
const TRIES = 50;

/** Ports to pick from: `from` up to, not including, `to`. */
export interface PortRange {
  from: number;
  to: number;
}

/** A free port of `range` (default: from 10,000 up to the kernel's source ports), claimed; a port
 * the kernel picks when the range has none free (or the source ports' range cannot be read). */
export async function freePort(host: string, range = defaultRange()): Promise<number> {
  if (range !== undefined) {
    for (let i = 0; i < TRIES; i++) {
      const port = range.from + Math.floor(Math.random() * (range.to - range.from));
      // Claimed before the check that awaits, so concurrent calls never pick the same port.
      if (claimed(port) || !claim(port)) continue;
      if (await listens(host, port)) return port;
      unclaim(port);
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

function defaultRange(): PortRange | undefined {
  const ephemeralStart = ephemeralRangeStart();
  return ephemeralStart !== undefined && ephemeralStart - LOWEST >= 1_000 ? { from: LOWEST, to: ephemeralStart } : undefined;
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

const CLAIMS = path.join(os.tmpdir(), 'kraftling-ports');
const CLAIM_MAX_AGE_MS = 24 * 3_600_000;
/** Ports this process claimed: their files go when it exits. */
const ours = new Set<number>();
let firstClaimed = false;

/** Whether a live claim (a running process's, ours included) holds the port. */
function claimed(port: number): boolean {
  let text: string;
  try {
    text = fs.readFileSync(path.join(CLAIMS, String(port)), 'utf8');
  } catch {
    return false;
  }
  return live(text);
}

function live(claim: string): boolean {
  const [pid, atMs] = claim.split(' ').map(Number) as [number, number];
  return Number.isSafeInteger(pid) && processExists(pid) && Date.now() - atMs < CLAIM_MAX_AGE_MS;
}

function sweepStale(): void {
  try {
    for (const name of fs.readdirSync(CLAIMS)) {
      if (name.includes('.')) continue; // a claim being written
      const file = path.join(CLAIMS, name);
      try {
        if (!live(fs.readFileSync(file, 'utf8'))) fs.unlinkSync(file);
      } catch {
        // Taken over or swept by another process meanwhile.
      }
    }
  } catch {
    // No claims directory to sweep.
  }
}

/**
 * Writes this process's claim on the port (over a stale one: claimed() said none is live), false
 * if another process claimed it in the meantime. Where no claim can be written (no writable temp
 * directory) the port is handed out unclaimed, as before claims.
 */
function claim(port: number): boolean {
  const file = path.join(CLAIMS, String(port));
  const mine = `${process.pid} ${Date.now()}`;
  try {
    fs.mkdirSync(CLAIMS, { recursive: true });
    const temp = `${file}.${process.pid}`;
    fs.writeFileSync(temp, mine);
    fs.renameSync(temp, file);
  } catch {
    return true;
  }
  // Two processes that found the same claim stale at once: one that sees the other's rename over
  // its own stands back.
  let won = true;
  try {
    won = fs.readFileSync(file, 'utf8') === mine;
  } catch {
    // Unreadable right after the write: keep it.
  }
  if (!won) return false;
  if (!firstClaimed) {
    // Test runners often kill their workers, which leaves their claims behind: the first claim of
    // a process clears the ones no live process holds.
    firstClaimed = true;
    process.once('exit', releaseClaims);
    sweepStale();
  }
  ours.add(port);
  return true;
}

function unclaim(port: number): void {
  ours.delete(port);
  const file = path.join(CLAIMS, String(port));
  try {
    if (fs.readFileSync(file, 'utf8').startsWith(`${process.pid} `)) fs.unlinkSync(file);
  } catch {
    // Gone already, or never written.
  }
}

function releaseClaims(): void {
  for (const port of [...ours]) unclaim(port);
}
