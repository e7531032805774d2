// The client side of SASL for kraftling's own node-to-node connections (Raft, registration,
// forwarding, replica fetches) to a SASL listener: PLAIN or SCRAM-SHA-256/512 with the username and
// password of the listener's JAAS entry, as Kafka's brokers use sasl.mechanism.inter.broker.protocol
// and sasl.mechanism.controller.protocol with the listener's `username`/`password` options.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiDefinition } from '../../protocol/definition.js';
import { SaslAuthenticateApi } from '../../protocol/generated/api/36-sasl-authenticate.js';
import { SaslHandshakeApi } from '../../protocol/generated/api/17-sasl-handshake.js';
import { saltedPassword, scramMechanism } from '../broker/sasl/scram.js';

/** One request and its response on the connection being authenticated. */
export type Exchange = <Req, Res>(api: ApiDefinition<Req, Res>, version: number, body: Req) => Promise<Res>;

export type Authenticate = (exchange: Exchange) => Promise<void>;

export function saslClient(mechanism: string, username: string, password: string): Authenticate {
  return async (exchange) => {
    const hs = await exchange(SaslHandshakeApi, 1, { mechanism });
    if (hs.errorCode !== 0) throw new Error(`SaslHandshake ${mechanism}: error ${hs.errorCode} (server offers ${hs.mechanisms.join(', ')})`);
    const step = async (bytes: Buffer): Promise<Buffer> => {
      const res = await exchange(SaslAuthenticateApi, 1, { authBytes: bytes });
      if (res.errorCode !== 0) throw new Error(`SASL ${mechanism} failed: ${res.errorMessage ?? res.errorCode}`);
      return res.authBytes;
    };
    if (mechanism === 'PLAIN') {
      await step(Buffer.from(`\u0000${username}\u0000${password}`));
      return;
    }
    const scram = scramMechanism(mechanism);
    if (!scram) throw new Error(`kraftling's node-to-node client does not speak SASL ${mechanism}`);
    await scramExchange(scram.hash, username, password, step);
  };
}

/** RFC 5802's client: first message, proof from the server's salt and iterations, signature check. */
async function scramExchange(hash: string, username: string, password: string, step: (b: Buffer) => Promise<Buffer>): Promise<void> {
  const clientNonce = randomBytes(24).toString('base64url');
  const firstBare = `n=${username.replace(/=/g, '=3D').replace(/,/g, '=2C')},r=${clientNonce}`;
  const serverFirst = (await step(Buffer.from(`n,,${firstBare}`))).toString('utf8');
  const m = /^r=([^,]+),s=([^,]+),i=(\d+)/.exec(serverFirst);
  if (!m || !m[1]!.startsWith(clientNonce)) throw new Error('SCRAM: bad server-first message');
  const salted = saltedPassword(hash, password, Buffer.from(m[2]!, 'base64'), Number(m[3]));
  const hmac = (key: Buffer, data: string) => createHmac(hash, key).update(data).digest();
  const clientKey = hmac(salted, 'Client Key');
  const finalNoProof = `c=biws,r=${m[1]}`;
  const authMessage = `${firstBare},${serverFirst},${finalNoProof}`;
  const signature = hmac(createHash(hash).update(clientKey).digest(), authMessage);
  const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!));
  const serverFinal = (await step(Buffer.from(`${finalNoProof},p=${proof.toString('base64')}`))).toString('utf8');
  const expected = Buffer.from(`v=${hmac(hmac(salted, 'Server Key'), authMessage).toString('base64')}`);
  const got = Buffer.from(serverFinal);
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) throw new Error('SCRAM: the server signature does not verify');
}
