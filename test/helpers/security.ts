// Helpers for the security tests: a listener's address, and a request that tells whether the
// server answered or closed the connection.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Cluster } from '../../src/cluster/cluster.js';
import { MetadataApi } from '../../protocol/generated/api/03-metadata.js';
import { AlterUserScramCredentialsApi } from '../../protocol/generated/api/51-alter-user-scram-credentials.js';
import { DescribeUserScramCredentialsApi } from '../../protocol/generated/api/50-describe-user-scram-credentials.js';
import { saltedPassword, scramMechanism } from '../../src/broker/sasl/scram.js';
import { createCa, issueCertificate, type Issued } from '../../src/cluster/certificates.js';
import { RawClient } from './raw-client.js';

/** host:port of node `index`'s listener of that name. */
export function listenerAddress(cluster: Cluster, name: string, index = 0): string {
  const a = cluster.nodes[index]!.brokerAddresses.find((l) => l.name === name);
  if (!a) throw new Error(`no ${name} listener`);
  return `${a.host}:${a.port}`;
}

/** A PLAINTEXT listener beside a SASL_PLAINTEXT one whose PLAIN users come from `jaas`. */
export function saslPlaintextOverrides(jaas: string, mechanisms = 'PLAIN'): Record<string, string> {
  return {
    listeners: 'PLAINTEXT://127.0.0.1:0,SASL_PLAINTEXT://127.0.0.1:0',
    'sasl.enabled.mechanisms': mechanisms,
    'listener.name.sasl_plaintext.plain.sasl.jaas.config': jaas,
  };
}

/**
 * ACLs on, with no ACL meaning no access (Kafka's default), and the PLAINTEXT listener's
 * User:ANONYMOUS (the nodes' own traffic, and a test's admin) a super user, as Kafka's docs require
 * for inter-broker principals.
 */
export const ACLS_ANONYMOUS_SUPER_USER: Readonly<Record<string, string>> = {
  'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
  'super.users': 'User:ANONYMOUS',
};

/** Sends Metadata (all topics) unauthenticated: 'answered', or 'closed' when the server hung up. */
export async function metadataProbe(address: string): Promise<'answered' | 'closed'> {
  const client = await RawClient.connect(address);
  try {
    await client.request(MetadataApi, 1, { ...MetadataApi.defaultRequest(), topics: null });
    return 'answered';
  } catch {
    return 'closed';
  } finally {
    client.close();
  }
}

/** Sets a SCRAM user through AlterUserScramCredentials, as kafka-configs --alter --add-config does. */
export async function alterScramUser(address: string, user: string, password: string, mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512', iterations = 4096) {
  const m = scramMechanism(mechanism)!;
  const salt = randomBytes(16);
  const client = await RawClient.connect(address);
  try {
    return await client.request(AlterUserScramCredentialsApi, 0, {
      deletions: [],
      upsertions: [{ name: user, mechanism: m.type, iterations, salt, saltedPassword: saltedPassword(m.hash, password, salt, iterations) }],
    });
  } finally {
    client.close();
  }
}

export async function describeScramUsers(address: string, users: string[] | null) {
  const client = await RawClient.connect(address);
  try {
    return await client.request(DescribeUserScramCredentialsApi, 0, { users: users?.map((name) => ({ name })) ?? null });
  } finally {
    client.close();
  }
}

/** A CA and a node certificate for 127.0.0.1/localhost in a temp dir, with the listener keys that use them. */
export function tlsFixture(): {
  dir: string; ca: string; clientCert: Issued; keys: (listener: string) => Record<string, string>;
  /** Another client certificate from the same CA. */
  issueClient: (commonName: string, organization?: string) => Issued;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-tls-'));
  const ca = createCa();
  const node = issueCertificate(ca, { commonName: 'localhost', hosts: ['localhost', '127.0.0.1'] });
  fs.writeFileSync(path.join(dir, 'node.pem'), node.key + node.cert);
  fs.writeFileSync(path.join(dir, 'ca.pem'), ca.cert);
  const clientCert = issueCertificate(ca, { commonName: 'client', organization: 'example' });
  return {
    dir, ca: ca.cert, clientCert,
    issueClient: (commonName, organization) => issueCertificate(ca, { commonName, ...(organization === undefined ? {} : { organization }) }),
    keys: (listener) => ({
      [`listener.name.${listener}.ssl.keystore.type`]: 'PEM',
      [`listener.name.${listener}.ssl.keystore.location`]: path.join(dir, 'node.pem'),
      [`listener.name.${listener}.ssl.truststore.type`]: 'PEM',
      [`listener.name.${listener}.ssl.truststore.location`]: path.join(dir, 'ca.pem'),
    }),
  };
}
