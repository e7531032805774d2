// `kraftling transactions` against a broker: a kafkajs transaction left open is listed, described
// and seen in the partition's producers, still so after the node is killed and restarts; the tool
// then aborts it by its start offset, as kafka-transactions does for a hanging transaction, and
// read_committed readers get past it. find-hanging finds a transaction no coordinator will end (an
// orphan batch written without KIP-890's verification), asking a follower, also after it restarts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListOffsetsApi } from '../../protocol/generated/api/02-list-offsets.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { runInProcess as cli } from '../helpers/cli-in-process.js';
import { kafkaClient, startCluster, THREE_NODE_OVERRIDES } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { retry } from '../helpers/retry.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster();
});

afterAll(async () => cluster?.stop());

/** The last stable offset of partition 0 (ListOffsets latest, read_committed). */
async function lastStable(topic: string): Promise<number> {
  const raw = await RawClient.connect(cluster.bootstrapServers);
  try {
    const res = await raw.request(ListOffsetsApi, 7, {
      replicaId: -1, isolationLevel: 1, timeoutMs: 0,
      topics: [{ name: topic, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1, maxNumOffsets: 1 }] }],
    });
    return res.topics[0]!.partitions[0]!.offset;
  } finally {
    raw.close();
  }
}

/** Each line of a Kafka table, split on the tabs that end its cells and trimmed. */
const table = (out: string): string[][] => out.split('\n').filter((line) => line !== '').map((line) => line.split('\t').slice(0, -1).map((c) => c.trim()));

describe('transactions', () => {
  it('lists, describes and, across a kill and restart, aborts an open transaction by its start offset', async () => {
    const kafka = kafkaClient(cluster);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'txns', numPartitions: 1 }] });
    await admin.disconnect();
    const producer = kafka.producer({ transactionalId: 'tx-tool', idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const txn = await producer.transaction();
    await txn.send({ topic: 'txns', messages: [{ value: 'a' }, { value: 'b' }] });
    await producer.disconnect();
    const bs = ['--bootstrap-server', cluster.bootstrapServers];

    const listed = table((await cli(['transactions', ...bs, 'list'])).stdout);
    expect(listed[0]).toEqual(['TransactionalId', 'Coordinator', 'ProducerId', 'TransactionState']);
    expect(listed.slice(1)).toContainEqual(['tx-tool', '1', expect.stringMatching(/^\d+$/), 'Ongoing']);
    const described = table((await cli(['transactions', ...bs, 'describe', '--transactional-id', 'tx-tool'])).stdout);
    expect(described[1]).toEqual(['1', 'tx-tool', expect.any(String), '0', 'Ongoing', expect.any(String), expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/), 'txns-0']);

    cluster.kill(1);
    await cluster.restart(1);
    const producers = table((await cli(['transactions', ...bs, 'describe-producers', '--topic', 'txns', '--partition', '0'])).stdout);
    expect(producers[0]).toEqual(['ProducerId', 'ProducerEpoch', 'LatestCoordinatorEpoch', 'LastSequence', 'LastTimestamp', 'CurrentTransactionStartOffset']);
    expect(producers[1]).toEqual([described[1]![2], '0', '-1', '1', expect.stringMatching(/^\d+$/), '0']);
    expect(await lastStable('txns')).toBe(0);

    expect(await cli(['transactions', ...bs, 'abort', '--topic', 'txns', '--partition', '0', '--start-offset', '5']))
      .toMatchObject({ code: 1, stderr: 'kraftling transactions: Could not find any open transactions starting at offset 5 on partition txns-0\n' });
    expect(await cli(['transactions', ...bs, 'abort', '--topic', 'txns', '--partition', '0', '--start-offset', '0'])).toMatchObject({ code: 0 });
    expect(table((await cli(['transactions', ...bs, 'describe-producers', '--topic', 'txns', '--partition', '0'])).stdout)[1]!.at(-1)).toBe('None');
    // The two records and the ABORT marker are below the last stable offset now.
    expect(await lastStable('txns')).toBe(3);

    expect((await cli(['transactions', ...bs, 'describe'])).code).toBe(2);
    expect((await cli(['transactions', ...bs, 'commit'])).code).toBe(2);
  });
});

