// End-to-end latency: a producer sends one 1 KiB record per Produce request (acks=1) on a fixed
// schedule (open loop) while a consumer long-polls Fetch on its own connection; a record's latency
// runs from the write of its request to the arrival of the Fetch answer that carries it. The topic
// is fresh and has one partition, so the k-th record sent has offset k.
import { FetchApi } from '../../protocol/generated/api/01-fetch.js';
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';
import { readResponseFrame } from '../../protocol/registry.js';
import { BASE_OFFSET, BATCH_LENGTH, LAST_OFFSET_DELTA, LOG_OVERHEAD, RECORDS } from '../../protocol/records/batch-header.js';
import { produceRequests } from './produce-load.js';
import { BenchConnection, prepareRequest, type PreparedRequest } from './raw-client.js';

const FETCH_VERSION = 12;

function fetchFrom(topic: string, fetchOffset: number): PreparedRequest {
  return prepareRequest(FetchApi, FETCH_VERSION, {
    clusterId: null, replicaId: -1, replicaState: { replicaId: -1, replicaEpoch: -1 },
    maxWaitMs: 500, minBytes: 1, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
    topics: [{ topic, topicId: ZERO_UUID, partitions: [{
      partition: 0, currentLeaderEpoch: -1, fetchOffset, lastFetchedEpoch: -1, logStartOffset: -1,
      partitionMaxBytes: 1 << 20, replicaDirectoryId: ZERO_UUID,
    }] }],
    forgottenTopicsData: [], rackId: '',
  });
}

/** The offset after the last whole batch in `records`, or `from` when there is none. */
function endOffset(records: Buffer, from: number): number {
  let pos = 0;
  let next = from;
  while (pos + RECORDS <= records.length) {
    const size = LOG_OVERHEAD + records.readInt32BE(pos + BATCH_LENGTH);
    if (pos + size > records.length) break;
    next = Number(records.readBigInt64BE(pos + BASE_OFFSET)) + records.readInt32BE(pos + LAST_OFFSET_DELTA) + 1;
    pos += size;
  }
  return next;
}

export interface E2eRun {
  latenciesMs: number[];
  achievedPerSec: number;
  /** How often the generator's own event loop stalled for more than GENERATOR_STALL_MS. */
  generatorStalls: number;
  /** The latencies of the records during whose trip the generator did not stall: what is left
   * when the generator's share of the tail is taken out. */
  clearLatenciesMs: number[];
}

/** A 1 ms timer of the generator that fires this much late marks a stall of its event loop (its
 * collections, the scheduler on a busy machine): every record in flight then looks later. */
export const GENERATOR_STALL_MS = 3;

/** Produces `total` records at `ratePerSec` to offset 0.. of a fresh one-partition topic and
 * measures when a long-polling consumer receives each. */
export async function endToEnd(bootstrap: string, topic: string, ratePerSec: number, total: number): Promise<E2eRun> {
  const [producer, consumer] = await Promise.all([BenchConnection.connect(bootstrap), BenchConnection.connect(bootstrap)]);
  const request = produceRequests({ topic, partitions: 1, partitionsPerRequest: 1, batchBytes: 0, acks: 1, connections: 1, window: 1 }).requests[0]!;
  const sentAt: number[] = [];
  const latenciesMs: number[] = [];
  const stalls: [number, number][] = [];
  let lastTick = performance.now();
  const watch = setInterval(() => {
    const now = performance.now();
    if (now - lastTick > GENERATOR_STALL_MS) stalls.push([lastTick, now]);
    lastTick = now;
  }, 1);
  const started = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      producer.onFailure(reject);
      consumer.onFailure(reject);
      const poll = (offset: number): void => consumer.send(fetchFrom(topic, offset), (frame) => {
        const now = performance.now();
        const data = readResponseFrame(FetchApi, FETCH_VERSION, frame).body.responses[0]?.partitions[0];
        if (!data || data.errorCode !== 0) return reject(new Error(`fetch at ${offset}: error ${data?.errorCode}`));
        const next = data.records ? endOffset(data.records, offset) : offset;
        for (let o = offset; o < next; o++) latenciesMs.push(now - sentAt[o]!);
        if (next >= total) resolve();
        else poll(next);
      });
      poll(0);
      const intervalMs = 1000 / ratePerSec;
      const tick = (): void => {
        const due = Math.min(total, Math.floor((performance.now() - started) / intervalMs) + 1);
        while (sentAt.length < due) {
          sentAt.push(performance.now());
          producer.send(request, () => undefined);
        }
        if (sentAt.length < total) setTimeout(tick, Math.max(0, started + sentAt.length * intervalMs - performance.now()));
      };
      tick();
    });
  } finally {
    clearInterval(watch);
    producer.close();
    consumer.close();
  }
  const clearLatenciesMs = latenciesMs.filter((l, k) => !stalls.some(([from, to]) => from < sentAt[k]! + l && to > sentAt[k]!));
  return { latenciesMs, achievedPerSec: total / ((performance.now() - started) / 1000), generatorStalls: stalls.length, clearLatenciesMs };
}
