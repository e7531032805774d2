// SASL over the project's raw client, for tests that need what no client library sends: PLAIN,
// and SCRAM with extensions (tokenauth=true, for delegation tokens).
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { SaslAuthenticateApi } from '../../protocol/generated/api/36-sasl-authenticate.js';
import { SaslHandshakeApi } from '../../protocol/generated/api/17-sasl-handshake.js';
import { RawClient } from './raw-client.js';

export async function plainClient(address: string, user: string, password: string): Promise<RawClient> {
  const client = await RawClient.connect(address);
  await handshake(client, 'PLAIN');
  const res = await client.request(SaslAuthenticateApi, 2, { authBytes: Buffer.from(`\u0000${user}\u0000${password}`) });
  if (res.errorCode !== 0) throw new Error(`PLAIN failed: ${res.errorCode} ${res.errorMessage}`);
  return client;
}

/** SCRAM-SHA-256 as a token: user = token id, password = base64 HMAC, tokenauth=true. */
export async function scramTokenClient(address: string, tokenId: string, password: string): Promise<RawClient> {
  const client = await RawClient.connect(address);
  await handshake(client, 'SCRAM-SHA-256');
  const cnonce = randomBytes(18).toString('base64url');
  const firstBare = `n=${tokenId},r=${cnonce},tokenauth=true`;
  const first = await client.request(SaslAuthenticateApi, 2, { authBytes: Buffer.from(`n,,${firstBare}`) });
  if (first.errorCode !== 0) {
    client.close();
    throw new Error(`SCRAM failed: ${first.errorCode} ${first.errorMessage}`);
  }
  const serverFirst = first.authBytes.toString();
  const fields = new Map(serverFirst.split(',').map((kv) => [kv.slice(0, 1), kv.slice(2)] as [string, string]));
  const salted = pbkdf2Sync(password, Buffer.from(fields.get('s')!, 'base64'), Number(fields.get('i')), 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const finalNoProof = `c=${Buffer.from('n,,').toString('base64')},r=${fields.get('r')}`;
  const signature = createHmac('sha256', storedKey).update(`${firstBare},${serverFirst},${finalNoProof}`).digest();
  const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!));
  const final = await client.request(SaslAuthenticateApi, 2, { authBytes: Buffer.from(`${finalNoProof},p=${proof.toString('base64')}`) });
  if (final.errorCode !== 0) {
    client.close();
    throw new Error(`SCRAM failed: ${final.errorCode} ${final.errorMessage}`);
  }
  return client;
}

async function handshake(client: RawClient, mechanism: string): Promise<void> {
  const res = await client.request(SaslHandshakeApi, 1, { mechanism });
  if (res.errorCode !== 0) throw new Error(`handshake failed: ${res.errorCode} (${res.mechanisms.join(',')})`);
}
