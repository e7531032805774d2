// Request path from bytes to bytes: decode the header, find the handler, check the version,
// decode the body, run the handler, encode the response. Anything that cannot be decoded, an
// unknown API key, or an unsupported version (other than ApiVersions) closes the connection, as
// Kafka does; the server logs one line for it.
import { FetchApi, type FetchRequest } from '../../protocol/generated/api/01-fetch.js';
import { ApiVersionsApi } from '../../protocol/generated/api/18-api-versions.js';
import { SaslHandshakeApi } from '../../protocol/generated/api/17-sasl-handshake.js';
import { SaslAuthenticateApi } from '../../protocol/generated/api/36-sasl-authenticate.js';
import { ErrorCode } from '../../protocol/errors.js';
import { DecodeError } from '../../protocol/primitives/reader.js';
import { API_VERSIONS_KEY, readRequestFrame, writeEncodedResponseFrame, writeResponseFrame } from '../../protocol/registry.js';
import { authorizerSettings, type AuthorizerSettings } from './authorizer.js';
import { errorResponse } from './error-responses.js';
import { principalString } from './principal.js';
import { EncodedResponse, NO_RESPONSE, SilentThrottle, type ConnectionState, type Handler, type ListenerType, type RequestContext } from './handler.js';
import { handlerFor } from './registry.js';
import type { RequestFaults } from './request-faults.js';
import { requestQuotaCounts, requestThrottleMs } from './quota-throttle.js';
import type { BrokerServices } from './services.js';
import type { BufferPool } from '../../storage/buffer-pool.js';
import { whenSent } from '../server/sent-hooks.js';

export class ProtocolError extends Error {
  readonly code = 'KRAFTLING_PROTOCOL';
}

export interface DispatchLog {
  error(fields: object, msg: string): void;
}

/** A response and how long to mute the connection after it (see the server's ThrottledResponse). */
export interface ThrottledResponse {
  frames: Buffer[] | null;
  throttleMs: number;
  holdResponse: boolean;
}

export type Response = Buffer[] | null | ThrottledResponse;

export class Dispatcher {
  /** Injected faults (tests only); null on the normal path. */
  faults: RequestFaults | null = null;
  /** Read once: the request path asks it of every request. */
  private readonly authorizer: AuthorizerSettings;

  /**
   * `requestBuffers`: the connections read large request frames into these (FrameReceiver); a
   * frame goes back once the response to it is sent, when its handler `releasesRequest`.
   */
  constructor(
    private readonly services: BrokerServices,
    private readonly log: DispatchLog,
    private readonly listenerType: ListenerType = 'broker',
    readonly requestBuffers?: BufferPool,
  ) {
    this.authorizer = authorizerSettings(services.config);
  }

  /** One request frame (no size prefix) in; the response frame out (null for none). */
  handle(frame: Buffer, conn: ConnectionState): Response | Promise<Response> {
    if (conn.sasl !== undefined && conn.sasl.rawTokens) return this.rawSaslToken(frame, conn);
    const { header, body, def } = readRequestFrame(frame);
    const key = header.requestApiKey;
    const version = header.requestApiVersion;
    const handler = handlerFor(key, this.listenerType);
    if (!handler || !def) throw new ProtocolError(`unknown API key ${key}`);
    if (version < handler.minVersion || version > handler.maxVersion) {
      if (key === API_VERSIONS_KEY) return this.unsupportedApiVersions(header.correlationId, handler.minVersion, handler.maxVersion);
      throw new ProtocolError(`${def.name} v${version} is not supported (v${handler.minVersion}-v${handler.maxVersion})`);
    }
    // Kafka closes a SASL connection that sends anything but the handshake before authenticating,
    // or anything but a re-authentication once its session expired.
    if (conn.sasl !== undefined && !conn.sasl.allows(key, this.services.nowMs())) {
      throw new ProtocolError(`${def.name} is not allowed ${conn.sasl.principal ? 'after the SASL session expired' : 'before SASL authentication'}`);
    }
    // Kafka serves client listeners only once its authorizer has loaded the ACLs of the metadata
    // log (early-start listeners aside). Here the listeners open before the broker has caught up,
    // so a request that ACLs decide waits until it has: a replayed log may lack the newest DENY.
    if (this.authorizer.enabled && this.listenerType === 'broker' && !ACL_FREE_APIS.has(key)) {
      const loading = this.aclsLoading(conn);
      if (loading !== undefined) return loading.then(() => this.handle(frame, conn));
    }
    const req = def.readRequest(body, version);
    const ctx: RequestContext = {
      header, version, listenerType: this.listenerType, listenerName: conn.listenerName, connectionId: conn.id, clientHost: conn.clientHost, services: this.services,
      principal: conn.principal, connection: conn, requestBytes: frame.length,
    };
    if (this.faults !== null && !isFollowerFetch(key, req)) {
      const write = (res: unknown): Response => writeResponseFrame(def, version, header.correlationId, res);
      return this.faults.handle(
        { apiKey: key, apiName: def.name, version, body: req, clientId: header.clientId, connectionId: conn.id },
        { serve: () => this.serve(handler, req, ctx), respond: write, respondWithError: (code) => write(errorResponse(def, req, code, version)) },
      );
    }
    // A frame read into a pooled buffer (a large one) goes back once the response is sent.
    const lent = handler.releasesRequest === true && this.requestBuffers?.lends(frame) === true;
    return this.serve(handler, req, ctx, lent ? frame : undefined);
  }

  /** The wait for the ACLs to be current, for a principal they apply to; undefined if none. */
  private aclsLoading(conn: ConnectionState): Promise<void> | undefined {
    // Caught up first: after the start, that is all a request pays.
    const loading = this.services.aclsLoaded?.();
    if (loading === undefined || this.authorizer.superUsers.has(principalString(conn.principal))) return undefined;
    return loading;
  }

