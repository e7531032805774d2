// The HTTP listener through `kraftling start` in a child process: --http and the config key turn it
// on and the ready line names its bound address; a bad address stops the start with a message
// naming the expected form; and with the listener off, no HTTP code is loaded at all (the
// listener's cost is only paid by those who turn it on).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, startBrokerProcess } from '../helpers/broker-process.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function readyLineHealth(args: string[]): Promise<number> {
  const broker = await startBrokerProcess(['--ephemeral', '--port', '0', '--log-level', 'warn', ...args]);
  try {
    const http = /http=(\S+)/.exec(broker.stdout())?.[1];
    expect(http, broker.stdout()).toMatch(/^127\.0\.0\.1:\d+$/);
    return (await fetch(`http://${http}/health`)).status;
  } finally {
    broker.child.kill('SIGTERM');
    await broker.exited;
  }
}

describe('kraftling start with the HTTP listener', () => {
  it('serves /health on the address the ready line names (--http)', async () => {
    expect(await readyLineHealth(['--http', '127.0.0.1:0'])).toBe(200);
  });

  it('is turned on by the config key kraftling.http.listener too', async () => {
    expect(await readyLineHealth(['-o', 'kraftling.http.listener=127.0.0.1:0'])).toBe(200);
  });

  it('refuses an address that is not host:port, saying so', async () => {
    const res = await runCli(['start', '--ephemeral', '--port', '0', '--log-level', 'silent', '--http', 'everywhere']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--http: .*host:port/);
  });

  it('loads no HTTP code when the listener is off', () => {
    const script = [
      `const { Cluster } = await import(${JSON.stringify(path.join(ROOT, 'src/cluster/cluster.ts'))});`,
      "const c = await Cluster.start({ logLevel: 'silent', http: process.argv[1] || undefined });",
      "const http = process.moduleLoadList.filter((m) => /^NativeModule (http|_http_server)$/.test(m));",
      'await c.stop(); console.log(JSON.stringify(http));',
    ].join('\n');
    const run = (arg: string): string[] => {
      const res = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, arg], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      return JSON.parse(res.stdout.trim().split('\n').pop() || 'null');
    };
    expect(run('')).toEqual([]);
    // The check itself would see the module: with the listener on, it is there.
    expect(run('127.0.0.1:0')).toContain('NativeModule http');
  });
});
