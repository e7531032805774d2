// CreateDelegationToken (key 38), v0-v3.
// Needs delegation.token.secret.key (else DELEGATION_TOKEN_AUTH_DISABLED) and an authenticated,
// non-token connection (else DELEGATION_TOKEN_REQUEST_NOT_ALLOWED). A token for another owner
// (v3) needs CREATE_TOKENS on that USER (else DELEGATION_TOKEN_AUTHORIZATION_FAILED); renewers must
// be User principals (INVALID_PRINCIPAL_TYPE). Forwarded to the active controller, which commits a
// DelegationTokenRecord and answers with the token id and its HMAC.
// Not implemented: the requester of a token made for another owner is recorded as that owner
// (a forwarded request carries no principal: there is no Envelope).
import { CreateDelegationTokenApi, type CreateDelegationTokenRequest, type CreateDelegationTokenResponse } from '../../../protocol/generated/api/38-create-delegation-token.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { AclOperation, ResourceType } from '../../metadata/acls.js';
import { allowed } from '../access.js';
import { toController } from '../forward-authorized.js';
import { handler } from '../handler.js';
import { tokenRequestRefusal } from '../token-access.js';

export const createDelegationTokenHandler = handler<CreateDelegationTokenRequest, CreateDelegationTokenResponse>({
  api: CreateDelegationTokenApi,
  minVersion: 0,
  maxVersion: 3,
  listeners: ['broker', 'controller'],
  handle(req, ctx) {
    const me = ctx.principal;
    const fail = (errorCode: number): CreateDelegationTokenResponse => ({
      ...CreateDelegationTokenApi.defaultResponse(), errorCode, principalType: me.type, principalName: me.name,
      tokenRequesterPrincipalType: me.type, tokenRequesterPrincipalName: me.name,
    });
    const refusal = tokenRequestRefusal(ctx);
    if (refusal !== ErrorCode.NONE) return fail(refusal);
    if (ctx.listenerType === 'controller') return toController(ctx, CreateDelegationTokenApi, req);
    if (req.renewers.some((r) => r.principalType !== 'User') || (req.ownerPrincipalType !== null && req.ownerPrincipalType !== 'User')) {
      return fail(ErrorCode.INVALID_PRINCIPAL_TYPE);
    }
    const ownerName = req.ownerPrincipalName ?? me.name;
    if (ownerName !== me.name && !allowed(ctx, AclOperation.CREATE_TOKENS, ResourceType.USER, `User:${ownerName}`)) {
      return fail(ErrorCode.DELEGATION_TOKEN_AUTHORIZATION_FAILED);
    }
    return toController(ctx, CreateDelegationTokenApi, { ...req, ownerPrincipalType: 'User', ownerPrincipalName: ownerName });
  },
});
