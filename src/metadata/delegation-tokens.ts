// Delegation tokens as the metadata image holds them (DelegationTokenRecord, by token id), and the
// HMAC Kafka gives a token: HmacSHA512 of the token id under delegation.token.secret.key
// (DelegationTokenManager.createHmac). The HMAC is never stored: any node with the key derives it.
import { createHmac } from 'node:crypto';

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
