// `kraftling consumer-groups --delete-offsets`: OffsetDelete of a group's committed offsets for
// whole topics or some of their partitions, with kafka-consumer-groups' lines. The coordinator
// refuses partitions of topics a live consumer group subscribes to (GROUP_SUBSCRIBED_TO_TOPIC), and
// the whole request for a live group of another protocol type (NON_EMPTY_GROUP).
import { ErrorCode, errorName } from '../../protocol/errors.js';
import { OffsetDeleteApi } from '../../protocol/generated/api/47-offset-delete.js';
import { KafkaError, type KafkaClient } from './kafka-client.js';
import { coordinator } from './group-offsets.js';
import { byTopicPartition, table } from './table.js';

/** A --topic value: the topic, and the partitions named after a colon (all when none are). */
export interface TopicSpec {
  topic: string;
  partitions?: number[];
}

/** Kafka's printError texts for the top-level errors of deleteOffsets. */
const TOP_LEVEL: Record<number, (group: string) => string> = {
  [ErrorCode.INVALID_GROUP_ID]: (g) => `'${g}' is not valid.`,
  [ErrorCode.GROUP_ID_NOT_FOUND]: (g) => `'${g}' does not exist.`,
  [ErrorCode.GROUP_AUTHORIZATION_FAILED]: (g) => `Access to '${g}' is not authorized.`,
  [ErrorCode.NON_EMPTY_GROUP]: (g) => `Deleting offsets of a consumer group '${g}' is forbidden if the group is not empty.`,
};

export async function deleteOffsets(client: KafkaClient, group: string, specs: TopicSpec[], topicArgs: string[]): Promise<number> {
  const wanted: { name: string; partitions: number[] }[] = [];
  const rows: string[][] = [];
  for (const spec of specs) {
    if (spec.partitions !== undefined) {
      wanted.push({ name: spec.topic, partitions: spec.partitions });
      continue;
    }
    try {
      wanted.push({ name: spec.topic, partitions: (await client.partitions(spec.topic)).map((p) => p.partition) });
    } catch (err) {
      if (!(err instanceof KafkaError)) throw err;
      rows.push([spec.topic, 'Not Provided', `Error: :${errorName(err.errorCode)}`]);
    }
  }
  const { res } = await client.request(OffsetDeleteApi, {
    groupId: group, topics: wanted.map((t) => ({ name: t.name, partitions: t.partitions.map((partitionIndex) => ({ partitionIndex })) })),
  }, await coordinator(client, group));
  let partitionErrors = rows.length > 0;
  for (const t of res.topics) {
    for (const p of t.partitions) {
      if (p.errorCode !== ErrorCode.NONE) partitionErrors = true;
      rows.push([t.name, String(p.partitionIndex), p.errorCode === ErrorCode.NONE ? 'Successful' : `Error: :${errorName(p.errorCode)}`]);
    }
  }
  // A row whose partitions were not provided ('Not Provided') sorts after the topic's numbered ones.
  const key = (row: string[]): [string, number] => [row[0]!, /^\d+$/.test(row[1]!) ? Number(row[1]) : Infinity];
  rows.sort((a, b) => byTopicPartition(key(a), key(b)));
  const failed = res.errorCode !== ErrorCode.NONE || partitionErrors;
  const head = res.errorCode !== ErrorCode.NONE
    ? `\nError: ${TOP_LEVEL[res.errorCode]?.(group) ?? `Encounter some unknown error: ${errorName(res.errorCode)}`}\n`
    : partitionErrors ? '\nError: Encounter some partition level error, see the follow-up details:\n'
      : `Request succeed for deleting offsets with topic ${topicArgs.join(', ')} group ${group}\n`;
  process.stdout.write(`${head}\n${table([['TOPIC', 'PARTITION', 'STATUS'], ...rows])}`);
  return failed ? 1 : 0;
}
