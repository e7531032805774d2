// Ports for listeners that restart on the same address are taken below the kernel's range of
// source ports for outgoing connections, so no connection made while the node was down holds it;
// and each is claimed until its process exits, so no other freePort (another test worker's) hands
// it out again while its node is down for a restart.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ephemeralRangeStart, freePort } from '../../../src/cluster/free-port.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function listens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port }, () => server.close(() => resolve(true)));
  });
}

describe('freePort', () => {
  it('gives ports that bind, below the range outgoing connections take their source ports from', async () => {
    const start = ephemeralRangeStart();
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort('127.0.0.1')));
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) {
      if (start !== undefined) expect(port).toBeLessThan(start);
      expect(await listens(port)).toBe(true);
    }
  });

  it('never hands out a port another live process took, even while nothing listens on it; a dead one\'s claim lapses', async () => {
    // Below the default range (10,000 up to the kernel's source ports), which other test workers'
    // nodes take ports from meanwhile: one of them could claim or bind base + 1 between this check
    // and the child's pick.
    let base = 0;
    while (base === 0) {
      const candidate = 5_000 + Math.floor(Math.random() * 4_000);
      if ((await listens(candidate)) && (await listens(candidate + 1)) && (await listens(candidate + 2))) base = candidate;
    }
    // Another process (a test worker whose node is down for a restart) takes the first two, and
    // listens on neither.
    const script = `import { freePort } from ${JSON.stringify(path.join(ROOT, 'src/cluster/free-port.ts'))};
      const range = { from: Number(process.argv[1]), to: Number(process.argv[2]) };
      const ports = [await freePort('127.0.0.1', range), await freePort('127.0.0.1', range)];
      process.stdout.write(ports.join(' ') + '\\n');
      process.stdin.resume();`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, String(base), String(base + 2)],
      { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const line = await new Promise<string>((resolve) => readline.createInterface({ input: child.stdout! }).once('line', resolve));
      expect(line.split(' ').map(Number).sort()).toEqual([base, base + 1]);

      const range = { from: base, to: base + 3 };
      expect(await freePort('127.0.0.1', range)).toBe(base + 2);
      // All three claimed now (the last by this process): the kernel picks one elsewhere.
      const elsewhere = await freePort('127.0.0.1', range);
      expect(elsewhere < base || elsewhere >= base + 3).toBe(true);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    // Killed without a chance to let its claims go: they lapse with it.
    expect([base, base + 1]).toContain(await freePort('127.0.0.1', { from: base, to: base + 2 }));
  });
});
