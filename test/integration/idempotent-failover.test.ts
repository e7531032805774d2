// An idempotent producer's retry after segment rolls and a leadership move, over real TCP against
// three in-process nodes: the followers keep the producer state as they replicate, so the new
// leader answers the retried first batch with its original offset instead of appending it again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { retry as retryFor } from '../helpers/retry.js';

const TOPIC = 'failover-idempotent';
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3 });
});

afterAll(async () => {
  await cluster?.stop();
});

async function connectTo(nodeId: number): Promise<RawClient> {
  const address = cluster.nodes.find((n) => n.nodeId === nodeId)!.brokerAddresses[0]!;
  return RawClient.connect(`${address.host}:${address.port}`);
}

const retry = <T>(op: () => Promise<T>): Promise<T> => retryFor(op, 30_000, 100);

/** acks=all; throws on a retriable error so retry() tries again. */
async function produce(client: RawClient, records: Buffer): Promise<{ errorCode: number; baseOffset: number }> {
  const res = await client.request(ProduceApi, 9, {
    transactionalId: null, acks: -1, timeoutMs: 5000,
    topicData: [{ name: TOPIC, partitionData: [{ index: 0, records }] }],
  });
  const r = res.responses[0]!.partitionResponses[0]!;
  const retriable: number[] = [ErrorCode.NOT_LEADER_OR_FOLLOWER, ErrorCode.LEADER_NOT_AVAILABLE, ErrorCode.NOT_ENOUGH_REPLICAS, ErrorCode.REQUEST_TIMED_OUT];
  if (retriable.includes(r.errorCode)) throw new Error(`retriable error ${r.errorCode}`);
  return r;
}

describe('idempotent producer retry after a leadership move', () => {
  it('the new leader answers the retried first batch, segments back, with its original offset', async () => {
    const admin = kafkaClient(cluster).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1, replicationFactor: 3, configEntries: [{ name: 'segment.bytes', value: '1024' }] }] });
    const leaderOf = async (): Promise<number> => (await admin.fetchTopicMetadata({ topics: [TOPIC] })).topics[0]!.partitions[0]!.leader;
    const before = await retry(leaderOf);
    let client = await connectTo(before);
    const first = encodeRecordBatch({
      producerId: 777, producerEpoch: 0, baseSequence: 0,
      records: ['first-0', 'first-1'].map((v) => ({ key: null, value: Buffer.from(v), timestamp: Date.now() })),
    });
    expect(await retry(() => produce(client, Buffer.from(first)))).toMatchObject({ errorCode: 0, baseOffset: 0 });
    for (let i = 0; i < 10; i++) {
      const filler = encodeRecordBatch({ records: [{ key: null, value: Buffer.alloc(400, 97 + i), timestamp: Date.now() }] });
      expect(await retry(() => produce(client, filler))).toMatchObject({ errorCode: 0 });
    }
    const stored = (await readPartition(client, TOPIC, 0)).length;
    client.close();

    cluster.nodes.find((n) => n.nodeId === before)!.kill();
    const after = await retry(async () => {
      const leader = await leaderOf();
      if (leader === before || leader < 0) throw new Error('leadership has not moved yet');
      return leader;
    });
    client = await connectTo(after);
    try {
      expect(await retry(() => produce(client, Buffer.from(first)))).toMatchObject({ errorCode: 0, baseOffset: 0 });
      const records = await readPartition(client, TOPIC, 0);
      expect(records.length).toBe(stored);
      expect(records.filter((r) => r.value!.toString().startsWith('first-')).map((r) => r.offset)).toEqual([0, 1]);
    } finally {
      client.close();
      await admin.disconnect();
    }
  }, 90_000);
});
