// Requests from this node to another node over real TCP, with the project's codecs: Raft RPCs to
// other voters, broker registration and heartbeats to the active controller, forwarded admin
// requests, and replica fetches. One connection per destination, pipelined, reconnecting on
// demand; every request has a timeout, and a broken connection fails what is in flight on it.
import net from 'node:net';
import type tls from 'node:tls';
import type { ApiDefinition } from '../../protocol/definition.js';
import { readResponseFrame, writeRequestFrame } from '../../protocol/registry.js';
import { loadTls } from '../server/tls-module.js';
import { FrameReceiver } from '../server/frame-receiver.js';
import type { BufferPool } from '../../storage/buffer-pool.js';
import type { Logger } from '../logger.js';
import { RECONNECT_BACKOFF, ReconnectBackoff } from './reconnect-backoff.js';
import type { Authenticate } from './sasl-client.js';

/** How to reach a secured listener: TLS options, and a SASL exchange run on each new connection. */
export interface PeerSecurity {
  tls?: tls.ConnectionOptions;
  authenticate?: Authenticate;
}

/** Request framing shared by a client's connections (one correlation id sequence). */
interface Framing {
  clientId: string;
  nextCorrelationId(): number;
}

export class PeerRequestError extends Error {
  readonly code = 'KRAFTLING_PEER';
}

interface Pending {
  correlationId: number;
  resolve: (frame: Buffer) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** A response larger than this is a broken peer, not an answer (Kafka's replica.fetch.response.max.bytes is 10 MiB). */
const MAX_RESPONSE_BYTES = 1 << 30;

class PeerConnection {
  private socket: net.Socket | undefined;
  private connecting: Promise<net.Socket> | undefined;
  /** The socket being dialed, until it connects or fails: close() must abort it too. */
  private dialing: net.Socket | undefined;
  /** Closed by its client (the node stopping): a dial that fails now is no failure worth a log line. */
  private closed = false;
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private readonly pending: Pending[] = [];
  /** Whether the current connection has answered anything: one that breaks first counts as a failure. */
  private answered = false;

  constructor(readonly host: string, readonly port: number, private readonly connectTimeoutMs: number,
    private readonly backoff: ReconnectBackoff, private readonly security: PeerSecurity = {}, private readonly framing?: Framing,
    private readonly answerBuffers?: BufferPool) {}

  async send(frame: Buffer[], correlationId: number, timeoutMs: number): Promise<Buffer> {
    return this.sendOn(await this.connect(), frame, correlationId, timeoutMs);
  }

  private sendOn(socket: net.Socket, frame: Buffer[], correlationId: number, timeoutMs: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new PeerRequestError(`request to ${this.host}:${this.port} timed out after ${timeoutMs} ms`)), timeoutMs);
      this.pending.push({ correlationId, resolve, reject, timer });
      socket.cork();
      for (const b of frame) socket.write(b);
      socket.uncork();
    });
  }

  close(): void {
    this.closed = true;
    this.dialing?.destroy(new PeerRequestError('connection closed'));
    this.fail(new PeerRequestError('connection closed'));
  }

  private connect(): Promise<net.Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    // Backing off after failures: fail at once rather than dial again (callers retry on their own).
    const waitMs = this.connecting ? 0 : this.backoff.waitMs();
    if (waitMs > 0) return Promise.reject(new PeerRequestError(`${this.host}:${this.port}: backing off for ${Math.ceil(waitMs)} ms after failures`));
    this.connecting ??= new Promise<net.Socket>((resolve, reject) => {
      const secure = this.security.tls;
      // Plain TCP reads frames straight into their own buffers (FrameReceiver); TLS has no onread.
      const receiver = new FrameReceiver(MAX_RESPONSE_BYTES, (frame) => this.onFrame(frame), (reason) => this.fail(new PeerRequestError(`response ${reason}`)),
        undefined, this.answerBuffers);
      const socket = secure === undefined
        ? net.connect({ host: this.host, port: this.port, noDelay: true, onread: { buffer: receiver.buffer, callback: receiver.read } })
        : loadTls().connect({ host: this.host, port: this.port, ...secure }).setNoDelay(true);
      const timer = setTimeout(() => socket.destroy(new PeerRequestError(`connect to ${this.host}:${this.port} timed out`)), this.connectTimeoutMs);
      this.dialing = socket;
      socket.once(secure === undefined ? 'connect' : 'secureConnect', () => {
        clearTimeout(timer);
        this.dialing = undefined;
        this.socket = socket;
        this.answered = false;
        this.authenticate(socket).then(() => {
          this.connecting = undefined;
          resolve(socket);
        }, (err: Error) => {
          this.connecting = undefined;
          if (!this.closed) this.backoff.failed(err.message);
          this.fail(err);
          reject(new PeerRequestError(`${this.host}:${this.port}: ${err.message}`));
        });
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        if (this.dialing === socket) this.dialing = undefined;
        if (this.connecting && !this.closed) this.backoff.failed(err.message);
        this.connecting = undefined;
        reject(new PeerRequestError(`${this.host}:${this.port}: ${err.message}`));
      });
      if (secure !== undefined) socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('close', () => {
        if (this.socket !== socket) return;
        if (!this.answered) this.backoff.failed('connection closed before any answer');
        this.fail(new PeerRequestError(`connection to ${this.host}:${this.port} closed`));
      });
    });
    return this.connecting;
  }

  /** The SASL exchange of a new connection, before any other request goes out on it. */
  private async authenticate(socket: net.Socket): Promise<void> {
    const { authenticate } = this.security;
    const framing = this.framing;
    if (authenticate === undefined || framing === undefined) return;
    await authenticate(async (api, version, body) => {
      const cid = framing.nextCorrelationId();
      const frame = await this.sendOn(socket, writeRequestFrame(api, version, cid, framing.clientId, body), cid, this.connectTimeoutMs * 5);
      return readResponseFrame(api, version, frame).body;
    });
  }

  private onData(chunk: Buffer): void {
    this.buffered.push(chunk);
    this.bufferedBytes += chunk.length;
    for (;;) {
      if (this.bufferedBytes < 4) return;
      let head = this.buffered[0]!;
      if (head.length < 4) head = this.merge();
      const size = head.readInt32BE(0);
      if (this.bufferedBytes < 4 + size) return;
      head = this.buffered.length > 1 && head.length < 4 + size ? this.merge() : head;
      const frame = head.subarray(4, 4 + size);
      if (head.length === 4 + size) this.buffered.shift();
      else this.buffered[0] = head.subarray(4 + size);
      this.bufferedBytes -= 4 + size;
      if (!this.onFrame(frame)) return;
    }
  }

  /** Answers the oldest request in flight with `frame`; false when the connection failed instead. */
  private onFrame(frame: Buffer): boolean {
    const next = this.pending.shift();
    if (!next) {
      this.fail(new PeerRequestError('response without a request'));
      return false;
    }
    clearTimeout(next.timer);
    if (!this.answered) this.backoff.succeeded();
    this.answered = true;
    if (frame.length >= 4 && frame.readInt32BE(0) !== next.correlationId) {
      next.reject(new PeerRequestError('correlation id mismatch'));
      this.fail(new PeerRequestError('correlation id mismatch'));
      return false;
    }
    next.resolve(frame);
    return true;
  }

  private merge(): Buffer {
    const merged = Buffer.concat(this.buffered, this.bufferedBytes);
    this.buffered = [merged];
    return merged;
  }

  /** Drops the connection and fails everything in flight on it. */
  private fail(err: Error): void {
    const socket = this.socket;
    this.socket = undefined;
    this.buffered = [];
    this.bufferedBytes = 0;
    for (const p of this.pending.splice(0)) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    socket?.destroy();
  }
}

