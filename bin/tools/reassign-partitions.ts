// `kraftling reassign-partitions` (kafka-reassign-partitions): --generate a plan that spreads the
// given topics over a broker list (over their racks first when they name racks, as Kafka's tool
// does unless --disable-rack-aware), --execute a plan (AlterPartitionReassignments), --verify it,
// --list the ongoing reassignments, --cancel a plan's. Files and output are Kafka's:
// {"version":1,"partitions":[{"topic":"orders","partition":0,"replicas":[2,3],"log_dirs":["any","any"]}]}.
// --throttle sets Kafka's replication throttles for the moves (the moving partitions' sources and
// destinations in the topics' leader/follower.replication.throttled.replicas, the rate on every
// broker involved) and --verify removes them once the plan is done. Log directory moves are not
// offered (one log directory per node).
import fs from 'node:fs';
import { placeReplicas } from '../../src/controller/placement.js';
import { DescribeClusterApi } from '../../protocol/generated/api/60-describe-cluster.js';
import { IncrementalAlterConfigsApi, type AlterConfigsResource } from '../../protocol/generated/api/44-incremental-alter-configs.js';
import { AlterPartitionReassignmentsApi } from '../../protocol/generated/api/45-alter-partition-reassignments.js';
import { ListPartitionReassignmentsApi, type OngoingPartitionReassignment } from '../../protocol/generated/api/46-list-partition-reassignments.js';
import { errorName } from '../../protocol/errors.js';
import { intFlag, UsageError } from '../usage.js';
import { groupBy, KafkaError, withClient, type KafkaClient } from './kafka-client.js';

interface Placement {
  topic: string;
  partition: number;
  replicas: number[];
}

const ACTIONS = ['generate', 'execute', 'verify', 'list', 'cancel'] as const;
const EXISTING = 'Cannot execute because there is an existing partition assignment.  Use --additional to override this and '
  + 'create a new partition assignment in addition to the existing one. The --additional flag can also be used to change '
  + 'the throttle by resubmitting the current reassignment.';

export async function runReassignPartitions(values: Record<string, unknown>): Promise<number> {
  const actions = ACTIONS.filter((a) => values[a] === true);
  if (actions.length !== 1) throw new UsageError(`Command must include exactly one action: ${ACTIONS.map((a) => `--${a}`).join(', ')}`);
  const action = actions[0]!;
  const plan = action === 'execute' || action === 'verify' || action === 'cancel' ? parsePlan(readJson(values, 'reassignment-json-file')) : [];
  const topics = action === 'generate' ? parseTopics(readJson(values, 'topics-to-move-json-file')) : [];
  const brokers = action === 'generate' ? brokerList(values['broker-list']) : [];
  return withClient('reassign-partitions', values, async (client) => {
    switch (action) {
      case 'generate': return generate(client, topics, brokers, values['disable-rack-aware'] === true);
      case 'execute': return execute(client, plan, values.additional === true, intFlag(values, 'throttle', 0) ?? -1);
      case 'verify': return verify(client, plan, values['preserve-throttles'] === true);
      case 'list': return list(client);
      case 'cancel': return cancel(client, plan);
    }
  });
}

async function generate(client: KafkaClient, topics: string[], brokers: number[], rackUnaware: boolean): Promise<number> {
  const current = await currentPlacements(client, topics);
  const known = new Map((await client.metadata([])).brokers.map((b) => [b.nodeId, b.rack]));
  const unknown = brokers.find((b) => !known.has(b));
  if (unknown !== undefined) throw new Error(`Unknown broker id ${unknown}`);
  const racked = brokers.map((id) => ({ id, rack: rackUnaware ? null : known.get(id) ?? null })).sort((a, b) => a.id - b.id);
  if (racked.some((b) => b.rack === null) && racked.some((b) => b.rack !== null)) {
    throw new Error('Not all brokers have rack information. Add --disable-rack-aware in command line to make replica assignment without rack information.');
  }
  const proposed: Placement[] = [];
  for (const topic of topics) {
    const ofTopic = current.filter((p) => p.topic === topic);
    const factor = ofTopic[0]?.replicas.length ?? 0;
    if (factor > brokers.length) throw new Error(`Replication factor: ${factor} larger than available brokers: ${brokers.length}.`);
    const overRacks = racked[0]?.rack !== null ? placeReplicas(racked, ofTopic.length, factor, 0) : undefined;
    ofTopic.forEach((p, i) => proposed.push({ topic, partition: p.partition, replicas: overRacks?.[i] ?? spread(p.partition, factor, brokers) }));
  }
  process.stdout.write(`Current partition replica assignment\n${planJson(current)}\n\nProposed partition reassignment configuration\n${planJson(proposed)}\n`);
  return 0;
}

