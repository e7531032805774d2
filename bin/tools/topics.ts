// `kraftling topics`: kafka-topics' --create, --list, --describe, --alter (more partitions) and
// --delete, over CreateTopics, Metadata, CreatePartitions and DeleteTopics. --describe prints
// TopicCommand's lines: each topic with its configs that are not defaults (DescribeConfigs), each
// partition with the replicas a reassignment adds and removes (ListPartitionReassignments). It
// takes kafka-topics' partition filters (--under-replicated-partitions, --unavailable-partitions,
// --under-min-isr-partitions, --at-min-isr-partitions), which print only the partitions that match,
// without the topic lines; --topics-with-overrides prints only the topic lines of topics with such
// configs. --topic is a regular expression except for --create, and --exclude-internal leaves out
// the internal topics (topic-selection.ts); --replica-assignment places a created topic's
// partitions, or an altered one's new partitions.
import { CreatePartitionsApi } from '../../protocol/generated/api/37-create-partitions.js';
import { CreateTopicsApi } from '../../protocol/generated/api/19-create-topics.js';
import { DeleteTopicsApi } from '../../protocol/generated/api/20-delete-topics.js';
import { DescribeConfigsApi } from '../../protocol/generated/api/32-describe-configs.js';
import type { MetadataResponseTopic } from '../../protocol/generated/api/03-metadata.js';
import { ListPartitionReassignmentsApi } from '../../protocol/generated/api/46-list-partition-reassignments.js';
import { ErrorCode } from '../../protocol/errors.js';
import { intFlag, UsageError } from '../usage.js';
import { KafkaError, withClient, type KafkaClient } from './kafka-client.js';
import { ensureFound, parseReplicaAssignment, selectTopics, type Selection } from './topic-selection.js';

const ACTIONS = ['create', 'list', 'describe', 'alter', 'delete'] as const;
const TIMEOUT_MS = 30_000;
const INT32_MAX = 2 ** 31 - 1;
const DEFAULT_CONFIG = 5;

