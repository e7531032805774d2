// A broker restarted after a clean shutdown lists its partition logs and opens each on first use
// (the rest in the background). Killed with -9 right after such a start, while it appends to some
// logs and has not opened others, and started again (now recovering every log), it still has every
// acknowledged record at its offset, no offset twice, and each log start offset DeleteRecords set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { DeleteRecordsApi } from '../../protocol/generated/api/21-delete-records.js';
import { ListOffsetsApi } from '../../protocol/generated/api/02-list-offsets.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { startBrokerProcess, type BrokerProcess } from '../helpers/broker-process.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';

const TOPIC = 'lazy';
const PARTITIONS = 2_000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kraftling-lazy-'));

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Acknowledged values per partition, by offset. */
const acknowledged = new Map<number, Map<number, string>>();

function start(): Promise<BrokerProcess> {
  return startBrokerProcess(['--data-dir', dataDir, '--port', '0', '--log-level', 'warn']);
}

/** One acks=all batch of `count` records to each of `partitions`, in one request. */
async function produce(client: RawClient, partitions: number[], round: string, count = 3): Promise<void> {
  const values = (p: number): string[] => Array.from({ length: count }, (_, i) => `${round}-p${p}-r${i}`);
  const res = await client.request(ProduceApi, 9, {
    transactionalId: null, acks: -1, timeoutMs: 10_000,
    topicData: [{ name: TOPIC, partitionData: partitions.map((p) => ({
      index: p, records: encodeRecordBatch({ records: values(p).map((v) => ({ key: null, value: Buffer.from(v), timestamp: Date.now() })) }),
    })) }],
  });
  for (const r of res.responses[0]!.partitionResponses) {
    expect(r.errorCode, `partition ${r.index}`).toBe(0);
    const stored = acknowledged.get(r.index) ?? new Map<number, string>();
    values(r.index).forEach((v, i) => {
      expect(stored.has(r.baseOffset + i), `offset ${r.baseOffset + i} of partition ${r.index} handed out twice`).toBe(false);
      stored.set(r.baseOffset + i, v);
    });
    acknowledged.set(r.index, stored);
  }
}

async function earliest(client: RawClient, partition: number): Promise<number> {
  const res = await client.request(ListOffsetsApi, 7, {
    replicaId: -1, isolationLevel: 0, timeoutMs: 0,
    topics: [{ name: TOPIC, partitions: [{ partitionIndex: partition, currentLeaderEpoch: -1, timestamp: -2, maxNumOffsets: 1 }] }],
  });
  return res.topics[0]!.partitions[0]!.offset;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('partition logs opened on first use after a clean shutdown', () => {
  it('keeps acknowledged records and log start offsets through a kill -9 right after such a start', async () => {
    let broker = await start();
    let client = await RawClient.connect(broker.bootstrap);
    await client.request(CreateTopicsApi, 7, {
      topics: [{ name: TOPIC, numPartitions: PARTITIONS, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 30_000, validateOnly: false,
    });
    await produce(client, range(PARTITIONS), 'before');
    const trimmed = await client.request(DeleteRecordsApi, 2, {
      topics: [{ name: TOPIC, partitions: [{ partitionIndex: 1_999, offset: 2 }] }], timeoutMs: 5_000,
    });
    expect(trimmed.topics[0]!.partitions[0]!.lowWatermark).toBe(2);
    client.close();
    broker.child.kill('SIGTERM');
    expect(await broker.exited).toBe(0);

    // Clean start: the logs open as they are used. Append to a few and kill it at once.
    broker = await start();
    client = await RawClient.connect(broker.bootstrap);
    await produce(client, range(10), 'after-clean-start');
    broker.child.kill('SIGKILL');
    await broker.exited;
    client.close();

    broker = await start();
    client = await RawClient.connect(broker.bootstrap);
    expect(await earliest(client, 1_999)).toBe(2);
    for (const p of [...range(12), 1_000, 1_998, 1_999]) {
      const stored = new Map((await readPartition(client, TOPIC, p, p === 1_999 ? 2 : 0)).map((r) => [r.offset, r.value!.toString()]));
      const expected = new Map([...acknowledged.get(p)!].filter(([offset]) => p !== 1_999 || offset >= 2));
      expect(stored, `partition ${p}`).toEqual(expected);
    }
    // Every log is served after the restart, the unused ones too.
    await produce(client, range(PARTITIONS), 'after-crash', 1);
    expect(broker.stderr()).not.toMatch(/"level":(50|60)/);
    client.close();
    broker.child.kill('SIGKILL');
    await broker.exited;
  }, 120_000);
});