/** Kafka's rack-unaware spread: partition p leads on broker p mod n, its followers on the next ones. */
function spread(partition: number, factor: number, brokers: number[]): number[] {
  const n = brokers.length;
  return Array.from({ length: factor }, (_, i) => brokers[(partition + i) % n]!);
}

async function execute(client: KafkaClient, plan: Placement[], additional: boolean, throttle: number): Promise<number> {
  if (!additional && (await ongoing(client)).length > 0) throw new Error(EXISTING);
  const known = new Set((await client.metadata([])).brokers.map((b) => b.nodeId));
  const unknown = plan.flatMap((p) => p.replicas).find((b) => !known.has(b));
  if (unknown !== undefined) throw new Error(`Unknown broker id ${unknown}`);
  const current = (await currentPlacements(client, [...new Set(plan.map((p) => p.topic))])).filter((c) => plan.some((p) => same(p, c)));
  process.stdout.write(`Current partition replica assignment\n\n${planJson(current)}\n\nSave this to use as the --reassignment-json-file option during rollback\n`);
  if (throttle >= 0) {
    process.stdout.write('Warning: You must run --verify periodically, until the reassignment completes, to ensure the throttle is removed.\n');
    await setThrottles(client, plan, current, throttle);
    process.stdout.write(`The inter-broker throttle limit was set to ${throttle} B/s\n`);
  }
  const errors = await alter(client, plan.map((p) => ({ ...p, replicas: p.replicas as number[] | null })));
  if (errors.length > 0) {
    process.stderr.write(`kraftling reassign-partitions: Error reassigning partition(s):\n${errors.join('\n')}\n`);
    return 1;
  }
  const names = sorted(plan).map(name);
  process.stdout.write(`Successfully started partition reassignment${names.length === 1 ? '' : 's'} for ${names.join(',')}\n`);
  return 0;
}

