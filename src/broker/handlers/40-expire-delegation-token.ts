// ExpireDelegationToken (key 40), v0-v2.
// The token is named by its HMAC. Needs delegation.token.secret.key and an authenticated,
// non-token connection (as CreateDelegationToken); only the owner or a renewer may expire it
// (DELEGATION_TOKEN_OWNER_MISMATCH); an unknown HMAC is DELEGATION_TOKEN_NOT_FOUND, a lapsed token
// DELEGATION_TOKEN_EXPIRED. Forwarded to the active controller, which commits the new expiry
// as a DelegationTokenRecord, or removes the token (RemoveDelegationTokenRecord) for a negative period.
import { ExpireDelegationTokenApi, type ExpireDelegationTokenRequest, type ExpireDelegationTokenResponse } from '../../../protocol/generated/api/40-expire-delegation-token.js';
import { handler } from '../handler.js';
import { forwardTokenExpiryChange } from '../token-access.js';

export const expireDelegationTokenHandler = handler<ExpireDelegationTokenRequest, ExpireDelegationTokenResponse>({
  api: ExpireDelegationTokenApi,
  minVersion: 0,
  maxVersion: 2,
  listeners: ['broker', 'controller'],
  handle(req, ctx) {
    return forwardTokenExpiryChange(ctx, ExpireDelegationTokenApi, req);
  },
});
