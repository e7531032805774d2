// ssl.principal.mapping.rules end to end: kafkajs clients with certificates on an SSL listener
// (ssl.client.auth=required) are known to the ACLs by the names the rules give them, and a
// certificate no rule applies to is refused at the connection, as Kafka does.
import fs from 'node:fs';
import { AclOperationTypes as Op, AclPermissionTypes as Perm, AclResourceTypes as Rt, Kafka, logLevel, ResourcePatternTypes as Pt } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../../src/cluster/cluster.js';
import type { Issued } from '../../../src/cluster/certificates.js';
import { kafkaClient, startCluster } from '../../helpers/cluster.js';
import { ACLS_ANONYMOUS_SUPER_USER, listenerAddress, tlsFixture } from '../../helpers/security.js';

const tls = tlsFixture();
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({
    overrides: {
      listeners: 'PLAINTEXT://127.0.0.1:0,SSL://127.0.0.1:0',
      ...tls.keys('ssl'),
      'listener.name.ssl.ssl.client.auth': 'required',
      // Services by their common name, lower-cased; nothing else.
      'listener.name.ssl.ssl.principal.mapping.rules': 'RULE:^CN=([^,]+),O=Services$/$1/L',
      ...ACLS_ANONYMOUS_SUPER_USER,
    },
  });
  const admin = kafkaClient(listenerAddress(cluster, 'PLAINTEXT')).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'payments' }] });
  await admin.createAcls({ acl: [{
    resourceType: Rt.TOPIC, resourceName: 'payments', resourcePatternType: Pt.LITERAL, principal: 'User:billing',
    host: '*', operation: Op.WRITE, permissionType: Perm.ALLOW,
  }] });
  await admin.disconnect();
});
afterAll(async () => {
  await cluster?.stop();
  fs.rmSync(tls.dir, { recursive: true, force: true });
});

const withCertificate = (cert: Issued) => new Kafka({
  clientId: 'rules', brokers: [listenerAddress(cluster, 'SSL')], logLevel: logLevel.NOTHING,
  ssl: { ca: [tls.ca], key: cert.key, cert: cert.cert, servername: 'localhost' },
  retry: { retries: 0 }, connectionTimeout: 3_000,
});
const errorType = (err: unknown) => (err as { type?: string }).type ?? (err as { cause?: { type?: string } }).cause?.type ?? (err as Error).name;

/** CN=Billing,O=Services (User:billing) writes `value`; CN=Audit,O=Services (User:audit) is refused. */
async function billingWritesAuditDoesNot(value: string): Promise<void> {
  const billing = withCertificate(tls.issueClient('Billing', 'Services')).producer();
  await billing.connect();
  await billing.send({ topic: 'payments', messages: [{ value }] });
  await billing.disconnect();
  const audit = withCertificate(tls.issueClient('Audit', 'Services')).producer();
  await audit.connect();
  expect(await audit.send({ topic: 'payments', messages: [{ value: 'x' }] }).then(() => 'ok', errorType)).toBe('TOPIC_AUTHORIZATION_FAILED');
  await audit.disconnect();
}

describe('ssl.principal.mapping.rules', () => {
  it('names the client by its rule: the ACL for User:billing lets CN=Billing,O=Services write, not CN=Audit', async () => {
    await billingWritesAuditDoesNot('p1');

    const consumer = kafkaClient(listenerAddress(cluster, 'PLAINTEXT')).consumer({ groupId: 'check' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'payments', fromBeginning: true });
    const got = new Promise<string>((resolve) => void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) }));
    expect(await got).toBe('p1');
    await consumer.disconnect();
  });

  it('refuses a certificate no rule applies to, and goes on serving the others', async () => {
    const stranger = withCertificate(tls.issueClient('billing', 'Elsewhere')).producer();
    expect(await stranger.connect().then(() => 'connected', errorType)).not.toBe('connected');
    const billing = withCertificate(tls.issueClient('Billing', 'Services')).producer();
    await billing.connect();
    await billing.send({ topic: 'payments', messages: [{ value: 'p2' }] });
    await billing.disconnect();
  });

  it('after a crash and restart of the node, maps and authorizes the same, with every acknowledged record there once', async () => {
    cluster.kill(1);
    await cluster.restart(1);
    await billingWritesAuditDoesNot('p3');

    const consumer = kafkaClient(listenerAddress(cluster, 'PLAINTEXT')).consumer({ groupId: 'after-restart' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'payments', fromBeginning: true });
    const values: string[] = [];
    await new Promise<void>((resolve) => void consumer.run({ eachMessage: async ({ message }) => {
      values.push(String(message.value));
      if (values.length === 3) resolve();
    } }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await consumer.disconnect();
    expect(values).toEqual(['p1', 'p2', 'p3']);
  });
});

describe('ssl.principal.mapping.rules that do not parse', () => {
  it('fail the start with the key and the rule named', async () => {
    const started = startCluster({
      overrides: { listeners: 'SSL://127.0.0.1:0', ...tls.keys('ssl'), 'ssl.principal.mapping.rules': 'RULE:^CN=(.*)$/$1/X' },
    });
    await expect(started).rejects.toThrow(/ssl\.principal\.mapping\.rules: listener SSL: invalid rule/);
  });
});