export function keyValues(list: unknown, flag: string): { name: string; value: string }[] {
  return ((list as string[] | undefined) ?? []).map((item) => {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${flag} takes key=value, got "${item}"`);
    return { name: item.slice(0, eq).trim(), value: item.slice(eq + 1) };
  });
}

function topicFlag(values: Record<string, unknown>, action: string): string {
  const topic = values.topic as string | undefined;
  if (!topic) throw new UsageError(`--${action} needs --topic NAME`);
  return topic;
}

export async function runTopics(values: Record<string, unknown>): Promise<number> {
  const chosen = ACTIONS.filter((a) => values[a] === true);
  if (chosen.length !== 1) throw new UsageError(`exactly one of ${ACTIONS.map((a) => `--${a}`).join(', ')} is needed`);
  const action = chosen[0]!;
  const topic = action === 'list' || action === 'describe' ? (values.topic as string | undefined) : topicFlag(values, action);
  const partitions = intFlag(values, 'partitions', 1, INT32_MAX);
  const replicationFactor = intFlag(values, 'replication-factor', 1, INT32_MAX);
  const configs = keyValues(values.config, 'config');
  const assignment = typeof values['replica-assignment'] === 'string' ? parseReplicaAssignment(values['replica-assignment']) : undefined;
  if (assignment !== undefined && action === 'create' && (partitions !== undefined || replicationFactor !== undefined)) {
    throw new UsageError('--replica-assignment names the partitions and their replicas: not with --partitions or --replication-factor');
  }
  return withClient('topics', values, async (client) => {
    if (action === 'create') return create(client, topic!, partitions, replicationFactor, assignment, configs, values['if-not-exists'] === true);
    const selected = await selectTopics(client, topic, values['exclude-internal'] === true);
    const names = selected.topics.map((t) => t.name ?? '');
    if (action === 'list') return list(names);
    ensureFound(names, topic, values['if-exists'] !== true);
    switch (action) {
      case 'describe': return describe(client, selected, describeFilters(values), values['topics-with-overrides'] === true);
      case 'alter': return alter(client, selected.topics, partitions, assignment);
      case 'delete': return remove(client, names);
    }
  });
}

async function create(client: KafkaClient, topic: string, partitions: number | undefined, rf: number | undefined,
  assignment: number[][] | undefined, configs: { name: string; value: string }[], ifNotExists: boolean): Promise<number> {
  const { res } = await client.request(CreateTopicsApi, {
    topics: [{
      name: topic, numPartitions: partitions ?? -1, replicationFactor: rf ?? -1, configs,
      assignments: (assignment ?? []).map((brokerIds, partitionIndex) => ({ partitionIndex, brokerIds })),
    }],
    timeoutMs: TIMEOUT_MS, validateOnly: false,
  });
  const r = res.topics[0]!;
  if (r.errorCode === ErrorCode.TOPIC_ALREADY_EXISTS && ifNotExists) return 0;
  if (r.errorCode !== 0) throw new KafkaError(r.errorCode, `topic ${topic}`, r.errorMessage);
  process.stdout.write(`Created topic ${topic}.\n`);
  return 0;
}

function list(names: string[]): number {
  process.stdout.write(names.map((n) => `${n}\n`).join(''));
  return 0;
}

const FILTERS = ['under-replicated-partitions', 'unavailable-partitions', 'under-min-isr-partitions', 'at-min-isr-partitions'] as const;
type Filter = (typeof FILTERS)[number];

function describeFilters(values: Record<string, unknown>): Filter[] {
  return FILTERS.filter((f) => values[f] === true);
}

type Partition = MetadataResponseTopic['partitions'][number];

/** TopicCommand's PartitionDescription checks: a partition is printed when any asked for holds. */
function matches(filters: readonly Filter[], p: Partition, live: ReadonlySet<number>, minIsr: number | undefined): boolean {
  const hasLeader = p.leaderId >= 0;
  return filters.some((f) => {
    switch (f) {
      case 'under-replicated-partitions': return p.isrNodes.length < p.replicaNodes.length;
      case 'unavailable-partitions': return !hasLeader || !live.has(p.leaderId);
      case 'under-min-isr-partitions': return !hasLeader || (minIsr !== undefined && p.isrNodes.length < minIsr);
      case 'at-min-isr-partitions': return minIsr !== undefined && p.isrNodes.length === minIsr;
    }
  });
}

async function describe(client: KafkaClient, { topics, md }: Selection, filters: readonly Filter[], withOverrides: boolean): Promise<number> {
  if (topics.length === 0) return 0;
  for (const t of topics) if (t.errorCode !== 0) throw new KafkaError(t.errorCode, `topic ${t.name}`);
  const live = new Set(md.brokers.map((b) => b.nodeId));
  const configs = await topicConfigs(client, topics.map((t) => t.name!));
  const moving = await reassignments(client);
  for (const t of topics) {
    const parts = [...t.partitions].sort((a, b) => a.partitionIndex - b.partitionIndex);
    const own = configs.get(t.name!)!;
    // Kafka's admin client: a config is a default when its source is DEFAULT_CONFIG (5).
    const overrides = own.filter((c) => c.configSource !== DEFAULT_CONFIG).map((c) => `${c.name}=${c.value ?? ''}`).join(',');
    if (filters.length === 0 && (!withOverrides || overrides !== '')) {
      process.stdout.write(`Topic: ${t.name}\tTopicId: ${t.topicId}\tPartitionCount: ${parts.length}\tReplicationFactor: ${parts[0]?.replicaNodes.length ?? 0}\tConfigs: ${overrides}\n`);
    }
    if (withOverrides) continue;
    const minIsrValue = own.find((c) => c.name === 'min.insync.replicas')?.value;
    const minIsr = minIsrValue != null ? Number(minIsrValue) : undefined;
    for (const p of parts) {
      if (filters.length > 0 && !matches(filters, p, live, minIsr)) continue;
      const move = moving.get(`${t.name}:${p.partitionIndex}`);
      process.stdout.write(`\tTopic: ${t.name}\tPartition: ${p.partitionIndex}\tLeader: ${p.leaderId < 0 ? 'none' : p.leaderId}\tReplicas: ${p.replicaNodes.join(',')}\tIsr: ${p.isrNodes.join(',')}`
        + `${move ? `\tAdding Replicas: ${move.adding.join(',')}\tRemoving Replicas: ${move.removing.join(',')}` : ''}\n`);
    }
  }
  return 0;
}

/** Each topic's configs as DescribeConfigs reports them (min.insync.replicas among them). */
async function topicConfigs(client: KafkaClient, topics: string[]) {
  const out = new Map<string, { name: string; value: string | null; configSource: number }[]>();
  if (topics.length === 0) return out;
  const { res } = await client.request(DescribeConfigsApi, {
    resources: topics.map((name) => ({ resourceType: 2, resourceName: name, configurationKeys: null })),
    includeSynonyms: false, includeDocumentation: false,
  });
  for (const r of res.results) {
    if (r.errorCode !== 0) throw new KafkaError(r.errorCode, `topic ${r.resourceName}`, r.errorMessage);
    // Sorted by name, so the Configs column reads the same from one run to the next.
    out.set(r.resourceName, [...r.configs].sort((a, b) => a.name.localeCompare(b.name)));
  }
  return out;
}

/** The reassignments in progress, by "topic:partition". */
async function reassignments(client: KafkaClient): Promise<Map<string, { adding: number[]; removing: number[] }>> {
  const { res } = await client.request(ListPartitionReassignmentsApi, { timeoutMs: TIMEOUT_MS, topics: null });
  // Without DESCRIBE on the cluster, TopicCommand describes without the moves, as here.
  if (res.errorCode === ErrorCode.CLUSTER_AUTHORIZATION_FAILED) return new Map();
  if (res.errorCode !== 0) throw new KafkaError(res.errorCode, 'ListPartitionReassignments', res.errorMessage);
  return new Map(res.topics.flatMap((t) => t.partitions.map((p): [string, { adding: number[]; removing: number[] }] =>
    [`${t.name}:${p.partitionIndex}`, { adding: p.addingReplicas, removing: p.removingReplicas }])));
}

/** CreatePartitions for each topic; --replica-assignment lists every partition, of which those the
 * topic has already are skipped (TopicCommand's topicNewPartitions). */
async function alter(client: KafkaClient, topics: MetadataResponseTopic[], partitions: number | undefined, assignment: number[][] | undefined): Promise<number> {
  if (partitions === undefined) throw new UsageError('--alter needs --partitions N (the new, larger count)');
  for (const t of topics) {
    const topic = t.name ?? '';
    const existing = t.partitions.length;
    const { res } = await client.request(CreatePartitionsApi, {
      topics: [{ name: topic, count: partitions, assignments: assignment?.slice(existing).map((brokerIds) => ({ brokerIds })) ?? null }],
      timeoutMs: TIMEOUT_MS, validateOnly: false,
    });
    const r = res.results[0]!;
    if (r.errorCode !== 0) throw new KafkaError(r.errorCode, `topic ${topic}`, r.errorMessage);
    process.stdout.write(`Topic ${topic} now has ${partitions} partitions.\n`);
  }
  return 0;
}

async function remove(client: KafkaClient, names: string[]): Promise<number> {
  for (const topic of names) {
    const { res } = await client.request(DeleteTopicsApi, { topics: [{ name: topic, topicId: 'AAAAAAAAAAAAAAAAAAAAAA' }], topicNames: [topic], timeoutMs: TIMEOUT_MS });
    const r = res.responses[0]!;
    // Gone since it was listed (deleted meanwhile): nothing left to do.
    if (r.errorCode === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION) continue;
    if (r.errorCode !== 0) throw new KafkaError(r.errorCode, `topic ${topic}`, r.errorMessage);
    process.stdout.write(`Deleted topic ${topic}.\n`);
  }
  return 0;
}
