// A TCP listener that hands each socket to a Connection. Owns the set of live connections so a
// shutdown can stop accepting, let in-flight requests finish, then close what is left.
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import type tls from 'node:tls';
import { ANONYMOUS, userPrincipal } from '../broker/principal.js';
import { SaslSession, type SaslListenerConfig } from '../broker/sasl/session.js';
import type { PrincipalNameMapper } from '../broker/ssl-principal-rules.js';
import { loadTls } from './tls-module.js';
import { Connection, type ConnectionInfo, type ConnectionLimits, type ConnectionLog, type RequestHandler } from './connection.js';

export interface ListenerOptions {
  name: string;
  host: string;
  port: number;
  limits: ConnectionLimits;
  handler: RequestHandler;
  log: ConnectionLog & { info(fields: object, msg: string): void };
  /** SSL and SASL_SSL listeners: the TLS server options (certificate, key, client auth). */
  tls?: tls.TlsOptions;
  /** SASL_PLAINTEXT and SASL_SSL listeners: the mechanisms offered. */
  sasl?: SaslListenerConfig;
  /** SSL listeners with ssl.principal.mapping.rules: the principal's name for a certificate's
   * subject; a subject no rule applies to closes the connection. */
  principalName?: PrincipalNameMapper;
  /**
   * Connection creation rates (absent: none): a new connection starts after delayMs, or is closed
   * after closeAfterMs without being served. Connections are admitted one after another, so a
   * delay holds back the ones behind it too, as Kafka's acceptor does.
   */
  admit?: (remoteIp: string) => { delayMs: number; closeAfterMs: number | null };
  /**
   * Open connections per address (absent: not counted): `open` counts a new one, false when its
   * address has its maximum open (the connection is closed at once); `close` uncounts it. A TLS
   * connection counts from its TCP accept, handshake included, as Kafka's acceptor counts.
   */
  openConnections?: { open(remoteIp: string): boolean; close(remoteIp: string): void };
}

/** A TLS handshake that has not finished by then is dropped (Node's own default is 120 s). */
const TLS_HANDSHAKE_TIMEOUT_MS = 10_000;

let nextConnectionId = 1;

export class Listener {
  private readonly server: net.Server;
  private readonly connections = new Set<Connection>();
  /** TLS sockets still in their handshake: not connections yet, but a stop must end them too. */
  private readonly handshaking = new Set<net.Socket>();
  private boundPort = 0;
  private admitted: Promise<void> = Promise.resolve();
  /** Each counted socket's uncounting, once (see counted()). */
  private readonly releases = new WeakMap<net.Socket, () => void>();
  /** TCP sockets counted() closed at once (their TLS handshake then fails, unlogged). */
  private readonly refused = new WeakSet<net.Socket>();
  private waitingAdmissions = 0;

