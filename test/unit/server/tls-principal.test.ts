// The principal a TLS listener gives a connection, as Kafka's default principal builder: the client
// certificate's subject in RFC 2253 order when ssl.client.auth asks for one and it verifies, else
// User:ANONYMOUS.
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../../src/broker/principal.js';
import { createCa, issueCertificate } from '../../../src/cluster/certificates.js';
import { Listener } from '../../../src/server/listener.js';
import { parsePrincipalRules, type PrincipalNameMapper } from '../../../src/broker/ssl-principal-rules.js';

const quiet = { warn() {}, debug() {}, info() {} };
const limits = { maxFrameBytes: 1 << 20, idleTimeoutMs: 60_000, maxInFlight: 16, maxQueuedBytes: 1 << 20 };
const ca = createCa();
const server = issueCertificate(ca, { commonName: 'localhost', hosts: ['127.0.0.1'] });
const client = issueCertificate(ca, { commonName: 'alice', organization: 'example' });
let listener: Listener | undefined;

afterEach(async () => {
  await listener?.close(100);
  listener = undefined;
});

/** The principal the listener gives the connection, or 'closed' when it closes it unserved. */
async function principalOf(clientOptions: tls.ConnectionOptions, principalName?: PrincipalNameMapper): Promise<Principal | 'closed'> {
  let seen: (p: Principal | 'closed') => void = () => {};
  const principal = new Promise<Principal | 'closed'>((resolve) => { seen = resolve; });
  listener = new Listener({
    name: 'SSL', host: '127.0.0.1', port: 0, limits, log: quiet,
    tls: { key: server.key, cert: server.cert, ca: ca.cert, requestCert: true, rejectUnauthorized: false },
    handler: { handle: (_frame, conn) => { seen(conn.principal); return null; } },
    ...(principalName === undefined ? {} : { principalName }),
  });
  await listener.listen();
  const socket = tls.connect({ host: '127.0.0.1', port: listener.port, ca: ca.cert, servername: 'localhost', ...clientOptions });
  socket.on('error', () => {});
  socket.once('close', () => seen('closed'));
  await new Promise((r) => socket.once('secureConnect', r));
  socket.write(Buffer.from([0, 0, 0, 1, 0]));
  const result = await principal;
  socket.destroy();
  return result;
}

describe('TLS listener principal', () => {
  it('is the client certificate subject, most specific part first', async () => {
    expect(await principalOf({ key: client.key, cert: client.cert })).toEqual({ type: 'User', name: 'CN=alice,O=example' });
  });

  it('is User:ANONYMOUS without a client certificate', async () => {
    expect(await principalOf({})).toEqual({ type: 'User', name: 'ANONYMOUS' });
  });

  it('is named by ssl.principal.mapping.rules where they are set, and ANONYMOUS stays without a certificate', async () => {
    const rules = parsePrincipalRules('RULE:^CN=([^,]*),O=example$/$1/U');
    expect(await principalOf({ key: client.key, cert: client.cert }, rules)).toEqual({ type: 'User', name: 'ALICE' });
    expect(await principalOf({}, rules)).toEqual({ type: 'User', name: 'ANONYMOUS' });
  });

  it('closes the connection unserved when no rule applies to the certificate', async () => {
    expect(await principalOf({ key: client.key, cert: client.cert }, parsePrincipalRules('RULE:^CN=([^,]*),O=other$/$1/'))).toBe('closed');
  });
});
