// ACLs end to end with kafkajs over TCP: the standard authorizer on a PLAINTEXT listener, where
// every client is User:ANONYMOUS (as in Kafka). allow.everyone.if.no.acl.found=true keeps the
// resources no ACL names (the cluster, inter-node traffic) open; the ACLs below close the rest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AclOperationTypes as Op, AclPermissionTypes as Perm, AclResourceTypes as Rt, ResourcePatternTypes as Pt, type Admin,
} from 'kafkajs';
import { OffsetCommitApi } from '../../protocol/generated/api/08-offset-commit.js';
import { JoinGroupApi } from '../../protocol/generated/api/11-join-group.js';
import { MetadataApi } from '../../protocol/generated/api/03-metadata.js';
import { FindCoordinatorApi } from '../../protocol/generated/api/10-find-coordinator.js';
import { InitProducerIdApi } from '../../protocol/generated/api/22-init-producer-id.js';
import { DescribeProducersApi } from '../../protocol/generated/api/61-describe-producers.js';
import { DescribeConfigsApi } from '../../protocol/generated/api/32-describe-configs.js';
import { IncrementalAlterConfigsApi } from '../../protocol/generated/api/44-incremental-alter-configs.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { runInProcess as cli } from '../helpers/cli-in-process.js';

const AUTHORIZER = { 'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer', 'allow.everyone.if.no.acl.found': 'true' };
let cluster: Cluster;
let admin: Admin;
let raw: RawClient;

beforeAll(async () => {
  cluster = await startCluster({ overrides: AUTHORIZER });
  admin = kafkaClient(cluster).admin();
  await admin.connect();
  await admin.createTopics({ topics: ['open', 'secret', 'readonly', 'pre-a', 'pre-b'].map((topic) => ({ topic })) });
  raw = await RawClient.connect(cluster.bootstrapServers);
});
afterAll(async () => {
  raw?.socket.destroy();
  await admin?.disconnect();
  await cluster?.stop();
});

const acl = (resourceType: Rt, resourceName: string, operation: Op, permissionType = Perm.ALLOW, principal = 'User:ANONYMOUS', host = '*', resourcePatternType = Pt.LITERAL) =>
  ({ resourceType, resourceName, resourcePatternType, principal, host, operation, permissionType });

function errorType(err: unknown): string {
  const e = err as { type?: string; cause?: { type?: string }; originalError?: { type?: string }; errors?: { type?: string }[] };
  return e.type ?? e.cause?.type ?? e.originalError?.type ?? e.errors?.[0]?.type ?? String(err);
}

async function produce(topic: string): Promise<string> {
  const producer = kafkaClient(cluster).producer({ retry: { retries: 0 } });
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ value: 'v' }] });
    return 'ok';
  } catch (err) {
    return errorType(err);
  } finally {
    await producer.disconnect();
  }
}

