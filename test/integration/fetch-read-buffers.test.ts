// Fetch reads records into pooled buffers that go back to the pool only once the response holding
// them has been written to the socket. A client that pipelines many large fetches and does not read
// makes responses queue in the broker unsent while later fetches keep reading: a buffer given back
// too early would be overwritten under a queued response, and the client would get another
// partition's or offset's bytes. Every record read back is checked against what was written at its
// offset (and every batch's CRC), with the client paused, with it reading, after a client that
// vanished with responses still queued, and with the topic deleted under reads on the thread pool.
// Reads of up to 64 KiB (a tailing consumer's) take buffers of their own, smaller pool: the same
// check runs on them with small batches and small fetches.
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../protocol/errors.js';
import { FetchApi, defaultFetchPartition, defaultFetchRequest, defaultFetchTopic, type FetchResponse } from '../../protocol/generated/api/01-fetch.js';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { validateRecordBatches } from '../../protocol/records/batch-validation.js';
import { decodeRecordBatches, encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { clusterWithAdmin } from '../helpers/cluster.js';
import { RawClient } from '../helpers/raw-client.js';

const TOPIC = 'pooled';
const PARTITIONS = 2;
const BATCHES = 24;
const RECORDS_PER_BATCH = 16;
const VALUE_BYTES = 8 * 1024;
/** Each fetch asks for this much of one partition: several batches, a buffer of the pool each. */
const PARTITION_MAX_BYTES = 512 * 1024;
/** The small reads' topic: batches of 4 KiB values, fetches of 40 KiB (about 9 batches). */
const SMALL_TOPIC = 'pooled-small';
const SMALL_VALUE_BYTES = 1024;
const SMALL_RECORDS_PER_BATCH = 4;
const SMALL_MAX_BYTES = 40 * 1024;

/** What offset `offset` of `partition` holds: a value no other offset or partition has. */
function valueAt(partition: number, offset: number, valueBytes = VALUE_BYTES): Buffer {
  const value = Buffer.alloc(valueBytes, (partition * 131 + offset * 7) & 0xff);
  value.write(`p${partition}-o${offset}-`, 0);
  return value;
}

const ctx = clusterWithAdmin();

async function produceAll(topic: string, recordsPerBatch = RECORDS_PER_BATCH, valueBytes = VALUE_BYTES): Promise<void> {
  await ctx.admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }] });
  const raw = await RawClient.connect(ctx.cluster.bootstrapServers);
  for (let b = 0; b < BATCHES; b++) {
    const partitionData = Array.from({ length: PARTITIONS }, (_, partition) => ({
      index: partition,
      records: encodeRecordBatch({
        records: Array.from({ length: recordsPerBatch }, (_, i) => ({ key: null, value: valueAt(partition, b * recordsPerBatch + i, valueBytes), timestamp: Date.now() })),
      }),
    }));
    const res = await raw.request(ProduceApi, 9, { transactionalId: null, acks: 1, timeoutMs: 5_000, topicData: [{ name: topic, partitionData }] });
    expect(res.responses[0]!.partitionResponses.map((p) => p.errorCode)).toEqual([0, 0]);
  }
  raw.close();
}

beforeAll(async () => {
  await produceAll(TOPIC);
  await produceAll(SMALL_TOPIC, SMALL_RECORDS_PER_BATCH, SMALL_VALUE_BYTES);
});

interface Ask {
  partition: number;
  offset: number;
}

/** Fetch v12 of one partition from `offset`, answered at once. */
function fetchOne(raw: RawClient, ask: Ask, topic = TOPIC, maxBytes = PARTITION_MAX_BYTES): Promise<FetchResponse> {
  const partition = { ...defaultFetchPartition(), partition: ask.partition, fetchOffset: ask.offset, partitionMaxBytes: maxBytes };
  return raw.request(FetchApi, 12, {
    ...defaultFetchRequest(), maxWaitMs: 0, minBytes: 0, maxBytes: 64 * 1024 * 1024, sessionEpoch: -1,
    topics: [{ ...defaultFetchTopic(), topic, partitions: [partition] }],
  });
}

/** Every batch whole (CRC), starting at the offset asked for, each record the value written there;
 * at least `minBytes` of them. */
function checkAnswer(res: FetchResponse, ask: Ask, minBytes = 64 * 1024, valueBytes = VALUE_BYTES): number {
  const data = res.responses[0]!.partitions[0]!;
  expect(data.errorCode).toBe(0);
  const records = data.records!;
  expect(records.length).toBeGreaterThan(minBytes);
  validateRecordBatches(records);
  let checked = 0;
  for (const batch of decodeRecordBatches(records)) {
    for (const r of batch.records) {
      if (r.offset < ask.offset) continue;
      expect(r.value!.equals(valueAt(ask.partition, r.offset, valueBytes)), `partition ${ask.partition} offset ${r.offset}`).toBe(true);
      checked++;
    }
  }
  return checked;
}

/** Fetches of both partitions from many offsets, interleaved. */
function asks(count: number, recordsPerBatch = RECORDS_PER_BATCH): Ask[] {
  const total = BATCHES * recordsPerBatch;
  return Array.from({ length: count }, (_, i) => ({ partition: i % PARTITIONS, offset: (i * 37) % (total - 2 * recordsPerBatch) }));
}

