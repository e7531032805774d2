// ACLs against authenticated principals: SASL PLAIN users alice and bob on one listener, and the
// PLAINTEXT listener (User:ANONYMOUS: the nodes' own traffic and the admin here) a super user, as
// Kafka's docs require for inter-broker principals. No ACL means no access
// (allow.everyone.if.no.acl.found=false, Kafka's default).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AclOperationTypes as Op, AclPermissionTypes as Perm, AclResourceTypes as Rt, Kafka, logLevel, ResourcePatternTypes as Pt } from 'kafkajs';
import type { Cluster } from '../../../src/cluster/cluster.js';
import { ErrorCode } from '../../../protocol/errors.js';
import { DescribeLogDirsApi } from '../../../protocol/generated/api/35-describe-log-dirs.js';
import { kafkaClient, startCluster } from '../../helpers/cluster.js';
import { RawClient } from '../../helpers/raw-client.js';
import { plainClient } from '../../helpers/sasl-client.js';
import { ACLS_ANONYMOUS_SUPER_USER, listenerAddress, saslPlaintextOverrides } from '../../helpers/security.js';

const JAAS = 'org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="alice-secret" user_bob="bob-secret";';
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({
    overrides: { ...saslPlaintextOverrides(JAAS), ...ACLS_ANONYMOUS_SUPER_USER },
  });
  const admin = kafkaClient(listenerAddress(cluster, 'PLAINTEXT')).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'orders' }, { topic: 'hidden' }] });
  const allow = (resourceType: Rt, resourceName: string, operation: Op, principal = 'User:alice') =>
    ({ resourceType, resourceName, resourcePatternType: Pt.LITERAL, principal, host: '*', operation, permissionType: Perm.ALLOW });
  await admin.createAcls({ acl: [
    allow(Rt.TOPIC, 'orders', Op.WRITE), allow(Rt.TOPIC, 'orders', Op.READ), allow(Rt.GROUP, 'billing', Op.READ),
    allow(Rt.TOPIC, 'orders', Op.DESCRIBE, 'User:bob'), allow(Rt.GROUP, 'billing', Op.DESCRIBE, 'User:bob'),
  ] });
  await admin.disconnect();
});
afterAll(async () => cluster?.stop());

const as = (user: string) => new Kafka({
  clientId: `acl-${user}`, brokers: [listenerAddress(cluster, 'SASL_PLAINTEXT')], logLevel: logLevel.NOTHING,
  sasl: { mechanism: 'plain', username: user, password: `${user}-secret` }, retry: { retries: 1, initialRetryTime: 50 },
});
const errorType = (err: unknown) => (err as { type?: string }).type ?? (err as { cause?: { type?: string } }).cause?.type ?? String(err);

describe('ACLs for SASL users', () => {
  it('lets alice produce and consume in her group, and refuses bob', async () => {
    const producer = as('alice').producer();
    await producer.connect();
    await producer.send({ topic: 'orders', messages: [{ value: 'o1' }] });
    await producer.disconnect();

    const bobProducer = as('bob').producer({ retry: { retries: 0 } });
    await bobProducer.connect();
    expect(await bobProducer.send({ topic: 'orders', messages: [{ value: 'x' }] }).then(() => 'ok', errorType)).toBe('TOPIC_AUTHORIZATION_FAILED');
    await bobProducer.disconnect();

    const consumer = as('alice').consumer({ groupId: 'billing' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'orders', fromBeginning: true });
    const got = new Promise<string>((resolve) => void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) }));
    expect(await got).toBe('o1');
    await consumer.disconnect();

    // bob may find the group's coordinator (DESCRIBE) but not join it (READ).
    const bobConsumer = as('bob').consumer({ groupId: 'billing', retry: { retries: 0 } });
    await bobConsumer.connect();
    await bobConsumer.subscribe({ topic: 'orders' });
    const crashed = new Promise<string>((resolve) => bobConsumer.on(bobConsumer.events.CRASH, (e) => resolve(errorType(e.payload.error))));
    void bobConsumer.run({ eachMessage: async () => {} });
    expect(await crashed).toBe('GROUP_AUTHORIZATION_FAILED');
    await bobConsumer.disconnect();
  });

  it('hides topics a user may not describe, and gives super users everything', async () => {
    const admin = as('bob').admin();
    await admin.connect();
    expect((await admin.listTopics()).sort()).toEqual(['orders']);
    expect(await admin.createTopics({ topics: [{ topic: 'bobs' }] }).then(() => 'ok', (e) => errorType((e as { errors?: unknown[] }).errors?.[0] ?? e))).toBe('TOPIC_AUTHORIZATION_FAILED');
    await admin.disconnect();
    const superAdmin = kafkaClient(listenerAddress(cluster, 'PLAINTEXT')).admin();
    await superAdmin.connect();
    expect((await superAdmin.listTopics()).filter((t) => !t.startsWith('__')).sort()).toEqual(['hidden', 'orders']);
    await superAdmin.disconnect();
  });

  it('answers DescribeLogDirs only with DESCRIBE on the cluster', async () => {
    const bob = await plainClient(listenerAddress(cluster, 'SASL_PLAINTEXT'), 'bob', 'bob-secret');
    expect(await bob.request(DescribeLogDirsApi, 4, { topics: null })).toMatchObject({ errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED, results: [] });
    bob.close();
    const superUser = await RawClient.connect(listenerAddress(cluster, 'PLAINTEXT'));
    const answer = await superUser.request(DescribeLogDirsApi, 4, { topics: null });
    expect(answer.errorCode).toBe(ErrorCode.NONE);
    expect(answer.results[0]!.topics.map((t) => t.name).filter((n) => !n.startsWith('__')).sort()).toEqual(['hidden', 'orders']);
    superUser.close();
  });
});