/** Says whether a request to host:port is dropped (an injected network fault). */
export type PeerRoute = (host: string, port: number) => boolean;

export class PeerClient {
  private readonly connections = new Map<string, PeerConnection>();
  private correlationId = 1;

  private readonly framing: Framing;

  constructor(
    private readonly clientId: string,
    private readonly connectTimeoutMs = 2_000,
    /** Where a destination that keeps failing is reported (once, then at a bounded rate). */
    private readonly log?: Logger,
    private readonly dropped: PeerRoute | null = null,
    private readonly security: PeerSecurity = {},
    /** Large answers (on plain TCP) are read into these: see requestLent. */
    private readonly answerBuffers?: BufferPool,
  ) {
    this.framing = { clientId, nextCorrelationId: () => this.correlationId++ & 0x7fffffff };
  }

  async request<Req, Res>(address: { host: string; port: number }, api: ApiDefinition<Req, Res>, version: number,
    body: Req, timeoutMs: number): Promise<Res> {
    return readResponseFrame(api, version, await this.exchange(address, api, version, body, timeoutMs)).body;
  }

  /** request(), for an answer that may lie in a lent buffer: `release` once nothing refers to the
   * body any more (its byte fields are views of that buffer) lets the buffer be used again. */
  async requestLent<Req, Res>(address: { host: string; port: number }, api: ApiDefinition<Req, Res>, version: number,
    body: Req, timeoutMs: number): Promise<{ body: Res; release: () => void }> {
    const frame = await this.exchange(address, api, version, body, timeoutMs);
    return { body: readResponseFrame(api, version, frame).body, release: () => this.answerBuffers?.give(frame) };
  }

  /** Sends a request and resolves with its answer's frame. */
  private exchange<Req, Res>(address: { host: string; port: number }, api: ApiDefinition<Req, Res>, version: number,
    body: Req, timeoutMs: number): Promise<Buffer> {
    if (this.dropped !== null && this.dropped(address.host, address.port)) return this.lost(address, timeoutMs);
    const key = `${address.host}:${address.port}`;
    let conn = this.connections.get(key);
    if (!conn) {
      conn = new PeerConnection(address.host, address.port, this.connectTimeoutMs,
        new ReconnectBackoff(key, RECONNECT_BACKOFF, Date.now, Math.random, this.log), this.security, this.framing, this.answerBuffers);
      this.connections.set(key, conn);
    }
    const correlationId = this.framing.nextCorrelationId();
    return conn.send(writeRequestFrame(api, version, correlationId, this.clientId, body), correlationId, timeoutMs);
  }

  close(): void {
    for (const c of this.connections.values()) c.close();
    this.connections.clear();
    for (const fail of this.lostRequests) fail();
  }

  private readonly lostRequests = new Set<() => void>();

  /** A request lost on the network: no answer, so it fails when its timeout passes (or close()). */
  private lost(address: { host: string; port: number }, timeoutMs: number): Promise<never> {
    return new Promise((_, reject) => {
      const fail = (): void => {
        clearTimeout(timer);
        this.lostRequests.delete(fail);
        reject(new PeerRequestError(`request to ${address.host}:${address.port} got no answer (link cut)`));
      };
      const timer = setTimeout(fail, timeoutMs);
      timer.unref();
      this.lostRequests.add(fail);
    });
  }
}

