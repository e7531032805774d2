// The read side of transactions over real TCP: transactions written with raw Produce and
// WriteTxnMarkers requests (the test plays the coordinator), then read by the project's codecs,
// kafkajs and kcat. read_committed stops at the last stable offset (the first offset of the oldest
// open transaction), gets the aborted transactions of the range it read, and so sees exactly the
// committed records; read_uncommitted sees every record; ListOffsets answers the LSO for latest.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { ListOffsetsApi } from '../../protocol/generated/api/02-list-offsets.js';
import { decodeRecordBatches } from '../../protocol/records/record-batch.js';
import type { Cluster } from '../../src/cluster/cluster.js';
import { kafkaClient, startCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';
import { which } from '../helpers/system.js';
import { fetchOnce, produceTo, txnRecords, writeMarker } from '../helpers/txn-requests.js';

const run = promisify(execFile);
const TOPIC = 'rc';
const P1 = { producerId: 601, producerEpoch: 0 };
const P2 = { producerId: 602, producerEpoch: 0 };
const P3 = { producerId: 603, producerEpoch: 0 };
const COMMITTED = ['p0', 'c1-a', 'c1-b', 'c1-c', 'p9'];
const ALL = ['p0', 'c1-a', 'c1-b', 'a2-a', 'c1-c', 'a3', 'p9'];

let cluster: Cluster;
let client: RawClient;

async function latest(isolationLevel: number): Promise<number> {
  const res = await client.request(ListOffsetsApi, 7, {
    replicaId: -1, isolationLevel, timeoutMs: 0,
    topics: [{ name: TOPIC, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1, maxNumOffsets: 1 }] }],
  });
  return res.topics[0]!.partitions[0]!.offset;
}

async function values(isolationLevel: 0 | 1): Promise<{ values: string[]; lastStableOffset: number; aborted: unknown }> {
  const data = await fetchOnce(client, TOPIC, 0, 0, isolationLevel);
  const records = decodeRecordBatches(data.records ?? Buffer.alloc(0)).filter((b) => !b.isControl).flatMap((b) => b.records);
  return { values: records.map((r) => r.value!.toString()), lastStableOffset: data.lastStableOffset, aborted: data.abortedTransactions };
}

const plain = (value: string): Buffer => txnRecords({ producerId: -1, producerEpoch: -1 }, -1, [value], false);

