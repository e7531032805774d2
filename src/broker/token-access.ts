// Who may ask for, renew, expire and see delegation tokens, as KafkaApis decides: never over
// PLAINTEXT / one-way TLS (User:ANONYMOUS) nor over a token-authenticated connection
// (DELEGATION_TOKEN_REQUEST_NOT_ALLOWED); renew and expire only by the owner or a renewer
// (DELEGATION_TOKEN_OWNER_MISMATCH); describe shows one's own tokens, the ones one renews, and those
// allowed by DESCRIBE on the token or DESCRIBE_TOKENS on its owner.
import type { ApiDefinition } from '../../protocol/definition.js';
import { ErrorCode } from '../../protocol/errors.js';
import { AclOperation, ResourceType } from '../metadata/acls.js';
import { tokenByHmac, type DelegationTokenState } from '../metadata/delegation-tokens.js';
import { allowed, controllerListenerAllowed, principalOf } from './access.js';
import { toController } from './forward-authorized.js';
import type { RequestContext } from './handler.js';
import { ANONYMOUS } from './principal.js';

export function tokenSecret(ctx: RequestContext): string | null {
  return ctx.services.config.get('delegation.token.secret.key');
}

/** The error that stops a token request before anything else, or NONE. */
export function tokenRequestRefusal(ctx: RequestContext): number {
  if (ctx.listenerType === 'controller') return controllerListenerAllowed(ctx, AclOperation.CLUSTER_ACTION) ? ErrorCode.NONE : ErrorCode.CLUSTER_AUTHORIZATION_FAILED;
  if (tokenSecret(ctx) === null) return ErrorCode.DELEGATION_TOKEN_AUTH_DISABLED;
  const p = ctx.principal;
  if (p.tokenAuthenticated || (p.type === ANONYMOUS.type && p.name === ANONYMOUS.name)) return ErrorCode.DELEGATION_TOKEN_REQUEST_NOT_ALLOWED;
  return ErrorCode.NONE;
}

/** Renew / expire: the token named by the HMAC, if the caller owns or renews it. */
export function ownedToken(ctx: RequestContext, hmac: Buffer): { token: DelegationTokenState } | { errorCode: number } {
  const token = tokenByHmac(ctx.services.image(), hmac, tokenSecret(ctx)!);
  if (!token) return { errorCode: ErrorCode.DELEGATION_TOKEN_NOT_FOUND };
  const me = principalOf(ctx);
  if (token.owner !== me && !token.renewers.includes(me)) return { errorCode: ErrorCode.DELEGATION_TOKEN_OWNER_MISMATCH };
  return { token };
}

/** The answer of RenewDelegationToken and ExpireDelegationToken, the same in both. */
interface TokenExpiryResponse {
  errorCode: number;
  expiryTimestampMs: number;
  throttleTimeMs: number;
}

/**
 * Renew and expire: refused as tokenRequestRefusal says, on the broker listener also unless the
 * caller owns or renews the token; otherwise forwarded to the controller, which decides the rest.
 */
export function forwardTokenExpiryChange<Req extends { hmac: Buffer }>(
  ctx: RequestContext,
  api: ApiDefinition<Req, TokenExpiryResponse>,
  req: Req,
): TokenExpiryResponse | Promise<TokenExpiryResponse> {
  const fail = (errorCode: number): TokenExpiryResponse => ({ errorCode, expiryTimestampMs: -1, throttleTimeMs: 0 });
  const refusal = tokenRequestRefusal(ctx);
  if (refusal !== ErrorCode.NONE) return fail(refusal);
  if (ctx.listenerType === 'broker') {
    const owned = ownedToken(ctx, req.hmac);
    if ('errorCode' in owned) return fail(owned.errorCode);
  }
  return toController(ctx, api, req);
}

export function tokenVisible(ctx: RequestContext, token: DelegationTokenState): boolean {
  const me = principalOf(ctx);
  if (token.owner === me || token.requester === me || token.renewers.includes(me)) return true;
  if (allowed(ctx, AclOperation.DESCRIBE, ResourceType.DELEGATION_TOKEN, token.tokenId)) return true;
  return allowed(ctx, AclOperation.DESCRIBE_TOKENS, ResourceType.USER, token.owner);
}

export function splitPrincipal(s: string): { principalType: string; principalName: string } {
  const colon = s.indexOf(':');
  return { principalType: s.slice(0, colon), principalName: s.slice(colon + 1) };
}