describe('fetch responses from pooled read buffers', () => {
  it('keep their bytes while queued unsent behind a client that does not read', async () => {
    const raw = await RawClient.connect(ctx.cluster.bootstrapServers);
    try {
      raw.socket.pause();
      const wanted = asks(60);
      const answers = wanted.map((ask) => fetchOne(raw, ask));
      // 60 answers of about 512 KiB: far more than the socket buffers hold, so most wait in the
      // broker, unsent, while it reads the later ones.
      await new Promise((r) => setTimeout(r, 500));
      raw.socket.resume();
      const results = await Promise.all(answers);
      let checked = 0;
      results.forEach((res, i) => { checked += checkAnswer(res, wanted[i]!); });
      expect(checked).toBeGreaterThan(60 * RECORDS_PER_BATCH);
    } finally {
      raw.close();
    }
  });

  it('of small reads (their own pool) keep their bytes while queued unsent behind a client that does not read', async () => {
    const raw = await RawClient.connect(ctx.cluster.bootstrapServers);
    try {
      raw.socket.pause();
      // More answers than the small pool keeps, so its buffers are lent, given back and lent again.
      const wanted = asks(120, SMALL_RECORDS_PER_BATCH);
      const answers = wanted.map((ask) => fetchOne(raw, ask, SMALL_TOPIC, SMALL_MAX_BYTES));
      await new Promise((r) => setTimeout(r, 500));
      raw.socket.resume();
      const results = await Promise.all(answers);
      let checked = 0;
      results.forEach((res, i) => { checked += checkAnswer(res, wanted[i]!, 8 * 1024, SMALL_VALUE_BYTES); });
      expect(checked).toBeGreaterThan(120 * SMALL_RECORDS_PER_BATCH);
      // And again, reading as they come: the buffers given back above are lent again.
      const again = asks(60, SMALL_RECORDS_PER_BATCH).map((a) => ({ ...a, offset: (a.offset + 5) % (BATCHES * SMALL_RECORDS_PER_BATCH - 2 * SMALL_RECORDS_PER_BATCH) }));
      const second = await Promise.all(again.map((ask) => fetchOne(raw, ask, SMALL_TOPIC, SMALL_MAX_BYTES)));
      second.forEach((res, i) => checkAnswer(res, again[i]!, 8 * 1024, SMALL_VALUE_BYTES));
    } finally {
      raw.close();
    }
  });

  it('stay whole for a client that reads as they come, and after a client that vanished mid-way (large and small reads)', async () => {
    const gone = await RawClient.connect(ctx.cluster.bootstrapServers);
    gone.socket.pause();
    const dropped = [
      ...asks(40).map((ask) => fetchOne(gone, ask).catch(() => undefined)),
      ...asks(80, SMALL_RECORDS_PER_BATCH).map((ask) => fetchOne(gone, ask, SMALL_TOPIC, SMALL_MAX_BYTES).catch(() => undefined)),
    ];
    await new Promise((r) => setTimeout(r, 200));
    gone.close();
    await Promise.all(dropped);

    const raw = await RawClient.connect(ctx.cluster.bootstrapServers);
    try {
      for (let round = 0; round < 3; round++) {
        const wanted = asks(30).map((a) => ({ ...a, offset: (a.offset + round * 11) % (BATCHES * RECORDS_PER_BATCH - 2 * RECORDS_PER_BATCH) }));
        const results = await Promise.all(wanted.map((ask) => fetchOne(raw, ask)));
        results.forEach((res, i) => checkAnswer(res, wanted[i]!));
        const small = asks(30, SMALL_RECORDS_PER_BATCH);
        const smallResults = await Promise.all(small.map((ask) => fetchOne(raw, ask, SMALL_TOPIC, SMALL_MAX_BYTES)));
        smallResults.forEach((res, i) => checkAnswer(res, small[i]!, 8 * 1024, SMALL_VALUE_BYTES));
      }
    } finally {
      raw.close();
    }
  });

  it('are whole and right, or an error, when the topic is deleted under reads on the thread pool; the broker serves on', async () => {
    const doomed = 'pooled-doomed';
    await produceAll(doomed);
    const raw = await RawClient.connect(ctx.cluster.bootstrapServers);
    try {
      // Rounds of pipelined fetches until the deletion shows: the last rounds' reads run while the
      // partitions' segments are deleted.
      const deletion = ctx.admin.deleteTopics({ topics: [doomed] });
      let whole = 0;
      let failed = 0;
      for (let round = 0; failed === 0 && round < 500; round++) {
        const wanted = asks(10).map((a) => ({ ...a, offset: (a.offset + round * 13) % (BATCHES * RECORDS_PER_BATCH - 2 * RECORDS_PER_BATCH) }));
        const results = await Promise.all(wanted.map((ask) => fetchOne(raw, ask, doomed)));
        results.forEach((res, i) => {
          const data = res.responses[0]!.partitions[0]!;
          if (data.errorCode === 0) {
            checkAnswer(res, wanted[i]!);
            whole++;
          } else {
            expect([ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.NOT_LEADER_OR_FOLLOWER]).toContain(data.errorCode);
            failed++;
          }
        });
      }
      await deletion;
      expect([whole > 0, failed > 0]).toEqual([true, true]);
      // The same connection, another topic: still served, still right.
      checkAnswer(await fetchOne(raw, { partition: 1, offset: 16 }), { partition: 1, offset: 16 });
    } finally {
      raw.close();
    }
  });
});