describe('transactions find-hanging', () => {
  let three: Cluster;
  beforeAll(async () => {
    // Without KIP-890's verification a leader takes a transactional batch its coordinator never
    // heard of: the way a hanging transaction came about before it (or through a coordinator that
    // lost its state).
    three = await startCluster({ nodes: 3, overrides: { ...THREE_NODE_OVERRIDES, 'transaction.partition.verification.enable': 'false' } });
  });
  afterAll(async () => three?.stop());

  it('finds a transaction no coordinator will end, on a follower too and after it restarts, but not one its coordinator knows', async () => {
    const kafka = kafkaClient(three);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'hang', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    await admin.disconnect();
    const leader = await retry(async () => {
      const id = three.leaderOf('hang', 0);
      expect(id).toBeDefined();
      return id!;
    });
    // An hour-old transactional batch of a producer id no coordinator handed out.
    const orphan = 424_242;
    const raw = await RawClient.connect(addressOf(three, leader));
    try {
      const records = encodeRecordBatch({ producerId: orphan, producerEpoch: 3, baseSequence: 0, isTransactional: true,
        records: [{ key: null, value: Buffer.from('stuck'), timestamp: Date.now() - 3_600_000 }] });
      const res = await raw.request(ProduceApi, 9, { transactionalId: 'nobody', acks: -1, timeoutMs: 5000, topicData: [{ name: 'hang', partitionData: [{ index: 0, records }] }] });
      expect(res.responses[0]!.partitionResponses[0]!.errorCode).toBe(0);
    } finally {
      raw.close();
    }
    // A live transaction after it, which its coordinator knows with this partition.
    const producer = kafka.producer({ transactionalId: 'tx-live', idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const txn = await producer.transaction();
    await txn.send({ topic: 'hang', messages: [{ value: 'live' }] });

    const bs = ['--bootstrap-server', three.bootstrapServers];
    const follower = [1, 2, 3].find((id) => id !== leader)!;
    const expected = ['hang', '0', String(orphan), '3', '-1', '0', expect.stringMatching(/^\d+$/), expect.stringMatching(/^6\d$/)];
    const byBroker = table((await cli(['transactions', ...bs, 'find-hanging', '--broker-id', String(follower)])).stdout);
    expect(byBroker).toEqual([['Topic', 'Partition', 'ProducerId', 'ProducerEpoch', 'CoordinatorEpoch', 'StartOffset', 'LastTimestamp', 'Duration(min)'], expected]);
    // With no age limit the live one is a candidate too, and is left out: its coordinator will end it.
    three.kill(follower);
    await three.restart(follower);
    expect(table((await cli(['transactions', ...bs, 'find-hanging', '--broker-id', String(follower), '--max-transaction-timeout', '0'])).stdout).slice(1))
      .toEqual([expected]);
    expect(table((await cli(['transactions', ...bs, 'find-hanging', '--topic', 'hang', '--partition', '0'])).stdout).slice(1)).toEqual([expected]);

    expect(await cli(['transactions', ...bs, 'abort', '--topic', 'hang', '--partition', '0', '--start-offset', '0'])).toMatchObject({ code: 0 });
    expect(table((await cli(['transactions', ...bs, 'find-hanging', '--topic', 'hang', '--max-transaction-timeout', '0'])).stdout)).toHaveLength(1);
    await txn.commit();
    await producer.disconnect();

    expect((await cli(['transactions', ...bs, 'find-hanging', '--topic', 'hang', '--partition', '0', '--broker-id', '9'])).code).toBe(1);
    expect((await cli(['transactions', ...bs, 'find-hanging'])).code).toBe(2);
    expect((await cli(['transactions', ...bs, 'find-hanging', '--partition', '0'])).code).toBe(2);
    expect(await cli(['transactions', ...bs, 'find-hanging', '--broker-id', '1.5'])).toMatchObject({
      code: 2, stderr: expect.stringContaining('--broker-id takes an integer of at least 0, got "1.5"'),
    });
  });
});

function addressOf(cluster: Cluster, id: number): string {
  const a = cluster.node(id).brokerAddresses[0]!;
  return `${a.host}:${a.port}`;
}
