// DescribeDelegationToken (key 41), v0-v3.
// Answered from this broker's metadata image: the tokens of the owners asked for (all when null)
// that the caller may see (its own, ones it renews, DESCRIBE on the token or DESCRIBE_TOKENS on
// the owner), with their HMACs. Needs delegation.token.secret.key and an authenticated, non-token
// connection, as the other token APIs.
import {
  DescribeDelegationTokenApi, type DescribeDelegationTokenRequest, type DescribeDelegationTokenResponse,
} from '../../../protocol/generated/api/41-describe-delegation-token.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { tokenHmac } from '../../metadata/delegation-tokens.js';
import { handler } from '../handler.js';
import { splitPrincipal, tokenRequestRefusal, tokenSecret, tokenVisible } from '../token-access.js';

export const describeDelegationTokenHandler = handler<DescribeDelegationTokenRequest, DescribeDelegationTokenResponse>({
  api: DescribeDelegationTokenApi,
  minVersion: 0,
  maxVersion: 3,
  handle(req, ctx) {
    const refusal = tokenRequestRefusal(ctx);
    if (refusal !== ErrorCode.NONE) return { errorCode: refusal, tokens: [], throttleTimeMs: 0 };
    const owners = req.owners === null ? null : new Set(req.owners.map((o) => `${o.principalType}:${o.principalName}`));
    const key = tokenSecret(ctx)!;
    const tokens = [...ctx.services.image().delegationTokens.values()]
      .filter((t) => (owners === null || owners.has(t.owner)) && tokenVisible(ctx, t))
      .map((t) => {
        const owner = splitPrincipal(t.owner);
        const requester = splitPrincipal(t.requester);
        return {
          principalType: owner.principalType, principalName: owner.principalName,
          tokenRequesterPrincipalType: requester.principalType, tokenRequesterPrincipalName: requester.principalName,
          issueTimestamp: t.issueTimestamp, expiryTimestamp: t.expirationTimestamp, maxTimestamp: t.maxTimestamp,
          tokenId: t.tokenId, hmac: tokenHmac(t.tokenId, key), renewers: t.renewers.map(splitPrincipal),
        };
      });
    return { errorCode: ErrorCode.NONE, tokens, throttleTimeMs: 0 };
  },
});
