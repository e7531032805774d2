// The operator's HTTP listener: /health, /metrics (Prometheus text) and the web console with its
// small JSON API, on Node's own http module. Loaded by a dynamic import only when the listener is
// turned on, so a plain `kraftling start` neither parses nor allocates any of it.
// Bad requests get a 4xx and one debug log line; a handler that throws gets a 500 and one error
// line; nothing here can take the process down.
import http from 'node:http';
import type { Logger } from '../../logger.js';
import type { NodeView } from '../../node/node.js';
import { consoleApi } from './console-api.js';
import { CONSOLE_PAGE } from './console-page.js';
import { healthOf } from './health.js';
import { parseHttpAddress } from './http-address.js';
import { HttpError } from './http-error.js';
import { metricsText } from './metrics-text.js';
import { GcCounter } from './process-metrics.js';

/** What the console may do to the nodes of an in-process cluster; absent members are not offered. */
export interface NodeControls {
  kill?(nodeId: number): Promise<void>;
  restart?(nodeId: number): Promise<void>;
  isolate?(nodeId: number): Promise<void>;
  heal?(nodeId: number): Promise<void>;
}

export interface HttpTarget {
  readonly clusterId: string;
  /** The nodes of this process, as they are now (a restarted node is a new view). */
  nodes(): NodeView[];
  readonly controls: NodeControls;
}

/** Longest request body accepted (the console's POSTs carry none). */
const MAX_BODY_BYTES = 4096;

export class HttpListener {
  private constructor(
    private readonly server: http.Server,
    private readonly gc: GcCounter,
    readonly host: string,
    readonly port: number,
  ) {}

  static async start(address: string, target: HttpTarget, log: Logger): Promise<HttpListener> {
    const { host, port } = parseHttpAddress(address);
    const gc = new GcCounter();
    const server = http.createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
      serve(req, res, target, gc).catch((err: unknown) => fail(res, err, log));
    });
    // Malformed HTTP: Node's parser refuses it; answer 400 and drop the socket, as a server should.
    server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
      log.debug({ err: err.message }, 'bad HTTP request');
      if (socket.writable && !socket.destroyed) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      else socket.destroy();
    });
    server.keepAliveTimeout = 5_000;
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const bound = server.address() as { port: number };
    gc.start();
    return new HttpListener(server, gc, host, bound.port);
  }

  /** host:port as bound (the port resolved when 0 was asked for). */
  get address(): string {
    return this.host.includes(':') ? `[${this.host}]:${this.port}` : `${this.host}:${this.port}`;
  }

  /** Stops accepting and drops open connections (live-update polls hold keep-alive sockets). */
  close(): Promise<void> {
    this.gc.stop();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse, target: HttpTarget, gc: GcCounter): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  await drainBody(req);
  if (method === 'GET' || method === 'HEAD') {
    if (url.pathname === '/health') {
      const health = healthOf(target.nodes(), url.searchParams.get('node'));
      return send(res, health.healthy ? 200 : 503, 'application/json', JSON.stringify(health));
    }
    if (url.pathname === '/metrics') return send(res, 200, 'text/plain; version=0.0.4; charset=utf-8', metricsText(target.nodes(), gc));
    if (url.pathname === '/' || url.pathname === '/index.html') return send(res, 200, 'text/html; charset=utf-8', CONSOLE_PAGE);
  }
  if (url.pathname.startsWith('/api/')) {
    const body = await consoleApi(method, url, target);
    return send(res, 200, 'application/json', JSON.stringify(body));
  }
  if (['/health', '/metrics', '/', '/index.html'].includes(url.pathname)) throw new HttpError(405, `${method} is not allowed here`);
  throw new HttpError(404, `no such path: ${url.pathname}`);
}

/** Reads and drops a request body, refusing one larger than any this listener takes. */
async function drainBody(req: http.IncomingMessage): Promise<void> {
  let bytes = 0;
  for await (const chunk of req) {
    bytes += (chunk as Buffer).length;
    if (bytes > MAX_BODY_BYTES) throw new HttpError(413, 'request body too large');
  }
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function fail(res: http.ServerResponse, err: unknown, log: Logger): void {
  const status = err instanceof HttpError ? err.status : 500;
  if (status === 500) log.error({ err }, 'HTTP handler failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (status === 413) res.setHeader('connection', 'close');
  send(res, status, 'application/json', JSON.stringify({ error: (err as Error).message }));
}
