// One client connection: frames in, responses out in request order. Requests are dispatched as
// they arrive (pipelining works); a handler whose answer needs waiting returns a promise, and later
// answers queue behind it. Reading pauses while too many answers are pending or the socket's
// outgoing buffer is full, so a client that does not read cannot make us buffer without bound, and
// for the rest of a turn of the event loop once the connection has had its share (READ_TURN_MS).
import type { Socket } from 'node:net';
import type { Principal } from '../broker/principal.js';
import type { SaslSession } from '../broker/sasl/session.js';
import { FrameReader } from './frame-reader.js';
import { FrameReceiver } from './frame-receiver.js';
import { withOwnReads } from './own-reads.js';
import { takeSentHook } from './sent-hooks.js';
import type { BufferPool } from '../../storage/buffer-pool.js';

export interface ConnectionInfo {
  id: number;
  remoteAddress: string;
  /** The client's address as Kafka reports it ("/127.0.0.1"), made once: requests carry it. */
  clientHost: string;
  /** Name of the listener the connection arrived on (e.g. PLAINTEXT, CONTROLLER). */
  listenerName: string;
  /** ANONYMOUS, the SSL client certificate's DN, or the SASL user (set by SaslAuthenticate). */
  principal: Principal;
  /** Present on SASL listeners only. */
  sasl?: SaslSession;
  /** A handler set it: the answer just computed is the last; the connection ends after it. */
  endAfterResponse?: boolean;
}

/**
 * A response after which the connection reads no request for throttleMs (Kafka mutes the channel
 * of a client over its quota). holdResponse: the response itself waits that long first (clients
 * older than KIP-219 expect the broker to delay it).
 */
export interface ThrottledResponse {
  frames: Buffer[] | null;
  throttleMs: number;
  holdResponse: boolean;
}

export type Response = Buffer[] | null | ThrottledResponse;

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
  /** Where large frames are read (plaintext): the handler gives each back when done with it. */
  readonly requestBuffers?: BufferPool;
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

/** mutes: this answer throttled the client; answers behind it wait until the mute ends. */
type Slot = { done: boolean; value: Buffer[] | null; mutes?: boolean };

/**
 * A connection that has spent this long handling what it read in one turn of the event loop stops
 * reading until the next turn. libuv reads a ready socket up to 32 times (2 MiB) before it looks at
 * anything else, and a producer's backlog of small requests took 25-40 ms of handling in one go,
 * while a consumer's fetch that its reads had completed, a timer and every other connection waited.
 */
const READ_TURN_MS = 2;

function tooLarge(reason: string): string {
  return `${reason} (socket.request.max.bytes)`;
}

function isThrottled(r: Response): r is ThrottledResponse {
  return r !== null && !Array.isArray(r);
}

export class Connection {
  /** The socket read and written: for a plaintext one accepted paused, a new one over its handle. */
  readonly socket: Socket;
  /** TLS sockets (and any whose handle cannot be taken over): frames split from 'data' chunks. */
  private readonly frames: FrameReader | undefined;
  private readonly slots: Slot[] = [];
  private paused = false;
  /** Paused for the rest of this turn of the event loop (READ_TURN_MS), not for back-pressure. */
  private yielded = false;
  /** When this turn's first read arrived, or -1 before it. */
  private turnStartMs = -1;
  private closed = false;
  /** Responses written in one tick leave in one writev, not one system call each. */
  private corked = false;
  /** While muted (throttled), frames that arrive wait here, in order. */
  private muted = false;
  private mutedUntilMs = 0;
  private unmuteTimer: NodeJS.Timeout | null = null;
  private readonly held: Buffer[] = [];
  /**
   * Answers to requests read before the mute began (pipelined) wait until it ends: Kafka reads
   * one request of a connection at a time, so its client would not have had them answered either.
   */
  private blocked = false;

