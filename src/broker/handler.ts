// The shape of one API handler. Each handler file (handlers/NN-name.ts) exports one of these;
// the registry lists them, and ApiVersions advertises exactly the versions they declare.
import type { ApiDefinition } from '../../protocol/definition.js';
import type { RequestHeader } from '../../protocol/generated/header/request-header.js';
import type { BrokerServices } from './services.js';
import type { Principal } from './principal.js';
import type { SaslSession } from './sasl/session.js';

/** Which of a node's listeners a request came in on: client traffic, or the controller quorum's. */
export type ListenerType = 'broker' | 'controller';

/** What a connection carries from request to request (the server's per-connection info). */
export interface ConnectionState {
  readonly id: number;
  readonly listenerName: string;
  readonly remoteAddress: string;
  /** The client's address as Kafka reports it ("/127.0.0.1"). */
  readonly clientHost: string;
  /** Who the connection is: ANONYMOUS, an SSL client's DN, or the SASL user once authenticated. */
  principal: Principal;
  /** SASL state on SASL listeners; absent elsewhere, so plaintext requests pay nothing for it. */
  readonly sasl?: SaslSession;
  /** Set by a handler whose answer must be the connection's last (a failed authentication). */
  endAfterResponse?: boolean;
}

export interface RequestContext {
  header: RequestHeader;
  version: number;
  listenerType: ListenerType;
  /** Listener the request arrived on; Metadata answers with that listener's endpoints. */
  listenerName: string;
  /** Connection id, for per-connection state and log lines. */
  connectionId: number;
  /** The client's address as Kafka reports it ("/127.0.0.1"), for DescribeGroups. */
  clientHost: string;
  services: BrokerServices;
  /** The connection's principal when the request arrived; what authorization checks. */
  principal: Principal;
  connection: ConnectionState;
  /** Size of the request frame (Kafka's request.sizeInBytes, what produce quotas count). */
  requestBytes?: number;
}

/** What a handler returns: a response, a promise of one, or NO_RESPONSE (acks=0 produce). */
export type HandlerResult<Res> = Res | typeof NO_RESPONSE | SilentThrottle | EncodedResponse<Res>
  | Promise<Res | typeof NO_RESPONSE | SilentThrottle | EncodedResponse<Res>>;

/**
 * A response whose body was encoded before, for this version (an answer sent many times over,
 * such as Metadata for all topics). `rebuild` makes it again as an object, for the rare answer
 * that must change (a request quota's throttle time goes into the body). Its own throttle time is 0.
 */
export class EncodedResponse<Res> {
  constructor(readonly body: Buffer, readonly rebuild: () => Res) {}
}

export const NO_RESPONSE: unique symbol = Symbol('no response');

/** No response, but the connection is muted for throttleMs (a throttled acks=0 produce). */
export class SilentThrottle {
  constructor(readonly throttleMs: number) {}
}

export interface Handler<Req = any, Res = any> {
  api: ApiDefinition<Req, Res>;
  minVersion: number;
  maxVersion: number;
  /** The listeners that serve this API (default: broker only). */
  listeners?: readonly ListenerType[];
  /**
   * First version whose clients back off by themselves when throttled (KIP-219): the response goes
   * out at once and the connection is muted after it. Older versions get the response held back
   * for the throttle time instead. Absent: the API is never throttled.
   */
  clientThrottlesFromVersion?: number;
  /**
   * Nothing the handler keeps, nor anything still running for the request, refers to the request's
   * bytes once its response is ready (Produce: the batches are in the log by then). The request's
   * buffer, when lent (Dispatcher's requestBuffers), is then reused after the response is sent.
   */
  releasesRequest?: boolean;
  /** Order-sensitive work happens before the first await: requests of a connection run in order. */
  handle(req: Req, ctx: RequestContext): HandlerResult<Res>;
}

export function handler<Req, Res>(h: Handler<Req, Res>): Handler<Req, Res> {
  return h;
}