beforeAll(async () => {
  cluster = await startCluster({ overrides: { 'transaction.partition.verification.enable': 'false' } });
  client = await RawClient.connect(cluster.bootstrapServers);
  await client.request(CreateTopicsApi, 7, {
    topics: [{ name: TOPIC, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false,
  });
});

afterAll(async () => {
  client?.close();
  await cluster?.stop();
});

describe('read_committed', () => {
  it('stops at the first open transaction and moves as markers close them', async () => {
    expect((await produceTo(client, TOPIC, 0, plain('p0'), null)).baseOffset).toBe(0);
    expect((await produceTo(client, TOPIC, 0, txnRecords(P1, 0, ['c1-a', 'c1-b']))).baseOffset).toBe(1);
    expect((await produceTo(client, TOPIC, 0, txnRecords(P2, 0, ['a2-a']))).baseOffset).toBe(3);
    expect((await produceTo(client, TOPIC, 0, txnRecords(P1, 2, ['c1-c']))).baseOffset).toBe(4);
    expect(await values(1)).toEqual({ values: ['p0'], lastStableOffset: 1, aborted: [] });
    expect((await values(0)).aborted).toBeNull();
    expect([await latest(1), await latest(0)]).toEqual([1, 5]);

    expect((await writeMarker(client, P1, true, [[TOPIC, 0]])).get(`${TOPIC}:0`)).toBe(ErrorCode.NONE);
    expect([await latest(1), await latest(0)]).toEqual([3, 6]);
    expect((await writeMarker(client, P2, false, [[TOPIC, 0]])).get(`${TOPIC}:0`)).toBe(ErrorCode.NONE);
    expect((await produceTo(client, TOPIC, 0, txnRecords(P3, 0, ['a3']))).baseOffset).toBe(7);
    expect((await writeMarker(client, P3, false, [[TOPIC, 0]])).get(`${TOPIC}:0`)).toBe(ErrorCode.NONE);
    expect((await produceTo(client, TOPIC, 0, plain('p9'), null)).baseOffset).toBe(9);
    expect([await latest(1), await latest(0)]).toEqual([10, 10]);

    const committed = await values(1);
    expect(committed.lastStableOffset).toBe(10);
    expect(committed.aborted).toEqual([{ producerId: 602, firstOffset: 3 }, { producerId: 603, firstOffset: 7 }]);
    expect((await values(0)).values).toEqual(ALL);
  });

  it('kafkajs consumers see exactly the committed records (readUncommitted false) or all (true)', async () => {
    for (const readUncommitted of [false, true]) {
      const consumer = kafkaClient(cluster).consumer({ groupId: `rc-${readUncommitted}`, readUncommitted });
      await consumer.connect();
      await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
      const seen: string[] = [];
      const expected = readUncommitted ? ALL : COMMITTED;
      let lastResolved = -1;
      await new Promise<void>((resolve, reject) => {
        consumer.run({
          eachBatch: async ({ batch, resolveOffset }) => {
            for (const m of batch.messages) {
              seen.push(m.value!.toString());
              resolveOffset(m.offset);
              lastResolved = Number(m.offset);
            }
            if (seen.length >= expected.length) resolve();
          },
        }).catch(reject);
      });
      await consumer.stop();
      expect(seen).toEqual(expected);
      expect(lastResolved).toBe(9);
      await consumer.disconnect();
    }
  });

  it.skipIf(!which('kcat'))('kcat with isolation.level=read_committed sees exactly the committed records', async () => {
    const args = ['-C', '-b', cluster.bootstrapServers, '-t', TOPIC, '-o', 'beginning', '-e', '-q', '-f', '%s\\n'];
    const committed = await run('kcat', [...args, '-X', 'isolation.level=read_committed'], { timeout: 60_000 });
    expect(committed.stdout.trim().split('\n')).toEqual(COMMITTED);
    const all = await run('kcat', [...args, '-X', 'isolation.level=read_uncommitted'], { timeout: 60_000 });
    expect(all.stdout.trim().split('\n')).toEqual(ALL);
  });

  it('a kafkajs read_committed group moves its committed offset past trailing markers and aborted batches', async () => {
    const topic = 'rc-tail';
    await client.request(CreateTopicsApi, 7, {
      topics: [{ name: topic, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false,
    });
    const p5 = { producerId: 605, producerEpoch: 0 };
    const p6 = { producerId: 606, producerEpoch: 0 };
    expect((await produceTo(client, topic, 0, txnRecords(p5, 0, ['tail-a']))).baseOffset).toBe(0);
    expect((await writeMarker(client, p5, true, [[topic, 0]])).get(`${topic}:0`)).toBe(ErrorCode.NONE);
    expect((await produceTo(client, topic, 0, txnRecords(p6, 0, ['tail-b']))).baseOffset).toBe(2);
    expect((await writeMarker(client, p6, false, [[topic, 0]])).get(`${topic}:0`)).toBe(ErrorCode.NONE);
    const kafka = kafkaClient(cluster);
    const admin = kafka.admin();
    await admin.connect();
    const consumer = kafka.consumer({ groupId: 'rc-tail-group', readUncommitted: false });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({ eachBatch: async ({ batch }) => void seen.push(...batch.messages.map((m) => m.value!.toString())) });
    // As with Kafka, the batches left empty by filtering (a marker; an aborted transaction and its
    // marker) still move the group's position: the committed offset reaches the log end, 4.
    for (;;) {
      const [committed] = await admin.fetchOffsets({ groupId: 'rc-tail-group', topics: [topic] });
      if (committed!.partitions[0]!.offset === '4') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await consumer.disconnect();
    await admin.disconnect();
    expect(seen).toEqual(['tail-a']);
  });
});
