// Delegation tokens as the metadata image holds them (DelegationTokenRecord, by token id), and the
// HMAC Kafka gives a token: HmacSHA512 of the token id under delegation.token.secret.key
// (DelegationTokenManager.createHmac). The HMAC is never stored: any node with the key derives it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MetadataImage } from './image.js';

export interface DelegationTokenState {
  /** Principals as "User:name". */
  owner: string;
  requester: string;
  renewers: readonly string[];
  issueTimestamp: number;
  maxTimestamp: number;
  expirationTimestamp: number;
  tokenId: string;
}

export function tokenHmac(tokenId: string, secretKey: string): Buffer {
  return createHmac('sha512', Buffer.from(secretKey, 'utf8')).update(tokenId, 'utf8').digest();
}

/** The token whose HMAC this is (renew and expire name a token by its HMAC, as Kafka). */
export function tokenByHmac(image: MetadataImage, hmac: Buffer, secretKey: string): DelegationTokenState | undefined {
  for (const t of image.delegationTokens.values()) {
    const mine = tokenHmac(t.tokenId, secretKey);
    if (mine.length === hmac.length && timingSafeEqual(mine, hmac)) return t;
  }
  return undefined;
}
