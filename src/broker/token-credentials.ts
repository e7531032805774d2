// SCRAM credentials of delegation tokens, for SCRAM's tokenauth=true extension (Kafka's
// DelegationTokenCache): the client authenticates with the token id as user name and the HMAC in
// base64 as password, and the connection's principal becomes the token's owner, marked token
// authenticated. A token past its expiry authenticates no one.
import { createHash } from 'node:crypto';
import type { MetadataImage } from '../metadata/image.js';
import { tokenHmac } from '../metadata/delegation-tokens.js';
import { parsePrincipal, userPrincipal, type Principal } from './principal.js';
import { saltedPassword, scramCredential, SCRAM_MIN_ITERATIONS, type ScramCredential } from './sasl/scram.js';

/** The password a client presents for a token: its HMAC, base64 (as Kafka's TokenInformation). */
export function tokenPassword(tokenId: string, secretKey: string): string {
  return tokenHmac(tokenId, secretKey).toString('base64');
}

export function tokenCredentials(
  image: MetadataImage, tokenId: string, secretKey: string | null, hash: string, nowMs: number,
): { credential: ScramCredential; principal: Principal } | null {
  const token = image.delegationTokens.get(tokenId);
  if (!token || secretKey === null || token.expirationTimestamp < nowMs) return null;
  const owner = parsePrincipal(token.owner);
  if (!owner) return null;
  // Any salt serves (the server sends it); one derived from the id keeps the lookup stateless.
  const salt = createHash('sha256').update(`kraftling-token:${tokenId}`).digest().subarray(0, 16);
  const salted = saltedPassword(hash, tokenPassword(tokenId, secretKey), salt, SCRAM_MIN_ITERATIONS);
  return { credential: scramCredential(hash, salted, salt, SCRAM_MIN_ITERATIONS), principal: userPrincipal(owner.name, true) };
}