describe('ACLs with the standard authorizer', () => {
  it('creates, lists and enforces topic ACLs on produce, fetch and metadata', async () => {
    await admin.createAcls({ acl: [
      acl(Rt.TOPIC, 'secret', Op.ALL, Perm.ALLOW, 'User:alice'),
      acl(Rt.TOPIC, 'readonly', Op.READ),
      acl(Rt.TOPIC, 'readonly', Op.WRITE, Perm.DENY, 'User:*', '127.0.0.1'),
    ] });
    const listed = await admin.describeAcls({ resourceType: Rt.ANY, resourcePatternType: Pt.ANY, operation: Op.ANY, permissionType: Perm.ANY });
    expect(listed.resources.map((r) => r.resourceName).sort()).toEqual(['readonly', 'secret']);

    expect(await produce('open')).toBe('ok');
    expect(await produce('secret')).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await produce('readonly')).toBe('TOPIC_AUTHORIZATION_FAILED');

    // Metadata hides 'secret' from "all topics" and refuses it by name.
    expect((await admin.listTopics()).sort()).toEqual(['open', 'pre-a', 'pre-b', 'readonly']);
    const meta = await raw.request(MetadataApi, 12, { topics: [{ name: 'secret', topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }, { name: 'readonly', topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }], allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: true });
    expect(meta.topics.map((t) => [t.name, t.errorCode])).toEqual([['secret', ErrorCode.TOPIC_AUTHORIZATION_FAILED], ['readonly', ErrorCode.NONE]]);
    // READ (3) and DESCRIBE (8) implied by it; WRITE is denied.
    expect(meta.topics[1]!.topicAuthorizedOperations).toBe((1 << 3) | (1 << 8));

    // Fetch: 'readonly' is readable (offsets reported), 'secret' is not.
    const offsets = await admin.fetchTopicOffsets('readonly');
    expect(offsets[0]!.offset).toBe('0');
    await expect(admin.fetchTopicOffsets('secret').catch(errorType)).resolves.toBe('TOPIC_AUTHORIZATION_FAILED');

    // DescribeProducers needs READ on the topic, as in Kafka.
    const producers = await raw.request(DescribeProducersApi, 0, { topics: ['secret', 'readonly'].map((name) => ({ name, partitionIndexes: [0] })) });
    expect(producers.topics.map((t) => [t.name, t.partitions[0]!.errorCode])).toEqual([['secret', ErrorCode.TOPIC_AUTHORIZATION_FAILED], ['readonly', ErrorCode.NONE]]);
  });

  it('enforces group ACLs on join and offset commit, and topic ACLs inside the commit', async () => {
    await admin.createAcls({ acl: [acl(Rt.GROUP, 'g-', Op.READ, Perm.ALLOW, 'User:ANONYMOUS', '*', Pt.PREFIXED), acl(Rt.GROUP, 'closed', Op.READ, Perm.ALLOW, 'User:alice')] });
    const join = (groupId: string) => raw.request(JoinGroupApi, 5, {
      groupId, sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, memberId: '', groupInstanceId: null, protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: Buffer.alloc(0) }], reason: null,
    });
    expect((await join('closed')).errorCode).toBe(ErrorCode.GROUP_AUTHORIZATION_FAILED);
    // A kafkajs consumer in an allowed group reads an allowed topic (and makes __consumer_offsets).
    const consumer = kafkaClient(cluster).consumer({ groupId: 'g-consumer' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'open', fromBeginning: true });
    const got = new Promise<string>((resolve) => void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) }));
    expect(await got).toBe('v');
    await consumer.disconnect();
    const commit = (groupId: string, topic: string) => raw.request(OffsetCommitApi, 8, {
      groupId, generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, retentionTimeMs: -1,
      topics: [{ name: topic, partitions: [{ partitionIndex: 0, committedOffset: 0, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: null }] }],
    }).then((r) => r.topics[0]!.partitions[0]!.errorCode);
    expect(await commit('closed', 'readonly')).toBe(ErrorCode.GROUP_AUTHORIZATION_FAILED);
    expect(await commit('g-one', 'secret')).toBe(ErrorCode.TOPIC_AUTHORIZATION_FAILED);
    expect(await commit('g-one', 'readonly')).toBe(ErrorCode.NONE);

  });

  it('checks DESCRIBE_CONFIGS and ALTER_CONFIGS on the group for group configs (GROUP_AUTHORIZATION_FAILED)', async () => {
    await admin.createAcls({ acl: [
      acl(Rt.GROUP, 'cfg-closed', Op.ALL, Perm.ALLOW, 'User:alice'),
      acl(Rt.GROUP, 'cfg-open', Op.DESCRIBE_CONFIGS), acl(Rt.GROUP, 'cfg-open', Op.ALTER_CONFIGS),
    ] });
    const describe = (group: string) => raw.request(DescribeConfigsApi, 4, {
      resources: [{ resourceType: 32, resourceName: group, configurationKeys: null }], includeSynonyms: false, includeDocumentation: false,
    }).then((r) => r.results[0]!);
    const alter = (group: string) => raw.request(IncrementalAlterConfigsApi, 1, {
      resources: [{ resourceType: 32, resourceName: group, configs: [{ name: 'consumer.session.timeout.ms', configOperation: 0, value: '50000' }] }], validateOnly: false,
    }).then((r) => r.responses[0]!.errorCode);
    expect((await describe('cfg-closed')).errorCode).toBe(ErrorCode.GROUP_AUTHORIZATION_FAILED);
    expect(await alter('cfg-closed')).toBe(ErrorCode.GROUP_AUTHORIZATION_FAILED);
    expect(await alter('cfg-open')).toBe(ErrorCode.NONE);
    const open = await describe('cfg-open');
    expect(open.errorCode).toBe(ErrorCode.NONE);
    expect(open.configs.find((c) => c.name === 'consumer.session.timeout.ms')).toMatchObject({ value: '50000', configSource: 8 });
    // The tests after this one list the cluster's ACLs.
    await admin.deleteAcls({ filters: ['cfg-closed', 'cfg-open'].map((resourceName) => ({
      resourceType: Rt.GROUP, resourceName, resourcePatternType: Pt.LITERAL, operation: Op.ANY, permissionType: Perm.ANY,
    })) });
  });

  it('refuses transactional ids without WRITE / DESCRIBE, and a transactional producer with them works', async () => {
    await admin.createAcls({ acl: [acl(Rt.TRANSACTIONAL_ID, 'tx-secret', Op.WRITE, Perm.ALLOW, 'User:alice')] });
    const init = (transactionalId: string) => raw.request(InitProducerIdApi, 4, { transactionalId, transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 });
    expect((await init('tx-secret')).errorCode).toBe(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
    const found = await raw.request(FindCoordinatorApi, 4, { key: '', keyType: 1, coordinatorKeys: ['tx-secret'] });
    expect(found.coordinators[0]!.errorCode).toBe(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);

    const producer = kafkaClient(cluster).producer({ transactionalId: 'tx-open', maxInFlightRequests: 1, idempotent: true });
    await producer.connect();
    const txn = await producer.transaction();
    await txn.send({ topic: 'open', messages: [{ value: 'in-txn' }] });
    await txn.commit();
    await producer.disconnect();
  });

  it('refuses topic creation and deletion without CREATE / DELETE', async () => {
    // CREATE on the cluster would do for any topic: once ACLs name the cluster, ANONYMOUS keeps only
    // what they give (CLUSTER_ACTION for the nodes' own traffic, ALTER and DESCRIBE for the ACL calls).
    await admin.createAcls({ acl: [
      acl(Rt.TOPIC, 'pre-', Op.DESCRIBE, Perm.ALLOW, 'User:ANONYMOUS', '*', Pt.PREFIXED), acl(Rt.TOPIC, 'elsewhere', Op.ALL),
      acl(Rt.CLUSTER, 'kafka-cluster', Op.CLUSTER_ACTION), acl(Rt.CLUSTER, 'kafka-cluster', Op.ALTER), acl(Rt.CLUSTER, 'kafka-cluster', Op.DESCRIBE),
    ] });
    const created = await admin.createTopics({ topics: [{ topic: 'pre-c' }] }).then(() => 'ok', errorType);
    expect(created).toBe('TOPIC_AUTHORIZATION_FAILED');
    const deleted = await admin.deleteTopics({ topics: ['pre-a'] }).then(() => 'ok', errorType);
    expect(deleted).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await admin.createTopics({ topics: [{ topic: 'elsewhere' }] })).toBe(true);
  });

  it('deletes ACLs by filter (MATCH takes literal, wildcard and prefixes)', async () => {
    await admin.createAcls({ acl: [acl(Rt.TOPIC, '*', Op.DESCRIBE_CONFIGS, Perm.ALLOW, 'User:bob')] });
    const res = await admin.deleteAcls({ filters: [{
      resourceType: Rt.TOPIC, resourceName: 'pre-a', resourcePatternType: Pt.MATCH, operation: Op.ANY, permissionType: Perm.ANY,
    }] });
    const matched = res.filterResponses[0]!.matchingAcls.map((a) => `${a.resourceName}/${a.resourcePatternType}/${a.operation}`).sort();
    expect(matched).toEqual([`*/${Pt.LITERAL}/${Op.DESCRIBE_CONFIGS}`, `pre-/${Pt.PREFIXED}/${Op.DESCRIBE}`]);
    // Now no ACL names pre-a: allow.everyone.if.no.acl.found lets its deletion through.
    expect(await admin.deleteTopics({ topics: ['pre-a'] }).then(() => 'ok', errorType)).toBe('ok');
    const left = await admin.describeAcls({ resourceType: Rt.ANY, resourcePatternType: Pt.ANY, operation: Op.ANY, permissionType: Perm.ANY });
    expect(left.resources.map((r) => r.resourceName).sort()).toEqual(['closed', 'elsewhere', 'g-', 'kafka-cluster', 'readonly', 'secret', 'tx-secret']);
  });

  it('kraftling topics --describe goes on without the moves when DESCRIBE on the cluster is refused', async () => {
    await admin.createAcls({ acl: [acl(Rt.CLUSTER, 'kafka-cluster', Op.DESCRIBE, Perm.DENY)] });
    try {
      const described = await cli(['topics', '--bootstrap-server', cluster.bootstrapServers, '--describe', '--topic', 'open']);
      expect(described.code).toBe(0);
      expect(described.stdout).toMatch(/^Topic: open\t[\s\S]*\n\tTopic: open\tPartition: 0\tLeader: 1\tReplicas: 1\tIsr: 1\n$/);
    } finally {
      await admin.deleteAcls({ filters: [{ resourceType: Rt.CLUSTER, resourceName: 'kafka-cluster', resourcePatternType: Pt.LITERAL, operation: Op.DESCRIBE, permissionType: Perm.DENY }] });
    }
  });
});
