// Ports for listeners that restart on the same address are taken below the kernel's range of
// source ports for outgoing connections, so no connection made while the node was down holds it.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { ephemeralRangeStart, freePort } from '../../../src/cluster/free-port.js';

describe('freePort', () => {
  it('gives ports that bind, below the range outgoing connections take their source ports from', async () => {
    const start = ephemeralRangeStart();
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort('127.0.0.1')));
    for (const port of ports) {
      if (start !== undefined) expect(port).toBeLessThan(start);
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: '127.0.0.1', port }, resolve);
      });
      await new Promise((r) => server.close(r));
    }
  });
});
