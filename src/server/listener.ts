// A TCP listener that hands each socket to a Connection. Owns the set of live connections so a
// shutdown can stop accepting, let in-flight requests finish, then close what is left.
import net from 'node:net';
import { Connection, type ConnectionLimits, type ConnectionLog, type RequestHandler } from './connection.js';

export interface ListenerOptions {
  name: string;
  host: string;
  port: number;
  limits: ConnectionLimits;
  handler: RequestHandler;
  log: ConnectionLog & { info(fields: object, msg: string): void };
}

let nextConnectionId = 1;

export class Listener {
  private readonly server: net.Server;
  private readonly connections = new Set<Connection>();
  private boundPort = 0;

  constructor(private readonly options: ListenerOptions) {
    this.server = net.createServer({ noDelay: true }, (socket) => this.accept(socket));
  }

  get port(): number {
    return this.boundPort;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  async listen(): Promise<void> {
    const { host, port } = this.options;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host, port, backlog: 1024 }, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.boundPort = (this.server.address() as net.AddressInfo).port;
  }

  private accept(socket: net.Socket): void {
    const info = {
      id: nextConnectionId++,
      remoteAddress: `${socket.remoteAddress}:${socket.remotePort}`,
      listenerName: this.options.name,
    };
    const conn = new Connection(socket, info, this.options.handler, this.options.limits, this.options.log);
    this.connections.add(conn);
    socket.on('close', () => this.connections.delete(conn));
  }

  /** Stops accepting; waits up to graceMs for in-flight requests, then closes every connection. */
  async close(graceMs: number): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && [...this.connections].some((c) => c.inFlight > 0)) {
      await new Promise((r) => setTimeout(r, 5));
    }
    for (const conn of this.connections) conn.close('shutting down', 'debug');
    await closed;
  }

  /** Closes every open connection but keeps accepting (fault injection: clients must reconnect). */
  dropConnections(): void {
    for (const conn of this.connections) conn.close('connections dropped (injected fault)', 'debug');
  }

  /** Drops every connection at once, as a crash would (used for fault injection). */
  abort(): void {
    this.server.close();
    for (const conn of this.connections) conn.close('node killed', 'debug');
  }
}
