// Replication throttles on three nodes: `kraftling reassign-partitions --execute --throttle 1` moves
// a partition from node 1 to node 2 with Kafka's throttle configs set (the topic's leader and
// follower throttled replicas, the rate on both brokers). The new replica gets its first fetch and
// then nothing more, also after it is killed and restarted; once the rates are removed it catches
// up, the move completes, --verify clears every throttle config, and the partition holds every
// acknowledged record once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin } from 'kafkajs';
import { DescribeLogDirsApi } from '../../protocol/generated/api/35-describe-log-dirs.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { runInProcess as cli } from '../helpers/cli-in-process.js';
import { THREE_NODE_OVERRIDES, kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { retry } from '../helpers/retry.js';

const TOPIC = 'throttled';
const RECORDS = 100;
let cluster: Cluster;
let admin: Admin;

beforeAll(async () => {
  // Small follower fetches: the first one gets a sliver of the partition, the throttle the rest.
  cluster = await startCluster({ nodes: 3, overrides: { ...THREE_NODE_OVERRIDES, 'auto.leader.rebalance.enable': 'false', 'replica.fetch.max.bytes': '16384' } });
  admin = kafkaClient(cluster).admin();
  await admin.connect();
});

afterAll(async () => {
  await admin?.disconnect();
  await cluster?.stop();
});

const bootstrap = (): string[] => ['--bootstrap-server', cluster.bootstrapServers];

function address(id: number): string {
  const a = cluster.nodes.find((n) => n.nodeId === id)!.brokerAddresses[0]!;
  return `${a.host}:${a.port}`;
}

/** The size of the partition's log on one node (0 while it hosts none). */
async function sizeOn(id: number): Promise<number> {
  const raw = await RawClient.connect(address(id));
  try {
    const res = await raw.request(DescribeLogDirsApi, 4, { topics: [{ topic: TOPIC, partitions: [0] }] });
    return res.results[0]?.topics[0]?.partitions[0]?.partitionSize ?? 0;
  } finally {
    raw.close();
  }
}

async function topicConfig(name: string): Promise<string | undefined> {
  const res = await admin.describeConfigs({ resources: [{ type: 2, name: TOPIC, configNames: [name] }], includeSynonyms: false });
  const entry = res.resources[0]!.configEntries.find((c) => c.configName === name);
  return entry?.isDefault ? undefined : entry?.configValue;
}

describe('replication throttles', () => {
  it('hold a reassignment\'s new replica to the rate, across its restart, until they are removed', async () => {
    await admin.createTopics({ topics: [{ topic: TOPIC, replicaAssignment: [{ partition: 0, replicas: [1] }] }], waitForLeaders: true });
    const producer = kafkaClient(cluster).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const sent = Array.from({ length: RECORDS }, (_, i) => `r${i}-${'x'.repeat(10_000)}`);
    for (let i = 0; i < RECORDS; i += 10) await producer.send({ topic: TOPIC, acks: -1, messages: sent.slice(i, i + 10).map((value) => ({ value })) });
    await producer.disconnect();
    const full = await sizeOn(1);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-throttle-'));
    const plan = path.join(dir, 'plan.json');
    fs.writeFileSync(plan, JSON.stringify({ version: 1, partitions: [{ topic: TOPIC, partition: 0, replicas: [2] }] }));
    const executed = await cli(['reassign-partitions', ...bootstrap(), '--execute', '--reassignment-json-file', plan, '--throttle', '1']);
    expect(executed.code).toBe(0);
    expect(executed.stdout).toContain('The inter-broker throttle limit was set to 1 B/s\n');
    expect([await topicConfig('leader.replication.throttled.replicas'), await topicConfig('follower.replication.throttled.replicas')]).toEqual(['0:1', '0:2']);

    // The first fetch gets through, then the rate (1 B/s over 11 windows) holds the rest back.
    await retry(async () => expect(await sizeOn(2)).toBeGreaterThan(0), 30_000, 50);
    cluster.kill(2);
    await cluster.restart(2);
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await sizeOn(2)).toBeLessThan(full);
    // kafka-topics shows the move on the partition's line.
    expect((await cli(['topics', ...bootstrap(), '--describe', '--topic', TOPIC])).stdout).toContain('\tAdding Replicas: 2\tRemoving Replicas: 1\n');
    const verifying = await cli(['reassign-partitions', ...bootstrap(), '--verify', '--reassignment-json-file', plan]);
    expect(verifying.stdout).toBe(`Status of partition reassignment:\nReassignment of partition ${TOPIC}-0 is still in progress.\n`);

    for (const id of [1, 2]) {
      const removed = await cli(['configs', ...bootstrap(), '--entity-type', 'brokers', '--entity-name', String(id), '--alter',
        '--delete-config', 'leader.replication.throttled.rate,follower.replication.throttled.rate']);
      expect(removed.code).toBe(0);
    }
    await retry(async () => {
      const done = await cli(['reassign-partitions', ...bootstrap(), '--verify', '--reassignment-json-file', plan]);
      expect(done.stdout).toBe(`Status of partition reassignment:\nReassignment of partition ${TOPIC}-0 is completed.\n`
        + 'Clearing broker-level throttles on brokers 1,2,3\nClearing topic-level throttles on topic throttled\n');
    }, 60_000, 200);
    expect([await topicConfig('leader.replication.throttled.replicas'), await topicConfig('follower.replication.throttled.replicas')]).toEqual([undefined, undefined]);
    const raw = await RawClient.connect(address(2));
    try {
      expect((await readPartition(raw, TOPIC, 0)).map((r) => r.value?.toString())).toEqual(sent);
    } finally {
      raw.close();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
