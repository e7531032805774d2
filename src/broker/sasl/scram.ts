// SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802, RFC 7677) as Kafka's ScramSaslServer: client-first
// "n,,n=user,r=nonce", server-first "r=nonce+ours,s=salt,i=iterations", client-final with the
// proof, server-final with our signature. Credentials (salt, StoredKey, ServerKey, iterations) come
// from UserScramCredentialRecords in the metadata image; the password is never stored.
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { userPrincipal, type Principal } from '../principal.js';
import type { SaslMechanismServer, SaslStep } from './session.js';

export interface ScramCredential {
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
  iterations: number;
}

/** Kafka's ScramMechanism: its type byte in records and requests, hash and iteration bounds. */
export const SCRAM_MECHANISMS = [
  { name: 'SCRAM-SHA-256', type: 1, hash: 'sha256' },
  { name: 'SCRAM-SHA-512', type: 2, hash: 'sha512' },
] as const;
export const SCRAM_MIN_ITERATIONS = 4096;
export const SCRAM_MAX_ITERATIONS = 16384;

export function scramMechanism(nameOrType: string | number): (typeof SCRAM_MECHANISMS)[number] | undefined {
  return SCRAM_MECHANISMS.find((m) => m.name === nameOrType || m.type === nameOrType);
}

/** The stored form of a salted password (RFC 5802 section 3). */
export function scramCredential(hash: string, saltedPassword: Buffer, salt: Buffer, iterations: number): ScramCredential {
  const clientKey = hmac(hash, saltedPassword, 'Client Key');
  return { salt, iterations, storedKey: createHash(hash).update(clientKey).digest(), serverKey: hmac(hash, saltedPassword, 'Server Key') };
}

/** Hi() of RFC 5802 is PBKDF2 with the mechanism's HMAC, one block long. */
export function saltedPassword(hash: string, password: string, salt: Buffer, iterations: number): Buffer {
  return pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, createHash(hash).digest().length, hash);
}

function hmac(hash: string, key: Buffer, data: Buffer | string): Buffer {
  return createHmac(hash, key).update(data).digest();
}

/** Finds a user's credential; `extensions` are the client-first message's (tokenauth=true ...). */
export type ScramLookup = (user: string, extensions: ReadonlyMap<string, string>) => { credential: ScramCredential; principal: Principal } | null;

const CLIENT_FIRST = /^([ny]),(?:a=([^,]*))?,(n=([^,]*),r=([^,]+)((?:,[A-Za-z]+=[^,]*)*))$/;

/** `serverNonce` is replaceable so RFC 7677's example exchange can be replayed in a test. */
export function scramServer(hash: string, lookup: ScramLookup, serverNonce = () => randomBytes(24).toString('base64url')): SaslMechanismServer {
  let expect: 'first' | 'final' | 'done' = 'first';
  let gs2Header = '';
  let firstBare = '';
  let serverFirst = '';
  let nonce = '';
  let found: { credential: ScramCredential; principal: Principal } | null = null;
  return {
    step(clientBytes: Buffer): SaslStep {
      const text = clientBytes.toString('utf8');
      if (expect === 'first') {
        const m = CLIENT_FIRST.exec(text);
        if (!m) return { kind: 'fail', message: 'Invalid SCRAM client first message' };
        const user = decodeSaslName(m[4]!);
        if (m[2] !== undefined && m[2] !== '' && decodeSaslName(m[2]) !== user) {
          return { kind: 'fail', message: 'Client requested an authorization id that is different from username' };
        }
        found = lookup(user, parseExtensions(m[6]!));
        if (found === null) return { kind: 'fail', message: 'Invalid user credentials' };
        gs2Header = text.slice(0, text.length - m[3]!.length);
        firstBare = m[3]!;
        nonce = m[5]! + serverNonce();
        serverFirst = `r=${nonce},s=${found.credential.salt.toString('base64')},i=${found.credential.iterations}`;
        expect = 'final';
        return { kind: 'challenge', bytes: Buffer.from(serverFirst) };
      }
      if (expect !== 'final' || found === null) return { kind: 'fail', message: 'Unexpected SCRAM message' };
      expect = 'done';
      return finalStep(hash, text, { gs2Header, firstBare, serverFirst, nonce, found });
    },
  };
}

function finalStep(hash: string, text: string, s: { gs2Header: string; firstBare: string; serverFirst: string; nonce: string;
  found: { credential: ScramCredential; principal: Principal } }): SaslStep {
  const m = /^(c=([^,]*),r=([^,]*)(?:,[A-Za-z]+=[^,]*)*),p=([A-Za-z0-9+/=]+)$/.exec(text);
  if (!m) return { kind: 'fail', message: 'Invalid SCRAM client final message' };
  // endsWith, as Kafka's ScramSaslServer checks: librdkafka before 2.2 sends its own nonce again
  // in front of the combined one.
  if (!m[3]!.endsWith(s.nonce)) return { kind: 'fail', message: 'Invalid client nonce in the final client message' };
  if (Buffer.from(m[2]!, 'base64').toString('utf8') !== s.gs2Header) return { kind: 'fail', message: 'Invalid channel binding' };
  const authMessage = `${s.firstBare},${s.serverFirst},${m[1]}`;
  const { storedKey, serverKey } = s.found.credential;
  const signature = hmac(hash, storedKey, authMessage);
  const proof = Buffer.from(m[4]!, 'base64');
  if (proof.length !== signature.length) return { kind: 'fail', message: 'Invalid client proof' };
  const clientKey = Buffer.alloc(proof.length);
  for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i]! ^ signature[i]!;
  const computed = createHash(hash).update(clientKey).digest();
  if (computed.length !== storedKey.length || !timingSafeEqual(computed, storedKey)) return { kind: 'fail', message: 'Invalid client credentials' };
  const serverSignature = hmac(hash, serverKey, authMessage).toString('base64');
  return { kind: 'done', bytes: Buffer.from(`v=${serverSignature}`), principal: s.found.principal };
}

/** RFC 5802 saslname: "=2C" is a comma and "=3D" an equals sign. */
function decodeSaslName(name: string): string {
  return name.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

function parseExtensions(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const kv of text.split(',').filter((s) => s !== '')) {
    const eq = kv.indexOf('=');
    out.set(kv.slice(0, eq), kv.slice(eq + 1));
  }
  return out;
}

/** A lookup over a plain credential table (user -> credential), for listeners and tests. */
export function scramLookup(credentials: (user: string) => ScramCredential | undefined): ScramLookup {
  return (user) => {
    const credential = credentials(user);
    return credential === undefined ? null : { credential, principal: userPrincipal(user) };
  };
}
