// The SASL state of one connection on a SASL_PLAINTEXT or SASL_SSL listener, as Kafka's
// SaslServerAuthenticator keeps it: SaslHandshake picks a mechanism, SaslAuthenticate carries its
// messages until it succeeds (the connection gets the user's principal) or fails (the error goes
// out and the connection closes). Until then only ApiVersions, SaslHandshake and SaslAuthenticate
// are served. With connections.max.reauth.ms > 0 a session expires (KIP-368): the client
// re-authenticates over the same connection with the same mechanism and principal, and any other
// request after expiry closes the connection.
import { ErrorCode } from '../../../protocol/errors.js';
import type { SaslAuthenticateResponse } from '../../../protocol/generated/api/36-sasl-authenticate.js';
import type { SaslHandshakeResponse } from '../../../protocol/generated/api/17-sasl-handshake.js';
import { principalString, type Principal } from '../principal.js';

const SASL_HANDSHAKE = 17;
const API_VERSIONS = 18;
const SASL_AUTHENTICATE = 36;

/** One step of a mechanism's exchange. */
export type SaslStep =
  | { kind: 'challenge'; bytes: Buffer }
  | { kind: 'done'; bytes: Buffer; principal: Principal; credentialExpiresAtMs?: number }
  | { kind: 'fail'; message: string };

/** The server side of one mechanism for one authentication (a new one per attempt). */
export interface SaslMechanismServer {
  step(clientBytes: Buffer, nowMs: number): SaslStep;
}

/** What a SASL listener offers: its enabled mechanisms and how to start each. */
export interface SaslListenerConfig {
  mechanisms: readonly string[];
  /** A fresh server for one attempt, or null for a mechanism this listener cannot serve. */
  create(mechanism: string): SaslMechanismServer | null;
  /** connections.max.reauth.ms; 0 turns session expiry off. */
  reauthMs: number;
}

type State = 'handshake' | 'authenticate' | 'authenticated' | 'failed';

export class SaslSession {
  private state: State = 'handshake';
  private mechanismName: string | null = null;
  private server: SaslMechanismServer | null = null;
  /** When the authenticated session ends; Infinity without re-authentication. */
  private expiresAtMs = Infinity;
  private principalValue: Principal | null = null;
  /** A re-authentication is under way: the old session still serves requests until it expires. */
  private reauthenticating = false;
  /**
   * SaslHandshake v0 was used: the mechanism's messages follow as bare size-prefixed tokens, not
   * SaslAuthenticate requests (Kafka's pre-KIP-152 framing), until authentication completes.
   */
  rawTokens = false;

  constructor(private readonly config: SaslListenerConfig) {}

  get principal(): Principal | null {
    return this.principalValue;
  }

  get mechanism(): string | null {
    return this.mechanismName;
  }

  /**
   * Whether a request of this API may be served now. False means close the connection, as Kafka
   * does for a request before authentication or after the session expired.
   */
  allows(apiKey: number, nowMs: number): boolean {
    if (apiKey === SASL_HANDSHAKE || apiKey === SASL_AUTHENTICATE) return this.state !== 'failed';
    if (this.state === 'authenticated' || this.reauthenticating) return nowMs < this.expiresAtMs;
    return apiKey === API_VERSIONS && this.state === 'handshake';
  }

  /** SaslHandshake; `end` says the connection must close after this answer. */
  handshake(mechanism: string): { response: SaslHandshakeResponse; end: boolean } {
    const mechanisms = [...this.config.mechanisms];
    const answer = (errorCode: number, end: boolean) => ({ response: { errorCode, mechanisms }, end });
    if (this.state === 'authenticated') {
      // KIP-368: the same mechanism as the first authentication, or the connection closes.
      if (mechanism !== this.mechanismName) return this.fail(answer(ErrorCode.ILLEGAL_SASL_STATE, true));
      this.reauthenticating = true;
    } else if (this.state !== 'handshake') {
      return this.fail(answer(ErrorCode.ILLEGAL_SASL_STATE, true));
    }
    const server = this.config.mechanisms.includes(mechanism) ? this.config.create(mechanism) : null;
    if (server === null) return this.fail(answer(ErrorCode.UNSUPPORTED_SASL_MECHANISM, true));
    this.mechanismName = mechanism;
    this.server = server;
    this.state = 'authenticate';
    return answer(ErrorCode.NONE, false);
  }

  /** SaslAuthenticate: one message of the mechanism's exchange. */
  authenticate(authBytes: Buffer, nowMs: number): { response: SaslAuthenticateResponse; end: boolean; principal?: Principal } {
    if (this.state !== 'authenticate' || this.server === null) {
      return this.fail({ response: authResponse(ErrorCode.ILLEGAL_SASL_STATE, 'SaslAuthenticate before a successful SaslHandshake'), end: true });
    }
    let step: SaslStep;
    try {
      step = this.server.step(authBytes, nowMs);
    } catch (err) {
      step = { kind: 'fail', message: `malformed ${this.mechanismName} message: ${(err as Error).message}` };
    }
    if (step.kind === 'challenge') return { response: authResponse(ErrorCode.NONE, null, step.bytes), end: false };
    if (step.kind === 'fail') {
      const message = `Authentication failed during authentication due to invalid credentials with SASL mechanism ${this.mechanismName}`;
      return this.fail({ response: authResponse(ErrorCode.SASL_AUTHENTICATION_FAILED, `${message}: ${step.message}`), end: true });
    }
    if (this.reauthenticating && this.principalValue && principalString(step.principal) !== principalString(this.principalValue)) {
      // Kafka refuses a re-authentication that changes who the connection is.
      return this.fail({ response: authResponse(ErrorCode.SASL_AUTHENTICATION_FAILED, 'Cannot change principals during re-authentication'), end: true });
    }
    const lifetimeMs = this.sessionLifetimeMs(step.credentialExpiresAtMs, nowMs);
    this.state = 'authenticated';
    this.reauthenticating = false;
    this.rawTokens = false;
    this.server = null;
    this.principalValue = step.principal;
    this.expiresAtMs = lifetimeMs > 0 ? nowMs + lifetimeMs : Infinity;
    return { response: { ...authResponse(ErrorCode.NONE, null, step.bytes), sessionLifetimeMs: lifetimeMs }, end: false, principal: step.principal };
  }

  /** As Kafka: 0 when re-authentication is off, else the shorter of it and the credential's life. */
  private sessionLifetimeMs(credentialExpiresAtMs: number | undefined, nowMs: number): number {
    if (this.config.reauthMs <= 0) return 0;
    if (credentialExpiresAtMs === undefined) return this.config.reauthMs;
    return Math.max(1, Math.min(this.config.reauthMs, credentialExpiresAtMs - nowMs));
  }

  private fail<T>(result: T): T {
    this.state = 'failed';
    this.server = null;
    return result;
  }
}

function authResponse(errorCode: number, errorMessage: string | null, authBytes: Buffer = Buffer.alloc(0)): SaslAuthenticateResponse {
  return { errorCode, errorMessage, authBytes, sessionLifetimeMs: 0 };
}
