// SASL OAUTHBEARER (RFC 7628) with unsecured JWS tokens, as Kafka's
// OAuthBearerUnsecuredValidatorCallbackHandler accepts them for local testing: the token's header
// says "alg":"none" and it has no signature; the principal is its "sub" claim (or the configured
// unsecuredValidatorPrincipalClaimName); "exp" (seconds since the epoch) is required and must lie
// ahead. The token's expiry bounds the session when re-authentication is on (KIP-368).
import { userPrincipal } from '../principal.js';
import type { SaslMechanismServer, SaslStep } from './session.js';

export interface UnsecuredJwsOptions {
  principalClaimName: string;
  /** unsecuredValidatorAllowableClockSkewMs */
  allowableClockSkewMs: number;
}

const CLIENT_FIRST = /^([ny]),(?:a=[^,]*)?,\u0001((?:[A-Za-z]+=[^\u0001]*\u0001)*)\u0001$/;

export function oauthBearerServer(options: UnsecuredJwsOptions): SaslMechanismServer {
  return {
    step(clientBytes: Buffer, nowMs: number): SaslStep {
      const m = CLIENT_FIRST.exec(clientBytes.toString('utf8'));
      if (!m) return { kind: 'fail', message: 'Invalid OAUTHBEARER client first message' };
      const pairs = new Map(m[2]!.split('\u0001').filter((s) => s !== '').map((kv) => {
        const eq = kv.indexOf('=');
        return [kv.slice(0, eq), kv.slice(eq + 1)] as [string, string];
      }));
      const auth = /^Bearer ([\w.-]*)$/.exec(pairs.get('auth') ?? '');
      if (!auth) return { kind: 'fail', message: 'Invalid OAUTHBEARER client first message: no "auth=Bearer <token>"' };
      return validateUnsecuredJws(auth[1]!, options, nowMs);
    },
  };
}

function validateUnsecuredJws(token: string, options: UnsecuredJwsOptions, nowMs: number): SaslStep {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[2] !== '') return { kind: 'fail', message: 'an unsecured JWS has three parts and no signature' };
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return { kind: 'fail', message: 'the token is not base64url-encoded JSON' };
  }
  if (header.alg !== 'none') return { kind: 'fail', message: 'an unsecured JWS must have "alg":"none"' };
  const sub = claims[options.principalClaimName];
  if (typeof sub !== 'string' || sub.trim() === '') return { kind: 'fail', message: `no "${options.principalClaimName}" claim` };
  const exp = claims.exp;
  if (typeof exp !== 'number') return { kind: 'fail', message: 'no "exp" claim' };
  const expiresAtMs = exp * 1000;
  if (nowMs - options.allowableClockSkewMs >= expiresAtMs) return { kind: 'fail', message: 'the token has expired' };
  const iat = claims.iat;
  if (typeof iat === 'number' && iat * 1000 > expiresAtMs) return { kind: 'fail', message: 'the token was issued after it expires' };
  return { kind: 'done', bytes: Buffer.alloc(0), principal: userPrincipal(sub), credentialExpiresAtMs: expiresAtMs };
}
