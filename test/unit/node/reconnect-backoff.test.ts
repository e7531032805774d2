// Reconnect back-off: delays grow exponentially with jitter up to the cap, and a failure that goes
// on is logged once and then at most once per interval; against a real socket that closes every
// connection at once (a foreign or broken neighbour), a caller retrying in a tight loop dials it
// only a few times; a dial under way when the client closes ends quietly (a cluster's clean stop
// logged a warning for its last node's dial to a node already stopped).
import net from 'node:net';
import { createLogger, type Logger } from '../../../src/logger.js';
import { afterAll, expect, it } from 'vitest';
import { PeerClient } from '../../../src/node/peer-client.js';
import { ReconnectBackoff } from '../../../src/node/reconnect-backoff.js';
import { ApiVersionsApi } from '../../../protocol/generated/api/18-api-versions.js';

function capture(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'info', pretty: false, destination: { write: (l: string) => { lines.push(JSON.parse(l) as Record<string, unknown>); } } });
  return { log, lines };
}

it('backs off exponentially with jitter up to the cap, and resets on success', () => {
  let now = 0;
  const { log } = capture();
  const settings = { initialMs: 50, maxMs: 1_000, jitter: 0.2, logIntervalMs: 30_000 };
  for (const r of [0, 0.5, 0.999]) {
    const b = new ReconnectBackoff('x:1', settings, () => now, () => r, log);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      b.failed('refused');
      waits.push(b.waitMs());
    }
    const bases = [50, 100, 200, 400, 800, 1000, 1000, 1000];
    waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(bases[i]! * 0.8 - 1e-9);
      expect(w).toBeLessThanOrEqual(bases[i]! * 1.2 + 1e-9);
    });
    b.succeeded();
    expect(b.waitMs()).toBe(0);
  }
  now = 0;
});

it('logs a failure that goes on once, then at most once per interval, and says when it is over', () => {
  let now = 0;
  const { log, lines } = capture();
  const b = new ReconnectBackoff('x:1', { initialMs: 50, maxMs: 1_000, jitter: 0.2, logIntervalMs: 30_000 }, () => now, () => 0.5, log);
  for (let i = 0; i < 600; i++) {
    b.failed('refused');
    now += 100; // ten minutes of failures, one every 100 ms
  }
  const warnings = lines.filter((l) => l.level === 40);
  expect(warnings).toHaveLength(2);
  expect(warnings[1]!.failures).toBe(300);
  b.succeeded();
  expect(lines.at(-1)!.msg).toBe('reached x:1 again');
});

const server = net.createServer((socket) => { accepted++; socket.destroy(); });
let accepted = 0;
afterAll(() => server.close());

it('a caller retrying in a tight loop dials a neighbour that drops every connection only a few times', async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as net.AddressInfo).port;
  const { log, lines } = capture();
  const peers = new PeerClient('test', 1_000, log);
  const attempts = 200;
  for (let i = 0; i < attempts; i++) {
    await expect(peers.request({ host: '127.0.0.1', port }, ApiVersionsApi, 3, { clientSoftwareName: 't', clientSoftwareVersion: '1' }, 1_000)).rejects.toThrow();
  }
  peers.close();
  // Without back-off every attempt dials (200 connections); with it, a handful in the loop's time.
  expect(accepted).toBeLessThan(attempts / 4);
  expect(lines.filter((l) => l.level === 40)).toHaveLength(1);
});

it('a dial still under way when its client closes (a node stopping) is aborted, and its failure is not logged', async () => {
  // A port nobody listens on: the dial fails, but only after close() has returned.
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const { log, lines } = capture();
  const peers = new PeerClient('test', 1_000, log);
  const request = peers.request({ host: '127.0.0.1', port }, ApiVersionsApi, 3, { clientSoftwareName: 't', clientSoftwareVersion: '1' }, 1_000);
  peers.close();
  await expect(request).rejects.toThrow(/closed/);
  await new Promise((r) => setTimeout(r, 50));
  expect(lines).toEqual([]);
});