  constructor(private readonly options: ListenerOptions) {
    const tlsOptions = options.tls;
    if (tlsOptions === undefined) {
      // Paused: a Connection takes the socket's handle over before anything is read (own-reads.ts).
      this.server = net.createServer({ noDelay: true, pauseOnConnect: true }, (socket) => {
        if (this.counted(socket)) this.accept(socket);
      });
      return;
    }
    this.server = loadTls().createServer({ handshakeTimeout: TLS_HANDSHAKE_TIMEOUT_MS, ...tlsOptions }, (socket) => this.accept(socket));
    this.server.on('connection', (raw: net.Socket) => {
      if (!this.counted(raw)) return;
      this.handshaking.add(raw);
      raw.once('close', () => this.handshaking.delete(raw));
    });
    // A plaintext client on a TLS port, garbage, a bad certificate, a handshake that never ends.
    this.server.on('tlsClientError', (err: Error, socket: tls.TLSSocket) => {
      // A connection counted() refused fails its handshake too: it was logged once already. The TLS
      // socket's `_parent` is the TCP socket it wraps (Node's own field, there since Node 0.11).
      const parent = (socket as unknown as { _parent?: net.Socket })._parent;
      if (parent === undefined || !this.refused.has(parent)) {
        options.log.warn({ remote: `${socket.remoteAddress}:${socket.remotePort}` }, `TLS handshake failed: ${err.message}`);
      }
      socket.destroy();
    });
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

  /** Counts the connection of its address where open connections are limited; false when the
   * address has its maximum open, and then the connection is closed at once with one log line. */
  private counted(socket: net.Socket): boolean {
    const limit = this.options.openConnections;
    if (limit === undefined) return true;
    const ip = remoteIp(socket);
    if (!limit.open(ip)) {
      this.options.log.info({ remote: `${socket.remoteAddress}:${socket.remotePort}` },
        'address already has its maximum of open connections (max.connections.per.ip): connection closed');
      this.refused.add(socket);
      socket.destroy();
      return false;
    }
    let counted = true;
    const release = (): void => {
      if (counted) limit.close(ip);
      counted = false;
    };
    // Closed before it becomes a connection (held, refused, a failed handshake) or after: a plaintext
    // connection reads through a new socket over the same handle (own-reads.ts), which start() hooks.
    socket.once('close', release);
    this.releases.set(socket, release);
    return true;
  }

  private accept(socket: net.Socket): void {
    const admit = this.options.admit;
    // The usual case: no connection waits, and this one need not either.
    if (admit === undefined) return this.start(socket);
    if (this.waitingAdmissions === 0) {
      const decision = admit(remoteIp(socket));
      if (decision.delayMs === 0 && decision.closeAfterMs === null) return this.start(socket);
      return this.hold(socket, decision);
    }
    this.hold(socket, null);
  }

  /**
   * A connection that waits (its own delay, or behind one that does) or is to be closed unserved:
   * until admitted it is not a connection, reads wait, and a stop destroys it.
   */
  private hold(socket: net.Socket, decided: { delayMs: number; closeAfterMs: number | null } | null): void {
    socket.pause();
    this.handshaking.add(socket);
    socket.once('close', () => this.handshaking.delete(socket));
    this.waitingAdmissions++;
    this.admitted = this.admitted.then(async () => {
      try {
        if (socket.destroyed) return;
        const decision = decided ?? this.options.admit!(remoteIp(socket));
        if (decision.closeAfterMs !== null) {
          this.options.log.info({ remote: `${socket.remoteAddress}:${socket.remotePort}`, throttleMs: decision.closeAfterMs },
            'connection creation rate of the address over its quota: closing the connection after the throttle time');
          setTimeout(() => socket.destroy(), decision.closeAfterMs).unref();
          return;
        }
        if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs).unref());
        this.handshaking.delete(socket);
        if (!socket.destroyed) this.start(socket);
      } finally {
        this.waitingAdmissions--;
      }
    });
  }

  private start(socket: net.Socket): void {
    const remoteAddress = `${socket.remoteAddress}:${socket.remotePort}`;
    let principal = ANONYMOUS;
    const subject = this.options.tls === undefined ? undefined : certificateSubject(socket as tls.TLSSocket);
    if (subject !== undefined) {
      const name = this.options.principalName === undefined ? subject : this.options.principalName(subject);
      if (name === undefined) {
        // Kafka fails such a connection's authentication ("No rules apply to ...").
        this.options.log.warn({ remote: remoteAddress, subject }, 'no ssl.principal.mapping.rules rule applies to the client certificate: connection closed');
        socket.destroy();
        return;
      }
      principal = userPrincipal(name);
    }
    const info: ConnectionInfo = {
      id: nextConnectionId++,
      remoteAddress,
      clientHost: `/${socket.remoteAddress}`,
      listenerName: this.options.name,
      principal,
    };
    if (this.options.sasl !== undefined) info.sasl = new SaslSession(this.options.sasl);
    const plaintext = this.options.tls === undefined;
    const conn = new Connection(socket, info, this.options.handler, this.options.limits, this.options.log, plaintext);
    this.connections.add(conn);
    conn.socket.on('close', () => this.connections.delete(conn));
    const release = this.releases.get(socket);
    if (release !== undefined && conn.socket !== socket) conn.socket.once('close', release);
    // A TLS socket held back by a connection quota was paused meanwhile.
    if (!plaintext) socket.resume();
  }

  /** Stops accepting; waits up to graceMs for in-flight requests, then closes every connection. */
  async close(graceMs: number): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && [...this.connections].some((c) => c.inFlight > 0)) {
      await new Promise((r) => setTimeout(r, 5));
    }
    for (const conn of this.connections) conn.close('shutting down', 'debug');
    for (const raw of this.handshaking) raw.destroy();
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
    for (const raw of this.handshaking) raw.destroy();
  }
}

/** The client's IP as quotas name it (an IPv4 address, not its IPv6-mapped form). */
function remoteIp(socket: net.Socket): string {
  return (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

/**
 * The client certificate's subject as an RFC 2253 name ("CN=client,O=example"), what Kafka's
 * default principal for SSL is named; undefined without a verified certificate (ANONYMOUS). Node
 * lists the subject's parts in certificate order, one per line; RFC 2253 writes them most specific
 * first.
 */
function certificateSubject(socket: tls.TLSSocket): string | undefined {
  const peer = socket.getPeerCertificate();
  if (!socket.authorized || !peer || peer.raw === undefined) return undefined;
  return new X509Certificate(peer.raw).subject.split('\n').reverse().join(',');
}
