// DescribeLogDirs over TCP against a broker process: the node's log directory, the size of each
// hosted partition's log (every one, or those named), the volume's bytes from v4; and after a
// SIGKILL and a restart, which recovers the logs, the same sizes.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { DescribeLogDirsApi, type DescribeLogDirsResponse } from '../../protocol/generated/api/35-describe-log-dirs.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { brokerProcesses } from '../helpers/broker-process.js';
import { RawClient } from '../helpers/raw-client.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const TOPIC = 'dirs';
const newDataDir = tempDirs('kraftling-log-dirs-');
const start = brokerProcesses();

async function produce(client: RawClient, partition: number, count: number): Promise<void> {
  const records = encodeRecordBatch({ records: Array.from({ length: count }, (_, i) => ({ key: null, value: Buffer.from(`value-${i}`), timestamp: Date.now() })) });
  const res = await client.request(ProduceApi, 9, { transactionalId: null, acks: -1, timeoutMs: 5000, topicData: [{ name: TOPIC, partitionData: [{ index: partition, records }] }] });
  expect(res.responses[0]!.partitionResponses[0]!.errorCode).toBe(ErrorCode.NONE);
}

/** Each partition of TOPIC in the answer's one directory, by index: its size. */
function sizes(res: DescribeLogDirsResponse): Map<number, number> {
  expect(res.errorCode).toBe(ErrorCode.NONE);
  expect(res.results).toHaveLength(1);
  const topic = res.results[0]!.topics.find((t) => t.name === TOPIC);
  return new Map((topic?.partitions ?? []).map((p) => [p.partitionIndex, p.partitionSize]));
}

describe('DescribeLogDirs', () => {
  it('reports each hosted partition\'s log size in the node\'s directory, the same after a SIGKILL and restart', async () => {
    const dataDir = newDataDir();
    let broker = await start(dataDir);
    let client = await RawClient.connect(broker.bootstrap);
    await client.request(CreateTopicsApi, 7, {
      topics: [{ name: TOPIC, numPartitions: 3, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false,
    });
    await produce(client, 0, 10);
    await produce(client, 1, 100);

    const all = await client.request(DescribeLogDirsApi, 4, { topics: null });
    const dir = all.results[0]!;
    expect({ errorCode: dir.errorCode, underDataDir: path.resolve(dir.logDir).startsWith(path.resolve(dataDir)) }).toEqual({ errorCode: 0, underDataDir: true });
    expect(dir.totalBytes).toBeGreaterThan(0);
    expect(dir.usableBytes).toBeGreaterThanOrEqual(0);
    expect(dir.usableBytes).toBeLessThanOrEqual(dir.totalBytes);
    const before = sizes(all);
    expect([...before.keys()].sort()).toEqual([0, 1, 2]);
    expect(before.get(0)).toBeGreaterThan(0);
    expect(before.get(1)).toBeGreaterThan(before.get(0)!);
    expect(before.get(2)).toBe(0);
    for (const t of dir.topics) for (const p of t.partitions) expect({ offsetLag: p.offsetLag, isFutureKey: p.isFutureKey }).toEqual({ offsetLag: 0, isFutureKey: false });

    // Named partitions only; one the broker does not host is left out, as Kafka leaves it out.
    const named = await client.request(DescribeLogDirsApi, 1, { topics: [{ topic: TOPIC, partitions: [1, 7] }, { topic: 'no-such-topic', partitions: [0] }] });
    expect([...sizes(named)]).toEqual([[1, before.get(1)]]);
    expect(named.results[0]!.topics.map((t) => t.name)).toEqual([TOPIC]);

    broker.child.kill('SIGKILL');
    await broker.exited;
    broker = await start(dataDir);
    client = await RawClient.connect(broker.bootstrap);
    expect(sizes(await client.request(DescribeLogDirsApi, 4, { topics: null }))).toEqual(before);
    client.close();
  });
});
