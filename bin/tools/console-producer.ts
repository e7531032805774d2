// `kraftling console-producer`: kafka-console-producer. Lines from stdin become records; with
// --property parse.key=true the text before key.separator (a tab by default) is the key, and with
// parse.headers=true a leading "k1:v1,k2:v2" block (ending at headers.delimiter) the headers. Keyed
// records go to murmur2(key) % partitions, as Kafka's default partitioner puts them; unkeyed ones
// round-robin. Each batch waits for the leader's answer (acks from --request-required-acks).
import readline from 'node:readline';
import { ProduceApi } from '../../protocol/generated/api/00-produce.js';
import { CompressionType } from '../../protocol/compression/index.js';
import { encodeRecordBatch } from '../../protocol/records/record-batch.js';
import type { RecordInput } from '../../protocol/records/record.js';
import { UsageError } from '../usage.js';
import { KafkaError, withClient, type KafkaClient } from './kafka-client.js';
import { keyValues } from './topics.js';

const CODECS: Record<string, number> = { none: CompressionType.NONE, gzip: CompressionType.GZIP, snappy: CompressionType.SNAPPY, lz4: CompressionType.LZ4, zstd: CompressionType.ZSTD };
const BATCH_RECORDS = 500;

/** Kafka's Utils.murmur2, the default partitioner's hash of a key. */
export function murmur2(data: Buffer): number {
  const m = 0x5bd1e995;
  let h = 0x9747b28c ^ data.length;
  const whole = data.length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data.readInt32LE(i);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
  }
  const tail = data.length & 3;
  if (tail >= 3) h ^= data[whole + 2]! << 16;
  if (tail >= 2) h ^= data[whole + 1]! << 8;
  if (tail >= 1) {
    h ^= data[whole]!;
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h;
}

export interface LineFormat {
  parseKey: boolean;
  keySeparator: string;
  parseHeaders: boolean;
  headersDelimiter: string;
  headersSeparator: string;
  headersKeySeparator: string;
}

export function lineFormat(values: Record<string, unknown>): LineFormat {
  const props = new Map(keyValues(values.property, 'property').map((p) => [p.name, p.value]));
  const known = ['parse.key', 'key.separator', 'parse.headers', 'headers.delimiter', 'headers.separator', 'headers.key.separator'];
  for (const k of props.keys()) if (!known.includes(k)) throw new UsageError(`--property ${k} is not one of ${known.join(', ')}`);
  return {
    parseKey: props.get('parse.key') === 'true', keySeparator: props.get('key.separator') ?? '\t',
    parseHeaders: props.get('parse.headers') === 'true', headersDelimiter: props.get('headers.delimiter') ?? '\t',
    headersSeparator: props.get('headers.separator') ?? ',', headersKeySeparator: props.get('headers.key.separator') ?? ':',
  };
}

/** One line as a record, as Kafka's LineMessageReader reads it: headers, then key, then value. */
export function parseLine(line: string, f: LineFormat, nowMs: number): RecordInput {
  let rest = line;
  const headers: { key: string; value: Buffer | null }[] = [];
  if (f.parseHeaders) {
    const end = rest.indexOf(f.headersDelimiter);
    if (end < 0) throw new UsageError(`no headers delimiter in line "${line}"`);
    for (const h of rest.slice(0, end).split(f.headersSeparator).filter((s) => s !== '')) {
      const at = h.indexOf(f.headersKeySeparator);
      headers.push(at < 0 ? { key: h, value: null } : { key: h.slice(0, at), value: Buffer.from(h.slice(at + f.headersKeySeparator.length)) });
    }
    rest = rest.slice(end + f.headersDelimiter.length);
  }
  let key: Buffer | null = null;
  if (f.parseKey) {
    const at = rest.indexOf(f.keySeparator);
    if (at < 0) throw new UsageError(`no key separator in line "${line}"`);
    key = Buffer.from(rest.slice(0, at));
    rest = rest.slice(at + f.keySeparator.length);
  }
  return { key, value: Buffer.from(rest), headers, timestamp: nowMs };
}

export async function runConsoleProducer(values: Record<string, unknown>): Promise<number> {
  const topic = values.topic as string | undefined;
  if (!topic) throw new UsageError('--topic NAME is required');
  const codecName = (values['compression-codec'] as string | undefined) ?? 'none';
  const compression = CODECS[codecName];
  if (compression === undefined) throw new UsageError(`--compression-codec takes one of ${Object.keys(CODECS).join(', ')}, got "${codecName}"`);
  const acksText = (values['request-required-acks'] as string | undefined) ?? '-1';
  const acks = acksText === 'all' ? -1 : Number(acksText);
  if (![-1, 1].includes(acks)) throw new UsageError(`--request-required-acks takes -1 (all) or 1, got "${acksText}"`);
  const format = lineFormat(values);
  return withClient('console-producer', values, async (client) => {
    const partitions = await client.partitions(topic);
    let next = 0;
    let pending: RecordInput[][] = partitions.map(() => []);
    const flush = async (): Promise<void> => {
      const work = pending;
      pending = partitions.map(() => []);
      for (const [i, records] of work.entries()) if (records.length > 0) await send(client, topic, i, records, compression, acks);
    };
    const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
    let count = 0;
    for await (const line of lines) {
      const record = parseLine(line, format, Date.now());
      const p = record.key ? (murmur2(record.key) & 0x7fffffff) % partitions.length : next++ % partitions.length;
      pending[p]!.push(record);
      if (++count % BATCH_RECORDS === 0) await flush();
    }
    await flush();
    return 0;
  });
}

async function send(client: KafkaClient, topic: string, partition: number, records: RecordInput[], compression: number, acks: number): Promise<void> {
  // The leader may have moved since the last metadata: look it up for each batch.
  const leader = (await client.partitions(topic)).find((p) => p.partition === partition)!;
  const batch = encodeRecordBatch({ compression, records });
  const { res } = await client.request(ProduceApi, {
    transactionalId: null, acks, timeoutMs: 30_000, topicData: [{ name: topic, partitionData: [{ index: partition, records: batch }] }],
  }, client.broker(leader.leader), 9);
  if (acks === 0) return;
  const r = res.responses[0]?.partitionResponses[0];
  if (!r || r.errorCode !== 0) throw new KafkaError(r?.errorCode ?? -1, `producing to ${topic}-${partition}`, r?.errorMessage);
}
