// One client connection: frames in, responses out in request order. Requests are dispatched as
// they arrive (pipelining works); a handler whose answer needs waiting returns a promise, and later
// answers queue behind it. Reading pauses while too many answers are pending or the socket's
// outgoing buffer is full, so a client that does not read cannot make us buffer without bound.
import type { Socket } from 'node:net';
import type { Principal } from '../broker/principal.js';
import type { SaslSession } from '../broker/sasl/session.js';
import { FrameReader } from './frame-reader.js';

export interface ConnectionInfo {
  id: number;
  remoteAddress: string;
  /** Name of the listener the connection arrived on (e.g. PLAINTEXT, CONTROLLER). */
  listenerName: string;
  /** ANONYMOUS, the SSL client certificate's DN, or the SASL user (set by SaslAuthenticate). */
  principal: Principal;
  /** Present on SASL listeners only. */
  sasl?: SaslSession;
  /** A handler set it: the answer just computed is the last; the connection ends after it. */
  endAfterResponse?: boolean;
}

export type Response = Buffer[] | null;

export interface RequestHandler {
  /**
   * Called once per frame, in arrival order, with the frame's payload (no size prefix). Work that
   * must happen in request order (appending to a log) is done before the first await. Returns the
   * response frame (size prefix included), or null when the request gets no response (acks=0).
   * Throwing or rejecting closes the connection; the error is logged once.
   */
  handle(frame: Buffer, conn: ConnectionInfo): Response | Promise<Response>;
  /**
   * Called when a request's answer is ready (not for one that failed), with the performance.now()
   * taken before `handle`: where request counts and times are measured, at no extra promise.
   */
  answered?(frame: Buffer, startMs: number): void;
}

export interface ConnectionLimits {
  maxFrameBytes: number;
  idleTimeoutMs: number;
  /** Pending answers beyond which the connection stops reading. */
  maxInFlight: number;
  /** Unsent response bytes beyond which the connection stops reading. */
  maxQueuedBytes: number;
}

export interface ConnectionLog {
  warn(fields: object, msg: string): void;
  debug(fields: object, msg: string): void;
}

type Slot = { done: boolean; value: Response };

export class Connection {
  private readonly frames: FrameReader;
  private readonly slots: Slot[] = [];
  private paused = false;
  private closed = false;
  /** Responses written in one tick leave in one writev, not one system call each. */
  private corked = false;

  constructor(
    private readonly socket: Socket,
    readonly info: ConnectionInfo,
    private readonly handler: RequestHandler,
    private readonly limits: ConnectionLimits,
    private readonly log: ConnectionLog,
  ) {
    this.frames = new FrameReader(limits.maxFrameBytes);
    socket.setNoDelay(true);
    socket.setTimeout(limits.idleTimeoutMs);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('drain', () => this.maybeResume());
    socket.on('timeout', () => {
      if (this.slots.length === 0) this.close('idle for connections.max.idle.ms', 'debug');
    });
    socket.on('error', (err) => this.close(`socket error: ${err.message}`, 'debug'));
    socket.on('close', () => {
      this.closed = true;
    });
  }

  get inFlight(): number {
    return this.slots.length;
  }

  /** Ends the connection; pending answers are dropped. */
  close(reason: string, level: 'warn' | 'debug' = 'warn'): void {
    if (this.closed) return;
    this.closed = true;
    this.log[level]({ conn: this.info.id, remote: this.info.remoteAddress }, `closing connection: ${reason}`);
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    const { frames, error } = this.frames.push(chunk);
    for (const frame of frames) {
      if (this.closed) return;
      this.dispatch(frame);
    }
    if (error !== null) this.close(error);
    else this.maybePause();
  }

  private dispatch(frame: Buffer): void {
    let result: Response | Promise<Response>;
    const startMs = this.handler.answered ? performance.now() : 0;
    try {
      result = this.handler.handle(frame, this.info);
    } catch (err) {
      this.close(`bad request: ${(err as Error).message}`);
      return;
    }
    if (!(result instanceof Promise)) {
      this.handler.answered?.(frame, startMs);
      if (this.slots.length === 0) this.write(result);
      else this.slots.push({ done: true, value: result });
      return;
    }
    const slot: Slot = { done: false, value: null };
    this.slots.push(slot);
    result.then(
      (value) => {
        this.handler.answered?.(frame, startMs);
        slot.done = true;
        slot.value = value;
        this.flush();
      },
      (err: Error) => this.close(`bad request: ${err.message}`),
    );
  }

  private flush(): void {
    while (this.slots.length > 0 && this.slots[0]!.done) {
      this.write(this.slots.shift()!.value);
    }
    this.maybeResume();
  }

  private write(response: Response): void {
    if (response === null || this.closed) return;
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    for (const b of response) this.socket.write(b);
    if (this.info.endAfterResponse === true) {
      // end() rather than destroy(): the error response (failed authentication) still goes out.
      this.closed = true;
      this.log.warn({ conn: this.info.id, remote: this.info.remoteAddress }, 'closing connection after its last response (authentication failed)');
      this.socket.end();
    }
  }

  private overloaded(): boolean {
    return this.slots.length >= this.limits.maxInFlight || this.socket.writableLength >= this.limits.maxQueuedBytes;
  }

  private maybePause(): void {
    if (!this.paused && this.overloaded()) {
      this.paused = true;
      this.socket.pause();
    }
  }

  private maybeResume(): void {
    if (this.paused && !this.overloaded() && !this.closed) {
      this.paused = false;
      this.socket.resume();
    }
  }
}
