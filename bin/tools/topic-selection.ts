// Which topics a kafka-topics command acts on, as TopicCommand picks them: --topic is a regular
// expression (its IncludeList: commas are alternatives, spaces and surrounding quotes are dropped)
// that must match the whole name, except for --create; --exclude-internal leaves out the internal
// topics; a --topic that matches nothing is an error unless --if-exists. And --replica-assignment,
// which names each partition's replicas.
import type { MetadataResponse, MetadataResponseTopic } from '../../protocol/generated/api/03-metadata.js';
import { UsageError } from '../usage.js';
import type { KafkaClient } from './kafka-client.js';

/** --topic as the pattern TopicCommand's IncludeList makes of it. */
export function topicPattern(raw: string): RegExp {
  const regex = raw.trim().replace(/,/g, '|').replace(/ /g, '').replace(/^["']+/, '').replace(/["']+$/, '');
  try {
    return new RegExp(`^(?:${regex})$`);
  } catch {
    throw new UsageError(`${regex} is an invalid regex.`);
  }
}

export interface Selection {
  /** The topics the command acts on, by name, with their partitions. */
  topics: MetadataResponseTopic[];
  /** The Metadata answer they come from (its brokers are the live ones). */
  md: MetadataResponse;
}

/** The topics the command acts on, sorted by name: those --topic matches (all without it), less
 * the internal ones with --exclude-internal. One Metadata request of all topics serves it all. */
export async function selectTopics(client: KafkaClient, raw: string | undefined, excludeInternal: boolean): Promise<Selection> {
  const pattern = raw === undefined ? undefined : topicPattern(raw);
  const md = await client.metadata();
  const topics = md.topics
    .filter((t) => !(excludeInternal && t.isInternal) && (pattern === undefined || pattern.test(t.name ?? '')))
    .sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0));
  return { topics, md };
}

/** TopicCommand's ensureTopicExists: a --topic that matched nothing fails, unless --if-exists. */
export function ensureFound(found: readonly string[], raw: string | undefined, required: boolean): void {
  if (raw !== undefined && found.length === 0 && required) throw new Error(`Topic '${raw}' does not exist as expected`);
}

/**
 * --replica-assignment "1:2,2:3": each partition's replicas, partition 0 first (TopicCommand's
 * parseReplicaAssignment): no broker twice in one partition, every partition as many replicas.
 */
export function parseReplicaAssignment(text: string): number[][] {
  return text.split(',').map((part, i, all) => {
    const brokers = part.split(':').map((b) => b.trim());
    if (brokers.some((b) => !/^\d+$/.test(b))) throw new UsageError(`--replica-assignment takes broker ids as 1:2,2:3, got "${text}"`);
    const ids = brokers.map(Number);
    const twice = ids.filter((id, j) => ids.indexOf(id) !== j);
    if (twice.length > 0) throw new UsageError(`Partition replica lists may not contain duplicate entries: ${[...new Set(twice)].join(',')}`);
    if (ids.length !== all[0]!.split(':').length) throw new UsageError(`Partition ${i} has different replication factor: [${ids.join(', ')}]`);
    return ids;
  });
}
