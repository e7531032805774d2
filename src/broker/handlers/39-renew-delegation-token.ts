// RenewDelegationToken (key 39), v0-v2.
// The token is named by its HMAC. Needs delegation.token.secret.key and an authenticated,
// non-token connection (as CreateDelegationToken); only the owner or a renewer may renew it
// (DELEGATION_TOKEN_OWNER_MISMATCH); an unknown HMAC is DELEGATION_TOKEN_NOT_FOUND, a lapsed token
// DELEGATION_TOKEN_EXPIRED. Forwarded to the active controller, which commits the new expiry
// (never past the token's max timestamp) as a DelegationTokenRecord.
import { RenewDelegationTokenApi, type RenewDelegationTokenRequest, type RenewDelegationTokenResponse } from '../../../protocol/generated/api/39-renew-delegation-token.js';
import { handler } from '../handler.js';
import { forwardTokenExpiryChange } from '../token-access.js';

export const renewDelegationTokenHandler = handler<RenewDelegationTokenRequest, RenewDelegationTokenResponse>({
  api: RenewDelegationTokenApi,
  minVersion: 0,
  maxVersion: 2,
  listeners: ['broker', 'controller'],
  handle(req, ctx) {
    return forwardTokenExpiryChange(ctx, RenewDelegationTokenApi, req);
  },
});
