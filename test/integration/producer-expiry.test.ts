// producer.id.expiration.ms over TCP against broker processes: a producer idle that long (no
// transaction open) is dropped from its partitions' state by the periodic check, so DescribeProducers
// no longer lists it and its next batch is taken whatever its sequence, as on Kafka. Producers still
// live, or with a transaction open, keep theirs. After a SIGKILL and a restart the dropped producers
// stay dropped, and every acknowledged record is there once.
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { DescribeProducersApi } from '../../protocol/generated/api/61-describe-producers.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { brokerProcesses, type BrokerProcess } from '../helpers/broker-process.js';
import { RawClient } from '../helpers/raw-client.js';
import { readPartition } from '../helpers/read-all.js';
import { eventually } from '../helpers/retry.js';
import { tempDirs } from '../helpers/temp-dirs.js';
import { produceTo } from '../helpers/txn-requests.js';

const newDataDir = tempDirs('kraftling-producer-expiry-');
const start = brokerProcesses();
/** The check every 200 ms instead of every 10 minutes. */
const QUICK_CHECK = ['-o', 'producer.id.expiration.check.interval.ms=200'];
const HOUR = 3_600_000;

function kafka(broker: BrokerProcess): Kafka {
  return new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1000 } });
}

async function createTopic(client: RawClient, name: string): Promise<void> {
  const res = await client.request(CreateTopicsApi, 7, {
    topics: [{ name, numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false,
  });
  expect(res.topics[0]!.errorCode).toBe(ErrorCode.NONE);
}

/** The producers DescribeProducers lists for partition 0 of `topic`, by id: their last sequence. */
async function producers(client: RawClient, topic: string): Promise<Map<number, number>> {
  const res = await client.request(DescribeProducersApi, 0, { topics: [{ name: topic, partitionIndexes: [0] }] });
  const p = res.topics[0]!.partitions[0]!;
  expect(p.errorCode).toBe(ErrorCode.NONE);
  return new Map(p.activeProducers.map((a) => [a.producerId, a.lastSequence]));
}

/** One idempotent (or transactional) batch of `count` records stamped `timestamp`. */
function batch(producerId: number, baseSequence: number, timestamp: number, count = 1, transactional = false): Buffer {
  return encodeRecordBatch({
    producerId, producerEpoch: 0, baseSequence, isTransactional: transactional,
    records: Array.from({ length: count }, (_, i) => ({ key: null, value: Buffer.from(`${producerId}-${baseSequence + i}`), timestamp })),
  });
}

describe('producer id expiration', () => {
  it('a kafkajs idempotent producer idle past producer.id.expiration.ms is forgotten, then goes on; nothing is lost or doubled across a SIGKILL', async () => {
    const dataDir = newDataDir();
    const flags = ['-o', 'producer.id.expiration.ms=1500', ...QUICK_CHECK];
    let broker = await start(dataDir, flags);
    let client = await RawClient.connect(broker.bootstrap);
    await createTopic(client, 'idle');
    const producer = kafka(broker).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (const value of ['a', 'b', 'c']) await producer.send({ topic: 'idle', acks: -1, messages: [{ value }] });
    const [[id, lastSequence]] = [...await producers(client, 'idle')];
    expect(lastSequence).toBe(2);
    await eventually(async () => ((await producers(client, 'idle')).size === 0 ? true : undefined), 15_000);
    // kafkajs goes on from sequence 3: the broker, which no longer knows it, takes any.
    for (const value of ['d', 'e']) await producer.send({ topic: 'idle', acks: -1, messages: [{ value }] });
    expect(await producers(client, 'idle')).toEqual(new Map([[id, 4]]));
    await producer.disconnect();

    client.close();
    broker.child.kill('SIGKILL');
    await broker.exited;
    broker = await start(dataDir, flags);
    client = await RawClient.connect(broker.bootstrap);
    const values = (await readPartition(client, 'idle', 0)).map((r) => r.value?.toString());
    expect(values).toEqual(['a', 'b', 'c', 'd', 'e']);
    client.close();
  });

  it('a dynamic producer.id.expiration.ms expires the producers idle that long but not one with a transaction open, and a SIGKILL does not bring them back', async () => {
    const dataDir = newDataDir();
    const flags = [...QUICK_CHECK, '-o', 'transaction.partition.verification.enable=false'];
    let broker = await start(dataDir, flags);
    let client = await RawClient.connect(broker.bootstrap);
    await createTopic(client, 'aged');
    const now = Date.now();
    // 900 last wrote an hour ago (by its records' timestamps); 901 now; 902 an hour ago, in a
    // transaction still open.
    expect((await produceTo(client, 'aged', 0, batch(900, 0, now - HOUR, 2), null)).errorCode).toBe(ErrorCode.NONE);
    expect((await produceTo(client, 'aged', 0, batch(901, 0, now, 2), null)).errorCode).toBe(ErrorCode.NONE);
    expect((await produceTo(client, 'aged', 0, batch(902, 0, now - HOUR, 1, true))).errorCode).toBe(ErrorCode.NONE);
    // Kafka's default (a day): checks run, nobody has expired.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect([...(await producers(client, 'aged')).keys()].sort()).toEqual([900, 901, 902]);

    const admin = kafka(broker).admin();
    await admin.connect();
    await admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [{ name: 'producer.id.expiration.ms', value: String(HOUR / 2) }] }] });
    await admin.disconnect();
    await eventually(async () => ((await producers(client, 'aged')).has(900) ? undefined : true), 15_000);
    expect([...(await producers(client, 'aged')).keys()].sort()).toEqual([901, 902]);

    client.close();
    broker.child.kill('SIGKILL');
    await broker.exited;
    broker = await start(dataDir, flags);
    client = await RawClient.connect(broker.bootstrap);
    expect([...(await producers(client, 'aged')).keys()].sort()).toEqual([901, 902]);
    // 900 is a stranger now: any sequence; 901 is not: a gap is refused.
    expect((await produceTo(client, 'aged', 0, batch(900, 7, Date.now()), null)).errorCode).toBe(ErrorCode.NONE);
    expect((await produceTo(client, 'aged', 0, batch(901, 7, Date.now()), null)).errorCode).toBe(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    const values = (await readPartition(client, 'aged', 0)).map((r) => r.value?.toString());
    expect(values).toEqual(['900-0', '900-1', '901-0', '901-1', '902-0', '900-7']);
    client.close();
  });
});
