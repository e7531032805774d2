// Large produce requests are read into reused buffers, each given back once its response has been
// sent (the appends that read it are done by then). Producers that pipeline requests of 2 x 320 KiB
// batches (each batch written on the thread pool) over several connections keep the broker reading
// new requests while earlier ones are still being written: a buffer reused too early would put
// another request's bytes into the log. Every record is read back and compared with what was sent
// to its partition, with acks=1, acks=-1 and acks=0, and after producers that vanished mid-way.
import { beforeAll, describe, expect, it } from 'vitest';
import { FetchApi, defaultFetchPartition, defaultFetchRequest, defaultFetchTopic } from '../../protocol/generated/api/01-fetch.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { validateRecordBatches } from '../../protocol/records/batch-validation.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { writeRequestFrame } from '../../protocol/registry.js';
import { clusterWithAdmin } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';

const TOPIC = 'reused';
const PARTITIONS = 2;
const RECORDS_PER_BATCH = 40;
const VALUE_BYTES = 8 * 1024;
const CONNECTIONS = 3;
const IN_FLIGHT = 8;

const ctx = clusterWithAdmin();

beforeAll(async () => {
  await ctx.admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS }] });
});

/** A value that says which connection, request and record it is: no two records share one. */
function value(conn: number, request: number, partition: number, record: number): Buffer {
  const v = Buffer.alloc(VALUE_BYTES, (conn * 31 + request * 7 + partition * 3 + record) & 0xff);
  v.write(`c${conn}-r${request}-p${partition}-n${record}-`, 0);
  return v;
}

/** One produce request frame (size prefix included) of a batch of about 320 KiB per partition. */
function produceFrame(conn: number, request: number, acks: number, correlationId: number): Buffer[] {
  const partitionData = Array.from({ length: PARTITIONS }, (_, partition) => ({
    index: partition,
    records: encodeRecordBatch({
      records: Array.from({ length: RECORDS_PER_BATCH }, (_, r) => ({ key: null, value: value(conn, request, partition, r), timestamp: Date.now() })),
    }),
  }));
  return writeRequestFrame(ProduceApi, 9, correlationId, 'buffers-test', { transactionalId: null, acks, timeoutMs: 10_000, topicData: [{ name: TOPIC, partitionData }] });
}

/** What each partition holds, value by value, read back from offset 0. */
async function readBack(): Promise<Map<number, string[]>> {
  const raw = await RawClient.connect(ctx.cluster.bootstrapServers);
  const held = new Map<number, string[]>();
  try {
    for (let partition = 0; partition < PARTITIONS; partition++) {
      const values: string[] = [];
      for (;;) {
        const res = await raw.request(FetchApi, 12, {
          ...defaultFetchRequest(), maxWaitMs: 0, minBytes: 0, maxBytes: 16 * 1024 * 1024, sessionEpoch: -1,
          topics: [{ ...defaultFetchTopic(), topic: TOPIC, partitions: [{ ...defaultFetchPartition(), partition, fetchOffset: values.length, partitionMaxBytes: 4 * 1024 * 1024 }] }],
        });
        const data = res.responses[0]!.partitions[0]!;
        expect(data.errorCode).toBe(0);
        if (data.records === null || data.records.length === 0) break;
        validateRecordBatches(data.records);
        for (const batch of decodeRecordBatches(data.records)) {
          for (const r of batch.records) if (r.offset === values.length) values.push(r.value!.subarray(0, VALUE_BYTES).toString('latin1'));
        }
      }
      held.set(partition, values);
    }
  } finally {
    raw.close();
  }
  return held;
}

describe('produce requests read into reused buffers', () => {
  it('land in the log byte for byte while later requests are read into the same buffers', async () => {
    const expected = new Map<number, Set<string>>(Array.from({ length: PARTITIONS }, (_, p) => [p, new Set<string>()]));
    const remember = (conn: number, request: number): void => {
      for (let p = 0; p < PARTITIONS; p++) {
        for (let r = 0; r < RECORDS_PER_BATCH; r++) expected.get(p)!.add(value(conn, request, p, r).toString('latin1'));
      }
    };
    // Producers that vanish with requests in flight: what they sent may or may not be written, but
    // each batch is whole or absent.
    const vanished = await Promise.all(Array.from({ length: 2 }, () => RawClient.connect(ctx.cluster.bootstrapServers)));
    const maybe = new Set<string>();
    vanished.forEach((raw, i) => {
      for (let request = 0; request < IN_FLIGHT; request++) {
        const conn = 100 + i;
        void raw.send(produceFrame(conn, request, 1, request + 1)).catch(() => undefined);
        for (let p = 0; p < PARTITIONS; p++) for (let r = 0; r < RECORDS_PER_BATCH; r++) maybe.add(value(conn, request, p, r).toString('latin1'));
      }
    });
    await new Promise((r) => setTimeout(r, 20));
    for (const raw of vanished) raw.close();

    const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => RawClient.connect(ctx.cluster.bootstrapServers)));
    try {
      for (const [round, acks] of [[0, 1], [1, -1], [2, 0], [3, 1]] as const) {
        await Promise.all(clients.map(async (raw, conn) => {
          const answers: Promise<Buffer>[] = [];
          for (let i = 0; i < IN_FLIGHT; i++) {
            const request = round * IN_FLIGHT + i;
            const frame = produceFrame(conn, request, acks, request + 1);
            remember(conn, request);
            if (acks === 0) for (const b of frame) raw.socket.write(b);
            else answers.push(raw.send(frame));
          }
          await Promise.all(answers);
        }));
      }
      const held = await readBack();
      for (let p = 0; p < PARTITIONS; p++) {
        const values = held.get(p)!;
        const written = values.filter((v) => !maybe.has(v));
        expect(values.filter((v) => !maybe.has(v) && !expected.get(p)!.has(v)), `partition ${p}: bytes nobody sent there`).toEqual([]);
        expect(new Set(written).size).toBe(written.length);
        expect(written.length).toBe(expected.get(p)!.size);
        expect(values.length % RECORDS_PER_BATCH).toBe(0);
      }
    } finally {
      for (const raw of clients) raw.close();
    }
  });
});
