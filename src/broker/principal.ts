// Who is on the other end of a connection, as Kafka's KafkaPrincipal names it ("User:alice").
// PLAINTEXT connections (and SSL ones without a client certificate) are User:ANONYMOUS; an SSL
// client certificate gives its subject's distinguished name; SASL gives the authenticated user.
// Set once per connection (again on re-authentication) and read by every request through
// RequestContext.principal, so an authorizer needs nothing else.

export interface Principal {
  /** "User" for every principal kraftling builds (Kafka's KafkaPrincipal.USER_TYPE). */
  readonly type: string;
  readonly name: string;
  /** Set when the principal came from a delegation token (Kafka's tokenAuthenticated). */
  readonly tokenAuthenticated?: boolean;
}

export const ANONYMOUS: Principal = Object.freeze({ type: 'User', name: 'ANONYMOUS' });

export function userPrincipal(name: string, tokenAuthenticated = false): Principal {
  return tokenAuthenticated ? { type: 'User', name, tokenAuthenticated } : { type: 'User', name };
}

/** "User:alice", the form ACLs and super.users use. */
export function principalString(p: Principal): string {
  return `${p.type}:${p.name}`;
}

/** "User:alice" back into a principal; null when the string has no type. */
export function parsePrincipal(s: string): Principal | null {
  const colon = s.indexOf(':');
  if (colon <= 0) return null;
  return { type: s.slice(0, colon), name: s.slice(colon + 1) };
}