  /** ownReads: `accepted` is a plaintext socket accepted paused, whose frames are read into
   * buffers of their own size (see own-reads.ts); otherwise it is read through 'data' events. */
  constructor(
    accepted: Socket,
    readonly info: ConnectionInfo,
    private readonly handler: RequestHandler,
    private readonly limits: ConnectionLimits,
    private readonly log: ConnectionLog,
    ownReads = false,
  ) {
    const receiver = ownReads
      ? new FrameReceiver(limits.maxFrameBytes, (frame) => this.onFrame(frame), (reason) => this.close(tooLarge(reason)), undefined, handler.requestBuffers)
      : undefined;
    const own = receiver && withOwnReads(accepted, {
      buffer: receiver.buffer,
      callback: (n) => {
        const startMs = this.turnStart();
        receiver.read(n);
        if (!this.closed) this.maybePause(startMs);
        return true;
      },
    });
    const socket = (this.socket = own ?? accepted);
    socket.setNoDelay(true);
    socket.setTimeout(limits.idleTimeoutMs);
    if (!own) {
      this.frames = new FrameReader(limits.maxFrameBytes);
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      // Accepted paused (a plaintext listener) but read the usual way after all.
      if (ownReads) socket.resume();
    }
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
    if (this.unmuteTimer) clearTimeout(this.unmuteTimer);
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    const startMs = this.turnStart();
    const { frames, error } = this.frames!.push(chunk);
    for (const frame of frames) this.onFrame(frame);
    if (this.closed) return;
    if (error !== null) this.close(tooLarge(error));
    else this.maybePause(startMs);
  }

  /** The start of this turn's reading: the first read of a turn notes the time and arranges for
   * the turn's end (setImmediate runs once the event loop has polled everything ready). */
  private turnStart(): number {
    if (this.turnStartMs < 0) {
      this.turnStartMs = performance.now();
      setImmediate(this.endTurn);
    }
    return this.turnStartMs;
  }

  private readonly endTurn = (): void => {
    this.turnStartMs = -1;
    if (!this.yielded) return;
    this.yielded = false;
    this.maybeResume();
  };

  private onFrame(frame: Buffer): void {
    if (this.closed) return;
    if (this.muted) this.held.push(frame);
    else this.dispatch(frame);
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
      if (!isThrottled(result)) {
        if (this.slots.length === 0) this.write(result);
        else this.slots.push({ done: true, value: result });
        return;
      }
    }
    const slot: Slot = { done: false, value: null };
    this.slots.push(slot);
    if (!(result instanceof Promise)) {
      this.settle(slot, result);
      return;
    }
    result.then(
      (value) => {
        this.handler.answered?.(frame, startMs);
        this.settle(slot, value);
      },
      (err: Error) => this.close(`bad request: ${err.message}`),
    );
  }

  private settle(slot: Slot, value: Response): void {
    if (this.closed) return;
    if (!isThrottled(value)) {
      slot.done = true;
      slot.value = value;
      this.flush();
      return;
    }
    this.mute(value.throttleMs);
    slot.mutes = true;
    if (!value.holdResponse) {
      this.settle(slot, value.frames);
      return;
    }
    setTimeout(() => this.settle(slot, value.frames), value.throttleMs).unref();
  }

  /** Reads nothing more for throttleMs (Kafka's channel muting; the reaper unmutes it). */
  private mute(throttleMs: number): void {
    if (throttleMs <= 0) return;
    const until = Date.now() + throttleMs;
    if (this.muted && until <= this.mutedUntilMs) return;
    this.muted = true;
    this.mutedUntilMs = until;
    this.socket.pause();
    if (this.unmuteTimer) clearTimeout(this.unmuteTimer);
    this.unmuteTimer = setTimeout(() => this.unmute(), throttleMs);
    this.unmuteTimer.unref();
  }

  private unmute(): void {
    this.unmuteTimer = null;
    this.muted = false;
    this.blocked = false;
    this.flush();
    while (this.held.length > 0 && !this.muted && !this.closed) this.dispatch(this.held.shift()!);
    if (!this.muted) {
      this.paused = true;
      this.maybeResume();
    }
  }

  private flush(): void {
    while (this.slots.length > 0 && this.slots[0]!.done && !this.blocked) {
      const slot = this.slots.shift()!;
      this.write(slot.value);
      if (slot.mutes && this.muted) this.blocked = true;
    }
    this.maybeResume();
  }

  private write(response: Buffer[] | null): void {
    if (response === null || this.closed) return;
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    for (const b of response) {
      const sent = takeSentHook(b);
      if (sent === undefined) this.socket.write(b);
      // Only a write that completed frees the memory; a failed one leaves it to the collector.
      else this.socket.write(b, (err) => { if (!err) sent(); });
    }
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

  private maybePause(turnStartMs: number): void {
    if (this.paused) return;
    if (this.overloaded()) {
      this.paused = true;
      this.socket.pause();
    } else if (performance.now() - turnStartMs >= READ_TURN_MS) {
      this.paused = true;
      this.yielded = true;
      this.socket.pause();
    }
  }

  private maybeResume(): void {
    if (this.paused && !this.muted && !this.yielded && !this.overloaded() && !this.closed) {
      this.paused = false;
      this.socket.resume();
    }
  }
}
