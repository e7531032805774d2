// `kraftling producer-perf-test` (kafka-producer-perf-test): writes --num-records records of
// --record-size random bytes to a topic as fast as it may (or at --throughput records/s), and
// prints what Kafka's tool prints: a line every five seconds, then records/s, MB/s and latency
// percentiles. Batches of batch.size bytes go to one partition after another (Kafka's sticky
// partitioner); a request carries a batch for each partition its broker leads, up to
// max.request.size, with max.in.flight.requests.per.connection requests in flight per broker. Each
// batch is encoded once and sent again and again (the same random payload, as Kafka's tool). A
// retriable error (the leader moved) refreshes the metadata and sends the batch again, for up to
// delivery.timeout.ms; so it is at least once, as Kafka's producer without idempotence.
import { randomBytes } from 'node:crypto';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { ErrorCode, errorName, isRetriable } from '../../protocol/errors.js';
import { CompressionType } from '../../protocol/compression/index.js';
import { BATCH_HEADER_BYTES } from '../../protocol/records/batch-header.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import { intFlag, required, UsageError } from '../usage.js';
import { groupBy, withClient, type KafkaClient } from './kafka-client.js';

const CODECS: Record<string, number> = { none: CompressionType.NONE, gzip: CompressionType.GZIP, snappy: CompressionType.SNAPPY, lz4: CompressionType.LZ4, zstd: CompressionType.ZSTD };
const REPORT_MS = 5_000;
const MIB = 1024 * 1024;
/** Bytes a record adds to a batch beyond its value, roughly (varints of a small record). */
const RECORD_OVERHEAD_BYTES = 10;
/** Between attempts of a batch (Kafka's retry.backoff.ms). */
const RETRY_BACKOFF_MS = 100;

interface Settings {
  topic: string;
  records: number;
  recordSize: number;
  /** Records per second; Infinity for as fast as possible. */
  throughput: number;
  acks: number;
  batchBytes: number;
  inFlight: number;
  compression: number;
  /** delivery.timeout.ms: how long a batch is tried again before the run fails. */
  deliveryTimeoutMs: number;
  /** max.request.size: bytes of batches in one request. */
  maxRequestBytes: number;
}

/** A batch of `count` records for a partition. */
interface Part {
  partition: number;
  count: number;
}

export async function runProducerPerfTest(values: Record<string, unknown>, positionals: string[]): Promise<number> {
  // Kafka's tool takes `--producer-props acks=1 batch.size=8192`: the pairs after the first arrive as positionals.
  if (positionals.length > 0 && values['producer-props'] === undefined) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const s = settings({ ...values, 'producer-props': [...(values['producer-props'] as string[] | undefined ?? []), ...positionals] });
  return withClient('producer-perf-test', values, async (client) => {
    const run = new PerfRun(client, s, await leaders(client, s.topic));
    return run.go();
  });
}

/** One latency sample per batch, weighted by its records. */
class Stats {
  private readonly samples: { ms: number; records: number }[] = [];
  private readonly start = performance.now();
  private window = { start: this.start, records: 0, bytes: 0, latencySum: 0, latencyMax: 0 };
  records = 0;
  private bytes = 0;
  private latencySum = 0;
  private latencyMax = 0;

  record(records: number, bytes: number, latencyMs: number): void {
    this.samples.push({ ms: latencyMs, records });
    this.records += records;
    this.bytes += bytes;
    this.latencySum += latencyMs * records;
    this.latencyMax = Math.max(this.latencyMax, latencyMs);
    const w = this.window;
    w.records += records;
    w.bytes += bytes;
    w.latencySum += latencyMs * records;
    w.latencyMax = Math.max(w.latencyMax, latencyMs);
    const now = performance.now();
    if (now - w.start >= REPORT_MS) {
      const seconds = (now - w.start) / 1000;
      process.stdout.write(`${w.records} records sent, ${(w.records / seconds).toFixed(1)} records/sec (${(w.bytes / MIB / seconds).toFixed(2)} MB/sec), `
        + `${(w.latencySum / w.records).toFixed(1)} ms avg latency, ${w.latencyMax.toFixed(1)} ms max latency.\n`);
      this.window = { start: now, records: 0, bytes: 0, latencySum: 0, latencyMax: 0 };
    }
  }

