// `kraftling get-offsets` (kafka-get-offsets): an offset of each matching partition, asked of its
// leader with ListOffsets, printed as `topic:partition:offset` in Kafka's order (by
// "topic-partition" as text). --time takes latest (-1, the default), earliest (-2), max-timestamp
// (-3) or a timestamp in ms; a partition without such an offset is left out, as Kafka's tool does.
import { ListOffsetsApi } from '../../protocol/generated/api/02-list-offsets.js';
import { errorName } from '../../protocol/errors.js';
import { UsageError } from '../usage.js';
import { groupBy, withClient } from './kafka-client.js';
import { byTopicPartition } from './table.js';

const NAMED_TIMES: Record<string, number> = { latest: -1, earliest: -2, 'max-timestamp': -3, 'earliest-local': -4, 'latest-tiered': -5 };
const UNKNOWN_OFFSET = -1;

export async function runGetOffsets(values: Record<string, unknown>): Promise<number> {
  const time = parseTime(typeof values.time === 'string' ? values.time : 'latest');
  const topicPattern = topicRegex(values.topic);
  const partitions = partitionSet(values.partitions);
  const excludeInternal = values['exclude-internal-topics'] === true;
  return withClient('get-offsets', values, async (client) => {
    const md = await client.metadata();
    const wanted = md.topics
      .filter((t) => t.errorCode === 0 && t.name !== null && topicPattern.test(t.name) && !(excludeInternal && t.isInternal))
      .flatMap((t) => t.partitions.filter((p) => partitions === undefined || partitions.has(p.partitionIndex))
        .map((p) => ({ topic: t.name!, partition: p.partitionIndex, leader: p.leaderId })));
    if (wanted.length === 0) {
      process.stderr.write('kraftling get-offsets: Could not match any topic-partitions with the specified filters\n');
      return 1;
    }
    // One request per leader, as Kafka's admin client sends them.
    const lines: [[string, number], string][] = [];
    for (const [leader, list] of groupBy(wanted, (w) => w.leader)) {
      const topics = [...groupBy(list, (w) => w.topic)].map(([name, ofTopic]) => ({
        name, partitions: ofTopic.map((w) => ({ partitionIndex: w.partition, currentLeaderEpoch: -1, timestamp: time, maxNumOffsets: 1 })),
      }));
      const { res } = await client.request(ListOffsetsApi, { replicaId: -1, isolationLevel: 0, timeoutMs: 30_000, topics }, client.broker(leader));
      for (const t of res.topics) {
        for (const p of t.partitions) {
          const name = `${t.name}-${p.partitionIndex}`;
          if (p.errorCode !== 0) process.stderr.write(`Skip getting offsets for topic-partition ${name} due to error: ${errorName(p.errorCode)}\n`);
          else if (p.offset !== UNKNOWN_OFFSET) lines.push([[t.name, p.partitionIndex], `${t.name}:${p.partitionIndex}:${p.offset}`]);
        }
      }
    }
    lines.sort(([a], [b]) => byTopicPartition(a, b));
    for (const [, line] of lines) process.stdout.write(`${line}\n`);
    return 0;
  });
}

function parseTime(value: string): number {
  const named = NAMED_TIMES[value];
  if (named !== undefined) return named;
  if (!/^-?\d+$/.test(value)) {
    throw new UsageError(`Malformed time argument ${value}. Please use -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered, or a specified long format timestamp`);
  }
  return Number(value);
}

/** --topic is a regular expression matched against whole names (Kafka's IncludeList); all when absent. */
function topicRegex(value: unknown): RegExp {
  const source = typeof value === 'string' ? value : '.*';
  try {
    return new RegExp(`^(?:${source})$`);
  } catch {
    throw new UsageError(`--topic takes a regular expression, got "${source}"`);
  }
}

function partitionSet(value: unknown): Set<number> | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const ids = value.split(',').map((s) => s.trim());
  if (!ids.every((s) => /^\d+$/.test(s))) throw new UsageError(`--partitions expects a comma separated list of numeric partition ids, but received: ${value}`);
  return new Set(ids.map(Number));
}
