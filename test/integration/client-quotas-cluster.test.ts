// Client quotas are metadata: a quota set through one node is enforced by the node that leads the
// partition (it replayed the ClientQuotaRecord), and the quotas survive a restart of the cluster.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AlterClientQuotasApi } from '../../protocol/generated/api/49-alter-client-quotas.js';
import { DescribeClientQuotasApi } from '../../protocol/generated/api/48-describe-client-quotas.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { ErrorCode } from '../../protocol/errors.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import type { KraftlingNode } from '../../src/node/node.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { retry } from '../helpers/retry.js';

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
});

async function rawTo(node: KraftlingNode, clientId: string): Promise<RawClient> {
  const a = node.brokerAddresses[0]!;
  const raw = await RawClient.connect(`${a.host}:${a.port}`);
  raw.clientId = clientId;
  cleanups.push(() => raw.close());
  return raw;
}

const entity = [{ entityType: 'client-id', entityName: 'metered' }];

async function describeMetered(raw: RawClient): Promise<number | undefined> {
  const res = await raw.request(DescribeClientQuotasApi, 1, { components: [{ entityType: 'client-id', matchType: 0, match: 'metered' }], strict: true });
  return res.entries?.[0]?.values.find((v) => v.key === 'producer_byte_rate')?.value;
}

describe('client quotas across nodes and restarts', () => {
  it('a quota set through one node is enforced by another', async () => {
    const cluster: Cluster = await startCluster({ nodes: 3 });
    cleanups.push(() => cluster.stop());
    const admin = kafkaClient(cluster).admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    await admin.createTopics({ topics: [{ topic: 'metered', numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const leaderId = (await admin.fetchTopicMetadata({ topics: ['metered'] })).topics[0]!.partitions[0]!.leader;
    const leader = cluster.nodes.find((n) => n.nodeId === leaderId)!;
    const other = cluster.nodes.find((n) => n.nodeId !== leaderId)!;

    const res = await (await rawTo(other, 'quota-admin')).request(AlterClientQuotasApi, 0, {
      entries: [{ entity, ops: [{ key: 'producer_byte_rate', value: 1000, remove: false }] }], validateOnly: false,
    });
    expect(res.entries[0]!.errorCode).toBe(ErrorCode.NONE);
    const onLeader = await rawTo(leader, 'metered');
    await retry(async () => expect(await describeMetered(onLeader)).toBe(1000), 10_000, 50);
    const records = encodeRecordBatch({ records: [{ key: null, value: Buffer.alloc(11_000, 1), timestamp: Date.now() }] });
    const produced = await onLeader.request(ProduceApi, 9, {
      transactionalId: null, acks: -1, timeoutMs: 10_000, topicData: [{ name: 'metered', partitionData: [{ index: 0, records }] }],
    });
    expect(produced.responses[0]!.partitionResponses[0]!.errorCode).toBe(ErrorCode.NONE);
    expect(produced.throttleTimeMs).toBeGreaterThan(0);
  });

  it('quotas survive a restart (replayed from the metadata log)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-quotas-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await startCluster({ dataDir, ephemeral: false });
    const raw = await rawTo(first.nodes[0]!, 'quota-admin');
    await raw.request(AlterClientQuotasApi, 1, { entries: [{ entity, ops: [{ key: 'producer_byte_rate', value: 4096, remove: false }] }], validateOnly: false });
    raw.close();
    await first.stop();
    const second = await startCluster({ dataDir, ephemeral: false });
    cleanups.push(() => second.stop());
    expect(await describeMetered(await rawTo(second.nodes[0]!, 'quota-admin'))).toBe(4096);
  });
});
