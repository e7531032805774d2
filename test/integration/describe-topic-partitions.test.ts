// DescribeTopicPartitions (key 75) over TCP on a three-node cluster: pages of at most the asked
// number of partitions, in topic name order, with the cursor that carries on where a page ended;
// errors per topic as Kafka gives them; and, with a node killed, its replicas listed offline and
// no partition led by it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiVersionsApi } from '../../protocol/generated/api/18-api-versions.js';
import {
  DescribeTopicPartitionsApi, type DescribeTopicPartitionsRequest, type DescribeTopicPartitionsResponse,
} from '../../protocol/generated/api/75-describe-topic-partitions.js';
import { ErrorCode } from '../../protocol/errors.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { eventually } from '../helpers/retry.js';

const TOPICS = { 'dtp-a': 5, 'dtp-b': 3, 'dtp-c': 1 };
let cluster: Cluster;
let client: RawClient;

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3 });
  const admin = kafkaClient(cluster).admin();
  await admin.connect();
  await admin.createTopics({
    topics: Object.entries(TOPICS).map(([topic, numPartitions]) => ({ topic, numPartitions, replicationFactor: 3 })), waitForLeaders: true,
  });
  await admin.disconnect();
  client = await RawClient.connect(cluster.bootstrapServers.split(',')[0]!);
}, 60_000);

afterAll(async () => {
  client?.close();
  await cluster?.stop();
});

function ask(topics: string[], responsePartitionLimit: number, cursor: DescribeTopicPartitionsRequest['cursor'] = null): Promise<DescribeTopicPartitionsResponse> {
  return client.request(DescribeTopicPartitionsApi, 0, { topics: topics.map((name) => ({ name })), responsePartitionLimit, cursor });
}

/** "topic:partition" for each partition of an answer, in order. */
function listed(res: DescribeTopicPartitionsResponse): string[] {
  return res.topics.flatMap((t) => t.partitions.map((p) => `${t.name}:${p.partitionIndex}`));
}

describe('DescribeTopicPartitions', () => {
  it('is advertised by ApiVersions, v0', async () => {
    const res = await client.request(ApiVersionsApi, 3, { clientSoftwareName: 'test', clientSoftwareVersion: '1' });
    expect(res.apiKeys.find((k) => k.apiKey === 75)).toMatchObject({ minVersion: 0, maxVersion: 0 });
  });

  it('pages through the named topics in name order, a cursor at a time', async () => {
    const names = ['dtp-c', 'dtp-a', 'dtp-b'];
    const first = await ask(names, 4);
    expect(listed(first)).toEqual(['dtp-a:0', 'dtp-a:1', 'dtp-a:2', 'dtp-a:3']);
    expect(first.nextCursor).toEqual({ topicName: 'dtp-a', partitionIndex: 4 });
    const second = await ask(names, 4, first.nextCursor);
    expect(listed(second)).toEqual(['dtp-a:4', 'dtp-b:0', 'dtp-b:1', 'dtp-b:2']);
    expect(second.nextCursor).toEqual({ topicName: 'dtp-c', partitionIndex: 0 });
    const third = await ask(names, 4, second.nextCursor);
    expect(listed(third)).toEqual(['dtp-c:0']);
    expect(third.nextCursor).toBeNull();
    const whole = await ask(names, 2000);
    expect(listed(whole)).toEqual([...listed(first), ...listed(second), ...listed(third)]);
    const a = whole.topics[0]!;
    expect(a).toMatchObject({ errorCode: 0, name: 'dtp-a', isInternal: false });
    for (const p of a.partitions) {
      expect(p.replicaNodes).toHaveLength(3);
      expect(p.isrNodes).toHaveLength(3);
      expect(p.replicaNodes).toContain(p.leaderId);
      expect(p).toMatchObject({ errorCode: 0, offlineReplicas: [], eligibleLeaderReplicas: [], lastKnownElr: [] });
    }
  });

  it('describes every topic when none is named, and the limit counts at least one partition', async () => {
    const res = await ask([], 0);
    expect(listed(res)).toHaveLength(1);
    const all = await ask([], 2000);
    const names = all.topics.map((t) => t.name!);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(Object.keys(TOPICS)));
  });

  it('answers unknown and invalid names per topic, and an invalid cursor for every topic', async () => {
    const res = await ask(['nope', 'dtp-c', 'bad name!'], 2000);
    expect(res.topics.map((t) => [t.name, t.errorCode])).toEqual([
      ['bad name!', ErrorCode.INVALID_TOPIC_EXCEPTION], ['dtp-c', 0], ['nope', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
    ]);
    const off = await ask(['dtp-a', 'dtp-b'], 10, { topicName: 'dtp-c', partitionIndex: 0 });
    expect(off.topics.map((t) => [t.name, t.errorCode])).toEqual([['dtp-a', ErrorCode.INVALID_REQUEST], ['dtp-b', ErrorCode.INVALID_REQUEST]]);
    const negative = await ask(['dtp-a'], 10, { topicName: 'dtp-a', partitionIndex: -1 });
    expect(negative.topics.map((t) => t.errorCode)).toEqual([ErrorCode.INVALID_REQUEST]);
  });

  it('lists a killed node\'s replicas offline, and no partition led by it', async () => {
    const victim = 3;
    cluster.kill(victim);
    try {
      await eventually(async () => {
        const res = await ask(['dtp-a', 'dtp-b'], 2000);
        const partitions = res.topics.flatMap((t) => t.partitions);
        return partitions.every((p) => p.offlineReplicas.includes(victim) && p.leaderId !== victim && !p.isrNodes.includes(victim)) ? true : undefined;
      });
    } finally {
      await cluster.restart(victim);
    }
  }, 60_000);
});