  final(): string {
    const seconds = (performance.now() - this.start) / 1000;
    const sorted = [...this.samples].sort((a, b) => a.ms - b.ms);
    const percentile = (q: number): number => {
      let seen = 0;
      for (const s of sorted) {
        seen += s.records;
        if (seen >= q * this.records) return Math.floor(s.ms);
      }
      return Math.floor(sorted.at(-1)?.ms ?? 0);
    };
    return `${this.records} records sent, ${(this.records / seconds).toFixed(6)} records/sec (${(this.bytes / MIB / seconds).toFixed(2)} MB/sec), `
      + `${(this.latencySum / Math.max(this.records, 1)).toFixed(2)} ms avg latency, ${this.latencyMax.toFixed(2)} ms max latency, `
      + `${percentile(0.5)} ms 50th, ${percentile(0.95)} ms 95th, ${percentile(0.99)} ms 99th, ${percentile(0.999)} ms 99.9th.\n`;
  }
}

class PerfRun {
  private readonly stats = new Stats();
  private readonly value: Buffer;
  private readonly perBatch: number;
  /** Batches in one request: as many as fit in max.request.size. */
  private readonly perRequest: number;
  private readonly started = performance.now();
  /** Requests in flight per broker, and who waits for a slot. */
  private readonly busy = new Map<number, number>();
  private readonly waiting = new Map<number, (() => void)[]>();
  private readonly encoded = new Map<number, Buffer>();
  private partition = 0;
  private failure: string | undefined;

  constructor(private readonly client: KafkaClient, private readonly s: Settings, private leaderOf: number[]) {
    this.value = randomBytes(s.recordSize);
    this.perBatch = Math.max(1, Math.floor((s.batchBytes - BATCH_HEADER_BYTES) / (s.recordSize + RECORD_OVERHEAD_BYTES)));
    this.perRequest = Math.max(1, Math.floor(s.maxRequestBytes / s.batchBytes));
  }

  async go(): Promise<number> {
    const sends: Promise<void>[] = [];
    const partitions = this.leaderOf.length;
    for (let queued = 0; queued < this.s.records && this.failure === undefined;) {
      // Throttled: a request waits until the records before it are due (Kafka's ThroughputThrottler).
      const dueMs = this.started + (queued / this.s.throughput) * 1000;
      if (dueMs > performance.now()) await new Promise((resolve) => setTimeout(resolve, dueMs - performance.now()));
      // The next partition's leader gets a request with a batch for each partition it leads from
      // there on, up to max.request.size, as Kafka's producer drains the ready batches of a node.
      const leader = this.leaderOf[this.partition]!;
      const parts: Part[] = [];
      for (let i = 0; i < partitions && parts.length < this.perRequest && queued < this.s.records; i++) {
        const partition = (this.partition + i) % partitions;
        if (this.leaderOf[partition] !== leader) continue;
        const count = Math.min(this.perBatch, this.s.records - queued);
        parts.push({ partition, count });
        queued += count;
      }
      this.partition = (parts.at(-1)!.partition + 1) % partitions;
      await this.slot(leader);
      sends.push(this.send(leader, parts, performance.now()));
    }
    await Promise.all(sends);
    // Every batch ends acknowledged or failed: anything else is a bug here, not a figure.
    if (this.failure === undefined && this.stats.records !== this.s.records) this.failure = `${this.s.records - this.stats.records} records neither acknowledged nor failed`;
    if (this.failure !== undefined) {
      process.stderr.write(`kraftling producer-perf-test: ${this.failure}\n`);
      return 1;
    }
    process.stdout.write(this.stats.final());
    return 0;
  }

