// `kraftling delete-records --offset-json-file F` (kafka-delete-records): moves each named
// partition's log start offset up to the given offset with DeleteRecords, asked of its leader, and
// prints each partition's new low watermark or error as Kafka's tool does. The file is Kafka's:
// {"partitions": [{"topic": "orders", "partition": 0, "offset": 42}], "version": 1}; offset -1
// means the high watermark.
import fs from 'node:fs';
import { DeleteRecordsApi } from '../../protocol/generated/api/21-delete-records.js';
import { errorName } from '../../protocol/errors.js';
import { UsageError } from '../usage.js';
import { groupBy, withClient } from './kafka-client.js';

interface Target {
  topic: string;
  partition: number;
  offset: number;
}

export async function runDeleteRecords(values: Record<string, unknown>): Promise<number> {
  const file = values['offset-json-file'];
  if (typeof file !== 'string') throw new UsageError('delete-records needs --offset-json-file FILE');
  const targets = parseOffsets(readFile(file));
  return withClient('delete-records', values, async (client) => {
    const md = await client.metadata([...new Set(targets.map((t) => t.topic))]);
    const leaders = new Map(md.topics.flatMap((t) => t.partitions.map((p) => [`${t.name}-${p.partitionIndex}`, p.leaderId] as const)));
    process.stdout.write('Executing records delete operation\n');
    const results: string[] = [];
    // -1: the partition has no leader now; undefined: no such partition.
    const leaderOf = (t: Target): number | undefined => leaders.get(`${t.topic}-${t.partition}`);
    for (const t of targets) {
      const leader = leaderOf(t);
      if (leader === undefined || leader < 0) results.push(`partition: ${t.topic}-${t.partition}\terror: ${leader === undefined ? 'UNKNOWN_TOPIC_OR_PARTITION' : 'LEADER_NOT_AVAILABLE'}`);
    }
    for (const [leader, list] of groupBy(targets.filter((t) => (leaderOf(t) ?? -1) >= 0), (t) => leaderOf(t)!)) {
      const topics = [...groupBy(list, (t) => t.topic)].map(([name, ofTopic]) => ({
        name, partitions: ofTopic.map((t) => ({ partitionIndex: t.partition, offset: t.offset })),
      }));
      const { res } = await client.request(DeleteRecordsApi, { topics, timeoutMs: 30_000 }, client.broker(leader));
      for (const t of res.topics) {
        for (const p of t.partitions) {
          results.push(`partition: ${t.name}-${p.partitionIndex}\t${p.errorCode === 0 ? `low_watermark: ${p.lowWatermark}` : `error: ${errorName(p.errorCode)}`}`);
        }
      }
    }
    process.stdout.write('Records delete operation completed:\n');
    for (const line of results) process.stdout.write(`${line}\n`);
    return results.some((line) => line.includes('\terror: ')) ? 1 : 0;
  });
}

function readFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read --offset-json-file ${file}: ${(err as Error).message}`);
  }
}

/** Kafka's offset JSON, version 1 (the only one); a partition named twice is refused, as Kafka does. */
export function parseOffsets(text: string): Target[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError('The input string is not a valid JSON');
  }
  const doc = json as { version?: unknown; partitions?: unknown };
  if (doc.version !== undefined && doc.version !== 1) throw new UsageError(`Not supported version field value ${String(doc.version)}`);
  if (!Array.isArray(doc.partitions)) throw new UsageError('Missing partitions field');
  const targets = doc.partitions.map((p: { topic?: unknown; partition?: unknown; offset?: unknown }) => {
    if (typeof p.topic !== 'string' || !Number.isInteger(p.partition) || !Number.isInteger(p.offset)) {
      throw new UsageError(`each partition needs "topic" (a string), "partition" and "offset" (integers), got ${JSON.stringify(p)}`);
    }
    return { topic: p.topic, partition: p.partition as number, offset: p.offset as number };
  });
  const names = targets.map((t) => `${t.topic}-${t.partition}`);
  const twice = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (twice.length > 0) throw new UsageError(`Offset json file contains duplicate topic partitions: ${twice.join(',')}`);
  return targets;
}
