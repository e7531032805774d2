// The cluster's controls out of process, for test suites in other languages: a small JSON-over-HTTP
// endpoint, off unless kraftling.control.listener names an address. Each POST is one control of
// the embedded API (kill, stop, restart, isolate, heal, fail-requests, latency, drop-connections,
// clear-faults, reset); GET /cluster describes the nodes. Interception hooks are functions, so
// they exist only in process. No authentication: bind it to loopback.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cluster } from './cluster.js';
import type { IsolateOptions } from './cluster-faults.js';

type Body = Record<string, unknown>;
type Control = (cluster: Cluster, body: Body) => unknown;

const MAX_BODY_BYTES = 64 * 1024;

function nodeOf(body: Body): number {
  const node = body.node;
  if (typeof node !== 'number' || !Number.isInteger(node)) throw new ControlError('"node" must be a node id');
  return node;
}

class ControlError extends Error {}

const CONTROLS: Readonly<Record<string, Control>> = {
  kill: (c, b) => c.kill(nodeOf(b)),
  stop: (c, b) => c.stop(nodeOf(b)),
  restart: (c, b) => c.restart(nodeOf(b)),
  isolate: (c, b) => c.faults.isolate(nodeOf(b), { direction: b.direction as IsolateOptions['direction'], clients: b.clients as IsolateOptions['clients'] }),
  heal: (c, b) => c.faults.heal(b.node === undefined ? undefined : nodeOf(b)),
  'fail-requests': (c, b) => {
    if (typeof b.apiKey !== 'number' || !Array.isArray(b.errorCodes) || !b.errorCodes.every((e) => typeof e === 'number')) {
      throw new ControlError('"apiKey" must be a number and "errorCodes" an array of numbers');
    }
    c.faults.failRequests(nodeOf(b), b.apiKey, b.errorCodes as number[]);
  },
  latency: (c, b) => {
    if (typeof b.ms !== 'number' || b.ms < 0) throw new ControlError('"ms" must be a number >= 0');
    c.faults.setLatency(nodeOf(b), b.ms);
  },
  'drop-connections': (c, b) => c.faults.dropConnections(nodeOf(b)),
  'clear-faults': (c) => c.faults.clear(),
  reset: (c) => c.reset(),
};

export class ControlServer {
  private readonly server: http.Server;

  constructor(private readonly cluster: Cluster) {
    this.server = http.createServer((req, res) => void this.serve(req, res));
  }

  async listen(host: string, port: number): Promise<{ host: string; port: number }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host, port }, () => resolve());
    });
    return { host, port: (this.server.address() as AddressInfo).port };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const name = (req.url ?? '/').replace(/^\//, '').replace(/\?.*$/, '');
    try {
      if (req.method === 'GET' && name === 'cluster') return reply(res, 200, this.describe());
      const control = req.method === 'POST' ? CONTROLS[name] : undefined;
      if (!control) return reply(res, 404, { error: `no control ${req.method} /${name}; POST one of: ${Object.keys(CONTROLS).join(', ')}` });
      await control(this.cluster, await readJson(req));
      reply(res, 200, this.describe());
    } catch (err) {
      reply(res, err instanceof ControlError || err instanceof RangeError ? 400 : 500, { error: (err as Error).message });
    }
  }

  private describe(): unknown {
    return {
      controllerId: this.cluster.controllerId() ?? null,
      bootstrapServers: this.cluster.bootstrapServers,
      nodes: this.cluster.nodes.map((n) => ({ id: n.nodeId, status: n.status })),
    };
  }
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(`${JSON.stringify(body)}\n`);
}

async function readJson(req: http.IncomingMessage): Promise<Body> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > MAX_BODY_BYTES) throw new ControlError('body too large');
  }
  if (text.trim() === '') return {};
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Body;
  } catch {
    // answered below
  }
  throw new ControlError('body must be a JSON object');
}