async function verify(client: KafkaClient, plan: Placement[], preserveThrottles: boolean): Promise<number> {
  const active = await ongoing(client);
  const current = await currentPlacements(client, [...new Set(plan.map((p) => p.topic))]);
  const lines = ['Status of partition reassignment:'];
  let inProgress = false;
  for (const p of sorted(plan)) {
    if (active.some((a) => same(a, p))) {
      lines.push(`Reassignment of partition ${name(p)} is still in progress.`);
      inProgress = true;
      continue;
    }
    const now = current.find((c) => same(c, p))?.replicas ?? [];
    lines.push(now.join(',') === p.replicas.join(',')
      ? `Reassignment of partition ${name(p)} is completed.`
      : `There is no active reassignment of partition ${name(p)}, but replica set is ${now.join(',')} rather than ${p.replicas.join(',')}.`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!inProgress && !preserveThrottles) await clearThrottles(client, plan);
  return 0;
}

const RATE_KEYS = ['leader.replication.throttled.rate', 'follower.replication.throttled.rate'];
const REPLICA_KEYS = ['leader.replication.throttled.replicas', 'follower.replication.throttled.replicas'];
const SET = 0;
const DELETE = 1;

/** Kafka's modifyReassignmentThrottle: each moving partition's current replicas throttled as
 * leaders, its new ones as followers, and the rate on every broker either side. */
async function setThrottles(client: KafkaClient, plan: Placement[], current: Placement[], rate: number): Promise<void> {
  const leaders = new Map<string, string[]>();
  const followers = new Map<string, string[]>();
  const brokers = new Set<number>();
  for (const p of plan) {
    const sources = current.find((c) => same(c, p))?.replicas ?? [];
    const destinations = p.replicas.filter((b) => !sources.includes(b));
    for (const b of [...sources, ...destinations]) brokers.add(b);
    leaders.set(p.topic, [...(leaders.get(p.topic) ?? []), ...sources.map((b) => `${p.partition}:${b}`)]);
    followers.set(p.topic, [...(followers.get(p.topic) ?? []), ...destinations.map((b) => `${p.partition}:${b}`)]);
  }
  await alterConfigs(client, [...leaders.keys()].map((topic) => ({
    resourceType: 2, resourceName: topic, configs: [
      { name: REPLICA_KEYS[0]!, configOperation: SET, value: [...new Set(leaders.get(topic))].sort().join(',') },
      { name: REPLICA_KEYS[1]!, configOperation: SET, value: [...new Set(followers.get(topic))].sort().join(',') },
    ],
  })));
  await alterBrokerConfigs(client, [...brokers], RATE_KEYS.map((name) => ({ name, configOperation: SET, value: String(rate) })));
}

/** Kafka's clearAllThrottles, once every move of the plan is done. */
async function clearThrottles(client: KafkaClient, plan: Placement[]): Promise<void> {
  const { res } = await client.request(DescribeClusterApi, { includeClusterAuthorizedOperations: false, endpointType: 1 });
  const brokers = [...new Set([...res.brokers.map((b) => b.brokerId), ...plan.flatMap((p) => p.replicas)])].sort((a, b) => a - b);
  process.stdout.write(`Clearing broker-level throttles on broker${brokers.length === 1 ? '' : 's'} ${brokers.join(',')}\n`);
  await alterBrokerConfigs(client, brokers, RATE_KEYS.map((name) => ({ name, configOperation: DELETE, value: null })));
  const topics = [...new Set(plan.map((p) => p.topic))];
  process.stdout.write(`Clearing topic-level throttles on topic${topics.length === 1 ? '' : 's'} ${topics.join(',')}\n`);
  await alterConfigs(client, topics.map((topic) => ({
    resourceType: 2, resourceName: topic, configs: REPLICA_KEYS.map((name) => ({ name, configOperation: DELETE, value: null })),
  })));
}

/** Each broker's resource goes to that broker, as Kafka's admin client sends it. */
async function alterBrokerConfigs(client: KafkaClient, brokers: number[], configs: AlterConfigsResource['configs']): Promise<void> {
  await client.metadata([]);
  for (const id of brokers) await alterConfigs(client, [{ resourceType: 4, resourceName: String(id), configs }], client.broker(id));
}

async function alterConfigs(client: KafkaClient, resources: AlterConfigsResource[], at?: Parameters<KafkaClient['request']>[2]): Promise<void> {
  const { res } = await client.request(IncrementalAlterConfigsApi, { resources, validateOnly: false }, at);
  const failed = res.responses.find((r) => r.errorCode !== 0);
  if (failed) throw new KafkaError(failed.errorCode, `${failed.resourceType === 4 ? 'broker' : 'topic'} ${failed.resourceName}`, failed.errorMessage);
}

async function list(client: KafkaClient): Promise<number> {
  const active = sorted(await ongoing(client));
  const text = active.map((r) => `${name(r)}: replicas: ${r.replicas.join(',')}.`
    + (r.adding.length > 0 ? ` adding: ${r.adding.join(',')}.` : '') + (r.removing.length > 0 ? ` removing: ${r.removing.join(',')}.` : ''));
  process.stdout.write(text.length === 0 ? 'No partition reassignments found.\n' : `Current partition reassignments:\n${text.join('\n')}\n`);
  return 0;
}

async function cancel(client: KafkaClient, plan: Placement[]): Promise<number> {
  const active = await ongoing(client);
  const cancelling = sorted(plan.filter((p) => active.some((a) => same(a, p))));
  if (cancelling.length === 0) {
    process.stdout.write('None of the specified partition reassignments are active.\n');
    return 0;
  }
  const errors = await alter(client, cancelling.map((p) => ({ ...p, replicas: null })));
  if (errors.length > 0) {
    process.stderr.write(`kraftling reassign-partitions: Error cancelling partition reassignment${errors.length === 1 ? '' : 's'} for:\n${errors.join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`Successfully cancelled partition reassignment${cancelling.length === 1 ? '' : 's'} for: ${cancelling.map(name).join(',')}\n`);
  return 0;
}

/** AlterPartitionReassignments (replicas null cancels); the failures as "topic-partition: ERROR message". */
async function alter(client: KafkaClient, changes: { topic: string; partition: number; replicas: number[] | null }[]): Promise<string[]> {
  const topics = [...groupBy(changes, (c) => c.topic)].map(([topic, ofTopic]) => ({
    name: topic, partitions: ofTopic.map((c) => ({ partitionIndex: c.partition, replicas: c.replicas })),
  }));
  const { res } = await client.request(AlterPartitionReassignmentsApi, { timeoutMs: 30_000, topics });
  if (res.errorCode !== 0) throw new KafkaError(res.errorCode, 'AlterPartitionReassignments', res.errorMessage);
  return res.responses.flatMap((t) => t.partitions.filter((p) => p.errorCode !== 0)
    .map((p) => `${t.name}-${p.partitionIndex}: ${errorName(p.errorCode)}${p.errorMessage ? ` (${p.errorMessage})` : ''}`));
}

async function ongoing(client: KafkaClient): Promise<(Placement & { adding: number[]; removing: number[] })[]> {
  const { res } = await client.request(ListPartitionReassignmentsApi, { timeoutMs: 30_000, topics: null });
  if (res.errorCode !== 0) throw new KafkaError(res.errorCode, 'ListPartitionReassignments', res.errorMessage);
  return res.topics.flatMap((t) => t.partitions.map((p: OngoingPartitionReassignment) => ({
    topic: t.name, partition: p.partitionIndex, replicas: p.replicas, adding: p.addingReplicas, removing: p.removingReplicas,
  })));
}

async function currentPlacements(client: KafkaClient, topics: string[]): Promise<Placement[]> {
  if (topics.length === 0) return [];
  const md = await client.metadata(topics);
  const missing = md.topics.find((t) => t.errorCode !== 0);
  if (missing) throw new KafkaError(missing.errorCode, `topic ${missing.name ?? ''}`);
  return md.topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name!, partition: p.partitionIndex, replicas: p.replicaNodes })));
}

function planJson(placements: Placement[]): string {
  return JSON.stringify({
    version: 1,
    partitions: sorted(placements).map((p) => ({ topic: p.topic, partition: p.partition, replicas: p.replicas, log_dirs: p.replicas.map(() => 'any') })),
  });
}

function sorted<T extends { topic: string; partition: number }>(list: T[]): T[] {
  return [...list].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
}

const name = (p: { topic: string; partition: number }): string => `${p.topic}-${p.partition}`;
const same = (a: { topic: string; partition: number }, b: { topic: string; partition: number }): boolean => a.topic === b.topic && a.partition === b.partition;

function readJson(values: Record<string, unknown>, flag: string): unknown {
  const file = values[flag];
  if (typeof file !== 'string') throw new UsageError(`this action needs --${flag} FILE`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read --${flag} ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`--${flag} ${file} is not valid JSON`);
  }
}

/** A reassignment plan; a partition named twice, or a replica list with a broker twice, is refused (as Kafka does). */
export function parsePlan(json: unknown): Placement[] {
  const partitions = (json as { partitions?: unknown }).partitions;
  if (!Array.isArray(partitions)) throw new UsageError('the reassignment file has no "partitions" list');
  const plan = partitions.map((p: { topic?: unknown; partition?: unknown; replicas?: unknown }) => {
    if (typeof p.topic !== 'string' || !Number.isInteger(p.partition) || !Array.isArray(p.replicas) || !p.replicas.every(Number.isInteger)) {
      throw new UsageError(`each partition needs "topic", "partition" and "replicas" (broker ids), got ${JSON.stringify(p)}`);
    }
    return { topic: p.topic, partition: p.partition as number, replicas: p.replicas as number[] };
  });
  const names = plan.map(name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new UsageError(`the reassignment file contains multiple entries for ${twice}`);
  const repeated = plan.find((p) => new Set(p.replicas).size !== p.replicas.length);
  if (repeated) throw new UsageError(`Partition replica lists may not contain duplicate entries: ${name(repeated)} contains multiple entries for ${repeated.replicas.join(',')}`);
  return plan;
}

function parseTopics(json: unknown): string[] {
  const topics = (json as { topics?: unknown }).topics;
  if (!Array.isArray(topics) || !topics.every((t: { topic?: unknown }) => typeof t.topic === 'string')) {
    throw new UsageError('the topics file needs {"topics": [{"topic": "name"}, ...]}');
  }
  return topics.map((t: { topic: string }) => t.topic);
}

function brokerList(value: unknown): number[] {
  const ids = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : [];
  if (ids.length === 0 || !ids.every((s) => /^\d+$/.test(s))) throw new UsageError('--generate needs --broker-list ID[,ID...]');
  const brokers = ids.map(Number);
  if (new Set(brokers).size !== brokers.length) throw new UsageError(`Broker list contains duplicate entries: ${value as string}`);
  return brokers;
}
