// SASL PLAIN (RFC 4616) as Kafka's PlainSaslServer: one message "authzid NUL user NUL password",
// checked against the users of the listener's PlainLoginModule JAAS entry (user_<name>="<pw>").
// An authorization id other than the user name is refused, as in Kafka.
import { timingSafeEqual } from 'node:crypto';
import { userPrincipal } from '../principal.js';
import type { SaslMechanismServer, SaslStep } from './session.js';

export function plainServer(passwords: ReadonlyMap<string, string>): SaslMechanismServer {
  return {
    step(clientBytes: Buffer): SaslStep {
      const parts = clientBytes.toString('utf8').split('\u0000');
      if (parts.length !== 3) return { kind: 'fail', message: 'Invalid SASL/PLAIN response: expected 3 tokens' };
      const [authzid, user, password] = parts as [string, string, string];
      if (user === '') return { kind: 'fail', message: 'username not specified' };
      if (password === '') return { kind: 'fail', message: 'password not specified' };
      if (authzid !== '' && authzid !== user) {
        return { kind: 'fail', message: 'Client requested an authorization id that is different from username' };
      }
      const expected = passwords.get(user);
      if (expected === undefined || !sameText(expected, password)) return { kind: 'fail', message: 'Invalid username or password' };
      return { kind: 'done', bytes: Buffer.alloc(0), principal: userPrincipal(user) };
    },
  };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