  /** Gives `frame`, lent by requestBuffers, back once `response` has been sent. */
  private releaseAfter(response: Response, frame: Buffer): Response {
    const frames = response === null || Array.isArray(response) ? response : response.frames;
    const last = frames?.at(-1);
    const pool = this.requestBuffers!;
    if (last !== undefined) whenSent(last, () => pool.give(frame));
    return response;
  }

  /** The handler's response frames; with `release`, that request frame goes back to requestBuffers
   * once they are sent. */
  private serve(handler: Handler, req: unknown, ctx: RequestContext, release?: Buffer): Response | Promise<Response> {
    const def = handler.api;
    const { version, header } = ctx;
    let result;
    // The time the handler holds this thread counts against the client's request_percentage.
    const counted = requestQuotaCounts(ctx, isFollowerFetch(header.requestApiKey, req));
    const startMs = counted ? performance.now() : 0;
    try {
      result = handler.handle(req, ctx);
    } catch (err) {
      throw this.internal(err, def.name);
    }
    const requestThrottle = counted ? requestThrottleMs(ctx, performance.now() - startMs) : 0;
    const finish = (res: unknown): Response => {
      const response = encode(handler, ctx, requestThrottle, res);
      return release === undefined ? response : this.releaseAfter(response, release);
    };
    if (result instanceof Promise) {
      return result.then(finish, (err) => {
        throw this.internal(err, def.name);
      });
    }
    return finish(result);
  }

  /**
   * A bare SASL token after SaslHandshake v0: answered with a bare token. A failure closes the
   * connection without an answer, as Kafka does for this framing (it has no place for an error).
   */
  private rawSaslToken(frame: Buffer, conn: ConnectionState): Response {
    const { response, principal } = conn.sasl!.authenticate(frame, this.services.nowMs());
    if (response.errorCode !== ErrorCode.NONE) throw new ProtocolError(`SASL authentication failed: ${response.errorMessage}`);
    if (principal !== undefined) conn.principal = principal;
    const size = Buffer.alloc(4);
    size.writeInt32BE(response.authBytes.length);
    return [size, response.authBytes];
  }

  /** Kafka answers an ApiVersions version it does not know in the v0 layout, naming its own range. */
  private unsupportedApiVersions(correlationId: number, minVersion: number, maxVersion: number): Buffer[] {
    return writeResponseFrame(ApiVersionsApi, 0, correlationId, {
      ...ApiVersionsApi.defaultResponse(),
      errorCode: ErrorCode.UNSUPPORTED_VERSION,
      apiKeys: [{ apiKey: API_VERSIONS_KEY, minVersion, maxVersion }],
    });
  }

  /** A handler failed unexpectedly: log it with its stack, and let the connection close. */
  private internal(err: unknown, api: string): Error {
    if (err instanceof DecodeError || err instanceof ProtocolError) return err;
    this.log.error({ err, api }, 'handler failed');
    return new ProtocolError(`${api} handler failed: ${(err as Error).message}`);
  }
}

/** A handler's answer as response frames, with the request quota's throttle. */
function encode(handler: Handler, ctx: RequestContext, requestThrottle: number, res: unknown): Response {
  const def = handler.api;
  const { version, header } = ctx;
  if (res === NO_RESPONSE) return null;
  if (res instanceof SilentThrottle) return { frames: null, throttleMs: Math.max(res.throttleMs, requestThrottle), holdResponse: false };
  if (res instanceof EncodedResponse) {
    if (requestThrottle === 0) return writeEncodedResponseFrame(def, version, header.correlationId, res.body);
    res = res.rebuild();
  }
  const withThrottle = requestThrottle > 0 ? withRequestThrottle(res, requestThrottle) : res;
  return throttled(handler, version, withThrottle, writeResponseFrame(def, version, header.correlationId, withThrottle), requestThrottle);
}

/** Version negotiation and authentication: answered before the principal is known. */
const ACL_FREE_APIS: ReadonlySet<number> = new Set([SaslHandshakeApi.key, ApiVersionsApi.key, SaslAuthenticateApi.key]);

/** Follower brokers' fetches are replication, not client traffic: client faults leave them alone. */
function isFollowerFetch(key: number, req: unknown): boolean {
  if (key !== FetchApi.key) return false;
  const fetch = req as FetchRequest;
  return fetch.replicaId >= 0 || fetch.replicaState.replicaId >= 0;
}

/**
 * A response that carries a throttle time mutes the connection, for APIs that quotas apply to;
 * the request quota applies to every API (those without a declared version from which clients
 * throttle themselves are muted after the answer, not held).
 */
function throttled(handler: Handler, version: number, res: unknown, frames: Buffer[], requestThrottleMs: number): Response {
  const from = handler.clientThrottlesFromVersion;
  if (from === undefined) return requestThrottleMs > 0 ? { frames, throttleMs: requestThrottleMs, holdResponse: false } : frames;
  const throttleMs = Math.max((res as { throttleTimeMs?: number }).throttleTimeMs ?? 0, requestThrottleMs);
  return throttleMs > 0 ? { frames, throttleMs, holdResponse: version < from } : frames;
}

/** The response with throttle_time_ms raised to the request quota's, when it has the field. */
function withRequestThrottle(res: unknown, throttleMs: number): unknown {
  const r = res as { throttleTimeMs?: number };
  if (typeof r !== 'object' || r === null || typeof r.throttleTimeMs !== 'number') return res;
  return { ...r, throttleTimeMs: Math.max(r.throttleTimeMs, throttleMs) };
}
