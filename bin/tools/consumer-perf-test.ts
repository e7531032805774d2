// `kraftling consumer-perf-test` (kafka-consumer-perf-test): reads --messages records of a topic
// from the start of each partition (or its end, --from-latest) with Fetch requests to the leaders,
// decoding every record as a consumer does (while the next fetch is on its way), and prints
// Kafka's summary line: start and end time, MB and records consumed, their rates. It reads without
// a group (nothing to rebalance: the rebalance time is 0) and stops when no record arrives for
// --timeout ms. A leader that moved is found again through the metadata.
import { FetchApi, type FetchResponse } from '../../protocol/generated/api/01-fetch.js';
import { ErrorCode, errorName, isRetriable } from '../../protocol/errors.js';
import { BATCH_HEADER_BYTES, batchSize, lastOffset } from '../../protocol/records/batch-header.js';
import { decodeRecordBatch } from '../../protocol/records/record-batch.js';
import { intFlag, required, UsageError } from '../usage.js';
import { groupBy, withClient, type KafkaClient } from './kafka-client.js';
import { EARLIEST, LATEST, listOffsets } from './group-offsets.js';

const MIB = 1024 * 1024;
const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';
const HEADER = 'start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec';

export async function runConsumerPerfTest(values: Record<string, unknown>): Promise<number> {
  const topic = values.topic;
  if (typeof topic !== 'string') throw new UsageError('--topic NAME is required');
  const wanted = required(intFlag(values, 'messages', 1), 'messages');
  const fetchSize = intFlag(values, 'fetch-size', 1) ?? 1_048_576;
  const timeoutMs = intFlag(values, 'timeout', 1) ?? 10_000;
  return withClient('consumer-perf-test', values, async (client) => {
    const startMs = Date.now();
    let leaders = await client.partitions(topic);
    // Where to start, asked of the leaders: again, with fresh metadata, while one does not answer.
    let start: Map<number, number> | undefined;
    while (start === undefined) {
      try {
        start = await listOffsets(client, topic, leaders, values['from-latest'] === true ? LATEST : EARLIEST);
      } catch (err) {
        if (Date.now() - startMs >= timeoutMs) throw err;
        await new Promise((resolve) => setTimeout(resolve, 200));
        leaders = await client.partitions(topic).catch(() => leaders);
      }
    }
    const positions = start;
    const read = { records: 0, bytes: 0, lastRecordMs: Date.now() };
    const going = (): boolean => read.records < wanted && Date.now() - read.lastRecordMs < timeoutMs;
    while (going()) {
      // A round lasts until one leader fails: then every loop ends and the leaders are found again.
      const round = { stale: false };
      await Promise.all([...groupBy(leaders.filter((p) => p.leader >= 0), (p) => p.leader)]
        .map(([leader, ofLeader]) => readFrom(client, leader, topic, ofLeader.map((p) => p.partition), positions, fetchSize, read,
          () => going() && !round.stale).then((stale) => { round.stale ||= stale; })));
      if (round.stale) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        leaders = await client.partitions(topic).catch(() => leaders);
      }
    }
    const { records, bytes } = read;
    const endMs = Date.now();
    const seconds = Math.max(endMs - startMs, 1) / 1000;
    const mb = bytes / MIB;
    if (values['hide-header'] !== true) process.stdout.write(`${HEADER}\n`);
    process.stdout.write(`${stamp(startMs)}, ${stamp(endMs)}, ${mb.toFixed(4)}, ${(mb / seconds).toFixed(4)}, ${records}, ${(records / seconds).toFixed(4)}, `
      + `0, ${endMs - startMs}, ${(mb / seconds).toFixed(4)}, ${(records / seconds).toFixed(4)}\n`);
    if (records < wanted) {
      process.stderr.write(`kraftling consumer-perf-test: Exiting before consuming the expected number of messages: timeout (${timeoutMs} ms) exceeded.\n`);
      return 1;
    }
    return 0;
  });
}

/**
 * Fetches from one leader while `going` says so, or until the leader fails (true: find the
 * leaders again). The next fetch goes out as soon as an answer's batch headers say
 * where each partition goes on, and the answer is decoded while it is on its way, as a consumer's
 * fetcher overlaps its fetches with the application's work.
 */
async function readFrom(client: KafkaClient, leader: number, topic: string, partitions: number[], positions: Map<number, number>,
  fetchSize: number, read: { records: number; bytes: number; lastRecordMs: number }, going: () => boolean): Promise<boolean> {
  const fetch = async (): Promise<FetchResponse | undefined> => {
    const req = FetchApi.defaultRequest();
    req.replicaId = -1;
    req.maxWaitMs = 100;
    req.minBytes = 1;
    req.maxBytes = 50 * MIB;
    req.topics = [{ topic, topicId: ZERO_UUID, partitions: partitions.map((partition) => ({
      partition, currentLeaderEpoch: -1, fetchOffset: positions.get(partition)!, lastFetchedEpoch: -1, logStartOffset: -1,
      partitionMaxBytes: fetchSize, replicaDirectoryId: ZERO_UUID,
    })) }];
    try {
      return (await client.request(FetchApi, req, client.broker(leader), 12)).res;
    } catch {
      return undefined;
    }
  };
  let next = fetch();
  while (going()) {
    const res = await next;
    if (res === undefined) return true;
    let stale = false;
    const answered: { records: Buffer | null; from: number }[] = [];
    for (const p of res.responses[0]?.partitions ?? []) {
      if (p.errorCode !== ErrorCode.NONE) {
        if (!isRetriable(p.errorCode)) throw new Error(`fetching ${topic}-${p.partitionIndex}: ${errorName(p.errorCode)}`);
        stale = true;
        continue;
      }
      const from = positions.get(p.partitionIndex)!;
      answered.push({ records: p.records, from });
      positions.set(p.partitionIndex, nextPosition(p.records, from));
    }
    if (stale) return true;
    next = fetch();
    for (const { records, from } of answered) {
      const counted = readRecords(records, from);
      if (counted.count > 0) read.lastRecordMs = Date.now();
      read.records += counted.count;
      read.bytes += counted.bytes;
    }
  }
  // The fetch sent last is not waited for: what it brings is not counted.
  next.catch(() => undefined);
  return false;
}

/** The offset after the last whole batch of `records`, from the batch headers alone. */
function nextPosition(records: Buffer | null, position: number): number {
  let next = position;
  for (let at = 0; records && at + BATCH_HEADER_BYTES <= records.length;) {
    const size = batchSize(records, at);
    if (at + size > records.length) break;
    next = Math.max(next, lastOffset(records, at) + 1);
    at += size;
  }
  return next;
}

/** Records at or after `position` in fetched batches: how many, and their key and value bytes
 * (what Kafka's tool counts). Control batches hold none. */
function readRecords(records: Buffer | null, position: number): { count: number; bytes: number } {
  let count = 0;
  let bytes = 0;
  for (let at = 0; records && at + 12 <= records.length;) {
    const size = 12 + records.readInt32BE(at + 8);
    if (at + size > records.length) break;
    const batch = decodeRecordBatch(records.subarray(at, at + size));
    at += size;
    if (!batch.isControl) {
      for (const r of batch.records) {
        if (r.offset < position) continue;
        count++;
        bytes += (r.key?.length ?? 0) + (r.value?.length ?? 0);
      }
    }
  }
  return { count, bytes };
}

/** Kafka's "yyyy-MM-dd HH:mm:ss:SSS", local time. */
function stamp(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}:${pad(d.getMilliseconds(), 3)}`;
}
