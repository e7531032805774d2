// ACLs are metadata records: they survive a restart (replayed from the log, or from a snapshot
// with the rest of the image), and a killed active controller loses none of them: every surviving
// node answers DescribeAcls alike and enforces them, and the new controller builds on them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DescribeAclsApi } from '../../protocol/generated/api/29-describe-acls.js';
import { CreateAclsApi } from '../../protocol/generated/api/30-create-acls.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { retry } from '../helpers/retry.js';

const AUTHORIZER = { 'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer', 'allow.everyone.if.no.acl.found': 'true' };
const ANY_FILTER = { resourceTypeFilter: 1, resourceNameFilter: null, patternTypeFilter: 1, principalFilter: null, hostFilter: null, operation: 1, permissionType: 1 };
const aclOn = (topic: string, principal = 'User:alice') =>
  ({ resourceType: 2, resourceName: topic, resourcePatternType: 3, principal, host: '*', operation: 4, permissionType: 3 });

async function aclsAt(address: string): Promise<string[]> {
  const raw = await RawClient.connect(address);
  try {
    const res = await raw.request(DescribeAclsApi, 3, ANY_FILTER);
    expect(res.errorCode).toBe(ErrorCode.NONE);
    return res.resources.flatMap((r) => r.acls.map((a) => `${r.resourceName}:${a.principal}:${a.operation}`)).sort();
  } finally {
    raw.close();
  }
}

async function produceError(address: string, topic: string): Promise<number> {
  const raw = await RawClient.connect(address);
  try {
    const res = await raw.request(ProduceApi, 9, { transactionalId: null, acks: 1, timeoutMs: 5000, topicData: [{ name: topic, partitionData: [{ index: 0, records: null }] }] });
    return res.responses[0]!.partitionResponses[0]!.errorCode;
  } finally {
    raw.close();
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('ACLs as metadata', () => {
  it('survive a restart, from the log and from a snapshot', async () => {
    for (const snapshots of [false, true]) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-acls-'));
      cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
      // With snapshots on, every new image is snapshotted, so the restart starts from one.
      const overrides = { ...AUTHORIZER, ...(snapshots ? { 'metadata.log.max.record.bytes.between.snapshots': '1' } : {}) };
      const first = await startCluster({ dataDir, ephemeral: false, overrides });
      const admin = kafkaClient(first).admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'kept' }] });
      await admin.createAcls({ acl: [aclOn('kept'), aclOn('gone')] });
      await admin.deleteAcls({ filters: [{ resourceType: 2, resourceName: 'gone', resourcePatternType: 3, operation: 1, permissionType: 1 }] });
      await admin.disconnect();
      const before = await aclsAt(first.bootstrapServers);
      expect(before).toEqual(['kept:User:alice:4']);
      await first.stop();

      const second = await startCluster({ dataDir, ephemeral: false, overrides, clusterId: first.clusterId });
      cleanups.push(() => second.stop());
      expect(await retry(async () => {
        const acls = await aclsAt(second.bootstrapServers);
        expect(acls).toEqual(before);
        return acls;
      })).toEqual(before);
      expect(await retry(async () => {
        const code = await produceError(second.bootstrapServers, 'kept');
        expect(code).toBe(ErrorCode.TOPIC_AUTHORIZATION_FAILED);
        return code;
      })).toBe(ErrorCode.TOPIC_AUTHORIZATION_FAILED);
    }
  });

  it('hold on every node after the active controller is killed, and nothing is lost', async () => {
    const cluster: Cluster = await startCluster({
      nodes: 3,
      overrides: { ...AUTHORIZER, 'controller.quorum.fetch.timeout.ms': '2000', 'controller.quorum.election.timeout.ms': '1000', 'broker.session.timeout.ms': '4000' },
    });
    cleanups.push(() => cluster.stop());
    const admin = kafkaClient(cluster).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'guarded', replicationFactor: 3 }] });
    const names = Array.from({ length: 20 }, (_, i) => `t${i}`);
    await admin.createAcls({ acl: names.map((n) => aclOn(n)) });
    await admin.createAcls({ acl: [aclOn('guarded')] });
    await admin.disconnect();
    const expected = [...names, 'guarded'].map((n) => `${n}:User:alice:4`).sort();

    const leaderId = cluster.nodes[0]!.quorumStatus!.leaderId;
    const controller = cluster.nodes.find((n) => n.nodeId === leaderId)!;
    // A controller that is not the active one answers NOT_CONTROLLER, as Kafka's do, so an admin
    // client using --bootstrap-controller goes on to the active one.
    const standby = cluster.nodes.find((n) => n !== controller)!;
    const standbyListener = standby.config.listeners.find((l) => l.name === 'CONTROLLER')!;
    const atStandby = await RawClient.connect(`127.0.0.1:${standbyListener.port}`);
    const refused = await atStandby.request(CreateAclsApi, 3, { creations: [aclOn('refused'), aclOn('refused-too')] });
    atStandby.close();
    expect(refused.results.map((r) => r.errorCode)).toEqual([ErrorCode.NOT_CONTROLLER, ErrorCode.NOT_CONTROLLER]);
    controller.kill();
    const survivors = cluster.nodes.filter((n) => n !== controller).map((n) => `${n.brokerAddresses[0]!.host}:${n.brokerAddresses[0]!.port}`);
    // Sent before a new controller is elected: the broker forwards it, retrying until one answers.
    const during = await RawClient.connect(survivors[0]!);
    const created = await during.request(CreateAclsApi, 3, { creations: [aclOn('during')] });
    during.close();
    expect(created.results.map((r) => r.errorCode)).toEqual([ErrorCode.NONE]);
    expected.push('during:User:alice:4');
    expected.sort();
    for (const address of survivors) {
      await retry(async () => expect(await aclsAt(address)).toEqual(expected));
      expect(await produceError(address, 'guarded')).toBe(ErrorCode.TOPIC_AUTHORIZATION_FAILED);
    }
    // The new controller has them too: one more ACL lands beside them, and a repeat adds nothing.
    const after = kafkaClient(survivors.join(',')).admin();
    await after.connect();
    await retry(() => after.createAcls({ acl: [aclOn('t0'), aclOn('late')] }));
    await after.disconnect();
    for (const address of survivors) {
      await retry(async () => expect(await aclsAt(address)).toEqual([...expected, 'late:User:alice:4'].sort()));
    }
  });
});