  /** One Produce request of the parts' batches to `leader` (whose slot the caller took); the parts
   * that fail retriably go again, to their leaders then, after a pause and a metadata refresh. */
  private async send(leader: number, parts: Part[], createdMs: number): Promise<void> {
    let codes: number[];
    try {
      const { res } = await this.client.request(ProduceApi, {
        transactionalId: null, acks: this.s.acks, timeoutMs: 30_000,
        topicData: [{ name: this.s.topic, partitionData: parts.map((p) => ({ index: p.partition, records: this.batch(p.count) })) }],
      }, this.client.broker(leader), 9);
      const answered = new Map((res.responses[0]?.partitionResponses ?? []).map((r) => [r.index, r.errorCode]));
      codes = parts.map((p) => answered.get(p.partition) ?? ErrorCode.UNKNOWN_SERVER_ERROR);
    } catch {
      // The connection broke (a broker went away): as NETWORK_EXCEPTION, retriable.
      codes = parts.map(() => ErrorCode.NETWORK_EXCEPTION);
    } finally {
      this.release(leader);
    }
    const again: Part[] = [];
    parts.forEach((p, i) => {
      const code = codes[i]!;
      if (code === ErrorCode.NONE) this.stats.record(p.count, p.count * this.s.recordSize, performance.now() - createdMs);
      else if (isRetriable(code) && performance.now() - createdMs < this.s.deliveryTimeoutMs && this.failure === undefined) again.push(p);
      else this.failure ??= `producing to ${this.s.topic}-${p.partition}: ${errorName(code)}`;
    });
    if (again.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, RETRY_BACKOFF_MS));
    this.leaderOf = await leaders(this.client, this.s.topic).catch(() => this.leaderOf);
    // Grouped by leader before any wait: another retry may refresh the leaders meanwhile, and a
    // part matched against those afterwards would belong to no group and never be sent.
    const leaderOf = this.leaderOf;
    await Promise.all([...groupBy(again, (p) => leaderOf[p.partition]!)].map(async ([to, group]) => {
      await this.slot(to);
      await this.send(to, group, createdMs);
    }));
  }

  /** A batch of `count` records, encoded once and sent as often as needed (Kafka's tool sends one
   * payload over and over too): encoding each batch afresh made this tool slower than the broker.
   * Its records carry the time the run started. */
  private batch(count: number): Buffer {
    let batch = this.encoded.get(count);
    if (batch === undefined) {
      const timestamp = Date.now();
      batch = encodeRecordBatch({ compression: this.s.compression, records: Array.from({ length: count }, () => ({ key: null, value: this.value, timestamp })) });
      this.encoded.set(count, batch);
    }
    return batch;
  }

  /** Waits until the broker has fewer than max.in.flight requests in flight, and takes one. */
  private async slot(broker: number): Promise<void> {
    while ((this.busy.get(broker) ?? 0) >= this.s.inFlight) {
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(broker) ?? [];
        queue.push(resolve);
        this.waiting.set(broker, queue);
      });
    }
    this.busy.set(broker, (this.busy.get(broker) ?? 0) + 1);
  }

  private release(broker: number): void {
    this.busy.set(broker, (this.busy.get(broker) ?? 1) - 1);
    this.waiting.get(broker)?.shift()?.();
  }
}

/** Each partition's leader, by partition index; retried while some partition has none. */
async function leaders(client: KafkaClient, topic: string): Promise<number[]> {
  for (let attempt = 0; ; attempt++) {
    const partitions = await client.partitions(topic);
    if (partitions.every((p) => p.leader >= 0) || attempt >= 50) return partitions.map((p) => p.leader);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function settings(values: Record<string, unknown>): Settings {
  const topic = values.topic;
  if (typeof topic !== 'string') throw new UsageError('--topic NAME is required');
  const int = (flag: string, min: number): number => required(intFlag(values, flag, min), flag);
  const props = new Map((values['producer-props'] as string[] | undefined ?? []).flatMap((kv) => kv.split(/\s+/)).filter((kv) => kv !== '').map((kv) => {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`--producer-props takes KEY=VALUE, got "${kv}"`);
    return [kv.slice(0, eq), kv.slice(eq + 1)] as const;
  }));
  const acksText = props.get('acks') ?? 'all';
  const acks = acksText === 'all' ? -1 : Number(acksText);
  if (acks !== -1 && acks !== 1) throw new UsageError(`acks takes all, -1 or 1, got "${acksText}"`);
  const compression = CODECS[props.get('compression.type') ?? 'none'];
  if (compression === undefined) throw new UsageError(`compression.type takes one of ${Object.keys(CODECS).join(', ')}`);
  const throughput = int('throughput', -1);
  const positive = (key: string, fallback: number): number => {
    const v = Number(props.get(key) ?? fallback);
    if (!Number.isInteger(v) || v < 1) throw new UsageError(`${key} takes a positive integer`);
    return v;
  };
  return {
    topic, records: int('num-records', 1), recordSize: int('record-size', 1), throughput: throughput <= 0 ? Infinity : throughput,
    acks, compression, batchBytes: positive('batch.size', 16_384), inFlight: positive('max.in.flight.requests.per.connection', 5),
    deliveryTimeoutMs: positive('delivery.timeout.ms', 120_000), maxRequestBytes: positive('max.request.size', 1_048_576),
  };
}
