// The SASL server side without sockets: RFC 7677's SCRAM-SHA-256 example replayed byte for byte,
// PLAIN and OAUTHBEARER's accept/refuse cases, and the session's gate, failures and KIP-368
// re-authentication on a virtual clock.
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../protocol/errors.js';
import { parseJaasConfig, plainUsers } from '../../../src/broker/sasl/jaas.js';
import { oauthBearerServer } from '../../../src/broker/sasl/oauthbearer.js';
import { plainServer } from '../../../src/broker/sasl/plain.js';
import { saltedPassword, scramCredential, scramLookup, scramServer } from '../../../src/broker/sasl/scram.js';
import { SaslSession, type SaslListenerConfig } from '../../../src/broker/sasl/session.js';

const b = (s: string) => Buffer.from(s);

describe('SCRAM-SHA-256', () => {
  it('replays the example exchange of RFC 7677 section 3', () => {
    const salt = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64');
    const credential = scramCredential('sha256', saltedPassword('sha256', 'pencil', salt, 4096), salt, 4096);
    const server = scramServer('sha256', scramLookup((u) => (u === 'user' ? credential : undefined)), () => '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0');
    const first = server.step(b('n,,n=user,r=rOprNGfwEbeRWgbNEkqO'), 0);
    expect(first).toEqual({ kind: 'challenge', bytes: b('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096') });
    const final = server.step(b('c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ='), 0);
    expect(final).toMatchObject({ kind: 'done', bytes: b('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='), principal: { type: 'User', name: 'user' } });
  });

  it('refuses a wrong proof and an unknown user', () => {
    const salt = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64');
    const credential = scramCredential('sha256', saltedPassword('sha256', 'other', salt, 4096), salt, 4096);
    const server = scramServer('sha256', scramLookup(() => credential), () => '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0');
    server.step(b('n,,n=user,r=rOprNGfwEbeRWgbNEkqO'), 0);
    expect(server.step(b('c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ='), 0).kind).toBe('fail');
    expect(scramServer('sha256', scramLookup(() => undefined)).step(b('n,,n=nobody,r=abc'), 0).kind).toBe('fail');
  });
});

describe('PLAIN and the JAAS entry', () => {
  const users = plainUsers(parseJaasConfig('org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="a" user_admin="a" user_alice="alice-secret";'));

  it('reads user_<name> options', () => {
    expect([...users]).toEqual([['admin', 'a'], ['alice', 'alice-secret']]);
  });

  it('accepts the right password and refuses others', () => {
    expect(plainServer(users).step(b('\0alice\0alice-secret'), 0)).toMatchObject({ kind: 'done', principal: { name: 'alice' } });
    expect(plainServer(users).step(b('\0alice\0wrong'), 0).kind).toBe('fail');
    expect(plainServer(users).step(b('admin\0alice\0alice-secret'), 0).kind).toBe('fail');
    expect(plainServer(users).step(b('garbage'), 0).kind).toBe('fail');
  });
});

describe('OAUTHBEARER with unsecured tokens', () => {
  const server = () => oauthBearerServer({ principalClaimName: 'sub', allowableClockSkewMs: 0 });
  const token = (header: object, claims: object) =>
    `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
  const message = (t: string) => b(`n,,\u0001auth=Bearer ${t}\u0001\u0001`);

  it('takes the principal from sub and the session bound from exp', () => {
    expect(server().step(message(token({ alg: 'none' }, { sub: 'alice', iat: 1, exp: 100 })), 50_000))
      .toMatchObject({ kind: 'done', principal: { name: 'alice' }, credentialExpiresAtMs: 100_000 });
  });

  it('refuses an expired token, a signed one, and one without sub or exp', () => {
    expect(server().step(message(token({ alg: 'none' }, { sub: 'alice', exp: 100 })), 100_000).kind).toBe('fail');
    expect(server().step(message(token({ alg: 'HS256' }, { sub: 'alice', exp: 100 })), 0).kind).toBe('fail');
    expect(server().step(message(token({ alg: 'none' }, { exp: 100 })), 0).kind).toBe('fail');
    expect(server().step(message(token({ alg: 'none' }, { sub: 'alice' })), 0).kind).toBe('fail');
  });
});

describe('SaslSession', () => {
  const config = (reauthMs: number): SaslListenerConfig => ({
    mechanisms: ['PLAIN'], reauthMs,
    create: (m) => (m === 'PLAIN' ? plainServer(new Map([['alice', 'pw'], ['bob', 'pw']])) : null),
  });

  it('serves only ApiVersions and the SASL APIs before authentication', () => {
    const s = new SaslSession(config(0));
    expect(s.allows(18, 0)).toBe(true);
    expect(s.allows(3, 0)).toBe(false);
    expect(s.handshake('PLAIN').response.errorCode).toBe(ErrorCode.NONE);
    expect(s.allows(3, 0)).toBe(false);
    const done = s.authenticate(b('\0alice\0pw'), 0);
    expect(done).toMatchObject({ end: false, principal: { name: 'alice' }, response: { errorCode: 0, sessionLifetimeMs: 0 } });
    expect(s.allows(3, Number.MAX_SAFE_INTEGER)).toBe(true);
  });

  it('answers an unknown mechanism with the enabled list and ends the connection', () => {
    expect(new SaslSession(config(0)).handshake('GSSAPI')).toEqual({ response: { errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms: ['PLAIN'] }, end: true });
  });

  it('fails bad credentials with SASL_AUTHENTICATION_FAILED and ends the connection', () => {
    const s = new SaslSession(config(0));
    s.handshake('PLAIN');
    expect(s.authenticate(b('\0alice\0nope'), 0)).toMatchObject({ end: true, response: { errorCode: ErrorCode.SASL_AUTHENTICATION_FAILED } });
    expect(s.allows(18, 0)).toBe(false);
  });

  it('expires the session after connections.max.reauth.ms; re-authentication as the same user renews it', () => {
    const s = new SaslSession(config(1000));
    s.handshake('PLAIN');
    expect(s.authenticate(b('\0alice\0pw'), 0).response.sessionLifetimeMs).toBe(1000);
    expect(s.allows(0, 999)).toBe(true);
    expect(s.allows(0, 1000)).toBe(false);
    expect(s.handshake('PLAIN').response.errorCode).toBe(ErrorCode.NONE);
    expect(s.authenticate(b('\0alice\0pw'), 900).response.sessionLifetimeMs).toBe(1000);
    expect(s.allows(0, 1899)).toBe(true);
  });

  it('refuses a re-authentication that changes the principal', () => {
    const s = new SaslSession(config(1000));
    s.handshake('PLAIN');
    s.authenticate(b('\0alice\0pw'), 0);
    s.handshake('PLAIN');
    expect(s.authenticate(b('\0bob\0pw'), 10)).toMatchObject({ end: true, response: { errorCode: ErrorCode.SASL_AUTHENTICATION_FAILED } });
  });
});
